import type { PopulateType, SelectType } from 'payload'

import type { Article, Section } from '../payload-types'

/**
 * What a list of articles carries: enough for a card or a teaser (title,
 * lead, byline, section, image, dates, language), never the body.
 */
export const articleSummarySelect = {
  authors: true,
  availableLocales: true,
  contentLocale: true,
  featuredImage: true,
  issue: true,
  lead: true,
  publishedAt: true,
  readingTime: true,
  section: true,
  slug: true,
  subtitle: true,
  title: true,
  translations: true,
} satisfies SelectType

/** What related documents bring into a list, one level deep. */
export const articleSummaryPopulate = {
  authors: { name: true, slug: true },
  sections: { breadcrumbs: true, slug: true, title: true },
} satisfies PopulateType

/** Sorting for the website: newest first, the id breaking ties so pages never overlap. */
export const newestFirst = ['-publishedAt', '-id']

/** An article as lists carry it (the fields of `articleSummarySelect`). */
export type ArticleSummary = Partial<Article> & Pick<Article, 'id' | 'slug' | 'title'>

/** A section as lists and breadcrumbs carry it. */
export type SectionSummary = Partial<Section> & Pick<Section, 'id' | 'slug' | 'title'>
