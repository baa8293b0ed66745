import type { PayloadRequest, Where } from 'payload'

import type { WebsitePaths } from '../lib/websitePaths'
import { isPublished, isShownSection, isVisibleContact, PUBLISHED } from '../policy/readerVisibility'
import type { WebhookCollection } from './events'

/** A document as hooks see it: relationships as ids or populated documents. */
export type SourceDocument = { [field: string]: unknown; id: number | string }

export type PathContext = {
  locales: readonly string[]
  paths: WebsitePaths
  req: PayloadRequest
}

export type WebhookSource = {
  /** Whether readers can see the document in this state. */
  visible(doc: SourceDocument): boolean
  /** Website paths whose pages show these documents (a document before and after a change). */
  paths(docs: SourceDocument[], context: PathContext): Promise<string[]>
}

function idOf(value: unknown): string | undefined {
  if (typeof value === 'string' || typeof value === 'number') return String(value)
  if (value && typeof value === 'object' && 'id' in value) return idOf((value as { id: unknown }).id)
  return undefined
}

function distinct<T>(values: (T | undefined)[]): T[] {
  return [...new Set(values.filter((value): value is T => value !== undefined && value !== null && value !== ''))]
}

function idsOf(docs: SourceDocument[], field: string): string[] {
  return distinct(docs.flatMap((doc) => (Array.isArray(doc[field]) ? (doc[field] as unknown[]) : [doc[field]]).map(idOf)))
}

function slugsOf(docs: SourceDocument[]): string[] {
  return distinct(docs.map((doc) => (typeof doc.slug === 'string' ? doc.slug : undefined)))
}

function everyLocale(context: PathContext, page: (locale: string) => string): string[] {
  return context.locales.map(page)
}

function homePages(context: PathContext): string[] {
  return everyLocale(context, (locale) => context.paths.home(locale))
}

function articlePages(slugs: string[], context: PathContext): string[] {
  return slugs.flatMap((slug) => everyLocale(context, (locale) => context.paths.article(locale, slug)))
}

function authorPages(slugs: string[], context: PathContext): string[] {
  return slugs.flatMap((slug) => everyLocale(context, (locale) => context.paths.author(locale, slug)))
}

type Breadcrumb = { url?: null | string }

/** The URLs of a section and every section above it, from its breadcrumbs (the same in every language). */
function sectionUrls(section: SourceDocument): string[] {
  let breadcrumbs = section.breadcrumbs as Breadcrumb[] | Record<string, Breadcrumb[]> | null | undefined
  // Read with locale 'all', breadcrumbs come per language; their URLs do not differ.
  if (breadcrumbs && !Array.isArray(breadcrumbs)) breadcrumbs = Object.values(breadcrumbs).find(Array.isArray)
  const urls = distinct((breadcrumbs ?? []).map((crumb) => crumb.url ?? undefined))
  if (urls.length) return urls
  return typeof section.slug === 'string' ? [`/${section.slug}`] : []
}

function sectionPages(sections: SourceDocument[], context: PathContext): string[] {
  const urls = distinct(sections.flatMap(sectionUrls))
  return urls.flatMap((url) => everyLocale(context, (locale) => context.paths.section(locale, url)))
}

async function find(
  context: PathContext,
  collection: 'articles' | 'authors' | 'sections',
  where: Where,
  select: Record<string, true>,
): Promise<SourceDocument[]> {
  const { docs } = await context.req.payload.find({
    collection,
    depth: 0,
    overrideAccess: true,
    pagination: false,
    req: context.req,
    select,
    where,
  })
  return docs as unknown as SourceDocument[]
}

/** Slugs of the published articles matching a condition. */
async function publishedArticleSlugs(context: PathContext, where: Where): Promise<string[]> {
  const articles = await find(context, 'articles', { and: [where, PUBLISHED] }, { slug: true })
  return slugsOf(articles)
}

const articles: WebhookSource = {
  visible: isPublished,
  async paths(docs, context) {
    const sectionIds = idsOf(docs, 'section')
    const authorIds = idsOf(docs, 'authors')
    const sections = sectionIds.length
      ? await find(context, 'sections', { id: { in: sectionIds } }, { breadcrumbs: true, slug: true })
      : []
    const authors = authorIds.length ? await find(context, 'authors', { id: { in: authorIds } }, { slug: true }) : []
    return [
      ...articlePages(slugsOf(docs), context),
      ...sectionPages(sections, context),
      ...authorPages(slugsOf(authors), context),
      ...homePages(context),
    ]
  },
}

const authors: WebhookSource = {
  visible: () => true,
  async paths(docs, context) {
    // Bylines show the author's name, position and affiliation on each of their articles.
    const bylines = await publishedArticleSlugs(context, { authors: { in: docs.map((doc) => String(doc.id)) } })
    return [...authorPages(slugsOf(docs), context), ...articlePages(bylines, context), ...homePages(context)]
  },
}

const sections: WebhookSource = {
  visible: isShownSection,
  async paths(docs, context) {
    // Article pages show their section's title and breadcrumbs.
    const inSection = await publishedArticleSlugs(context, { section: { in: docs.map((doc) => String(doc.id)) } })
    return [...sectionPages(docs, context), ...articlePages(inSection, context), ...homePages(context)]
  },
}

const contacts: WebhookSource = {
  visible: isVisibleContact,
  // The directory is the contact page; its entries also make up the footer of every page.
  paths: async (_docs, context) => [
    ...everyLocale(context, (locale) => context.paths.contact(locale)),
    ...homePages(context),
  ],
}

const media: WebhookSource = {
  visible: () => true,
  async paths(docs, context) {
    const ids = docs.map((doc) => String(doc.id))
    const featuredIn = await publishedArticleSlugs(context, { featuredImage: { in: ids } })
    const portraits = await find(context, 'authors', { photo: { in: ids } }, { slug: true })
    return [
      ...articlePages(featuredIn, context),
      ...authorPages(slugsOf(portraits), context),
      ...(featuredIn.length ? homePages(context) : []),
    ]
  },
}

export const WEBHOOK_SOURCES: Record<WebhookCollection, WebhookSource> = {
  articles,
  authors,
  contacts,
  media,
  sections,
}

/** The slug per language: one slug serves every language in this CMS, but the event says so per language. */
export function slugPerLocale(doc: SourceDocument, locales: readonly string[]): null | Record<string, string> {
  const slug = doc.slug
  if (typeof slug === 'string') return Object.fromEntries(locales.map((locale) => [locale, slug]))
  if (slug && typeof slug === 'object') {
    const entries = locales.flatMap((locale) => {
      const value = (slug as Record<string, unknown>)[locale]
      return typeof value === 'string' ? [[locale, value]] : []
    })
    return entries.length ? Object.fromEntries(entries) : null
  }
  return null
}

export function uniquePaths(paths: string[]): string[] {
  return [...new Set(paths)]
}
