import type { PayloadRequest, PopulateType, SelectType, Where } from 'payload'

import type { Article, Section } from '../payload-types'
import type { ReaderQuery } from '../policy/readerQuery'

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

/** A page of the articles matching `where`, as lists carry them, newest first, with the reader's access. */
export function findArticleSummaries(req: PayloadRequest, query: ReaderQuery, depth: number, where: Where) {
  return req.payload.find({
    collection: 'articles',
    depth,
    draft: query.draft,
    limit: query.limit,
    locale: query.locale,
    overrideAccess: false,
    page: query.page,
    populate: articleSummaryPopulate,
    req,
    select: articleSummarySelect,
    sort: newestFirst,
    where,
  })
}

/** The sections readers can see matching `where` (all when unset), as breadcrumbs and lists carry them, in display order. */
export function findSectionSummaries(req: PayloadRequest, locale: ReaderQuery['locale'], where?: Where) {
  return req.payload.find({
    collection: 'sections',
    depth: 0,
    limit: 100,
    locale,
    overrideAccess: false,
    pagination: false,
    req,
    select: { breadcrumbs: true, slug: true, title: true },
    sort: ['order', 'id'],
    where,
  })
}
