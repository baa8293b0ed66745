import type { Collection, Document, Filter, ObjectId } from 'mongodb'
import type { Payload, PayloadRequest } from 'payload'

import { readWebsitePathTemplates, readWebsiteUrl } from '../settings/environment'
import { websitePaths } from '../lib/websitePaths'
import { PUBLISHED, SHOWN_SECTION } from '../policy/readerVisibility'
import type { EntryAuthor, SearchEntryKind } from './buildEntries'
import { SEARCH_LANGUAGES, searchEntriesModel } from './indexWriter'
import type { SearchQuery } from './searchQuery'
import { highlight, snippet } from './snippet'
import { parseQuery, type ParsedQuery } from './tokenize'
import { badRequest } from '../http/clientError'

/**
 * How much work one search may do, whatever the size of the journal. The
 * newest `rankWindow` matches, the newest `keyWindow` matches in a title,
 * subtitle, keyword or name, and up to `authorWindow` authors are ranked;
 * pages reach as far as those go. `totalDocs` counts every match, exactly
 * when the count stays under `countLimit` matches and `countTimeMs`
 * milliseconds, otherwise estimated (`totalDocsExact: false`). See docs/search.md.
 */
export type SearchLimits = {
  authorWindow: number
  countLimit: number
  countTimeMs: number
  keyWindow: number
  rankWindow: number
}

export const SEARCH_LIMITS: SearchLimits = {
  authorWindow: 50,
  countLimit: 10_000,
  countTimeMs: 30,
  keyWindow: 200,
  rankWindow: 500,
}

export type SearchHit = {
  authors: EntryAuthor[]
  /** The title (an author's name) as HTML, matches in `<mark>`. */
  highlightedTitle: string
  /** The article's or author's id. */
  id: string
  kind: SearchEntryKind
  /** The language of the text that matched: the website page to link to is in this language. */
  locale: string
  publishedAt: null | string
  score: number
  /** The article's section, when readers can see it. */
  section: { id: string; slug: string; title: string } | null
  slug: string
  /** A short passage around the matches, as HTML, matches in `<mark>`. */
  snippet: string
  title: string
  /** The page on the website (WEBSITE_URL and the page path templates). */
  url: string
}

export type SearchResults = {
  docs: SearchHit[]
  hasNextPage: boolean
  hasPrevPage: boolean
  limit: number
  page: number
  totalDocs: number
  /** False when `totalDocs` is an estimate (a very common query over a large journal). */
  totalDocsExact: boolean
  totalPages: number
}

/** What ranking reads of an entry: no text, no term lists, only the weights of the query's terms. */
type Candidate = {
  _id: ObjectId
  docId: string
  kind: SearchEntryKind
  language: string
  publishedAt?: Date | null
  weights?: Record<string, number>
}

type Ranked = Candidate & { score: number }

type EntryDetails = Candidate & { authors?: EntryAuthor[]; sectionId?: null | string; slug?: string; text?: string; title?: string }

function entries(payload: Payload): Collection<Document> {
  return searchEntriesModel(payload).collection as unknown as Collection<Document>
}

/** A term's weight in an entry: its field weight, or 1 for a body term. */
function weightOf(candidate: Candidate, term: string): number {
  const weights = candidate.weights
  return weights && Object.hasOwn(weights, term) ? weights[term] : 1
}

function time(value: Date | null | undefined): number {
  return value instanceof Date ? value.getTime() : Number.NEGATIVE_INFINITY
}

/** Best first: score, then newest, then a fixed order so that pages never overlap. */
function compareRanked(a: Ranked, b: Ranked): number {
  return (
    b.score - a.score ||
    time(b.publishedAt) - time(a.publishedAt) ||
    (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) ||
    (a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : 0) ||
    (a.language < b.language ? -1 : a.language > b.language ? 1 : 0)
  )
}

/**
 * The ids of a section readers can see and of every section below it; a 400
 * for any other slug. Reads here and below are made as an anonymous reader
 * (no request, access applied), so that a signed-in caller never widens what
 * search shows.
 */
async function sectionBranch(payload: Payload, slug: string): Promise<string[]> {
  const found = await payload.find({
    collection: 'sections',
    depth: 0,
    limit: 1,
    overrideAccess: false,
    pagination: false,
    select: { slug: true },
    where: { slug: { equals: slug } },
  })
  const section = found.docs[0]
  if (!section) throw badRequest(`section "${slug}" is not a section of the journal`)
  const branch = await payload.find({
    collection: 'sections',
    depth: 0,
    limit: 100,
    overrideAccess: false,
    pagination: false,
    select: { slug: true },
    where: { 'breadcrumbs.doc': { equals: section.id } },
  })
  return [...new Set([String(section.id), ...branch.docs.map((doc) => String(doc.id))])]
}

function isTimeout(error: unknown): boolean {
  const code = (error as { code?: number; codeName?: string }).code
  return code === 50 || (error as { codeName?: string }).codeName === 'MaxTimeMSExpired'
}

type Counted = { exact: boolean; total: number }

/**
 * How many articles match, when more than the ranking window do. Counted
 * within the limits; past them, estimated from the window: the share of
 * the most selective term's entries in the window's date range that match,
 * times all of that term's entries (two counts answered from the index).
 */
async function countArticles(
  collection: Collection<Document>,
  filter: Filter<Document>,
  driving: Filter<Document>,
  oldestInWindow: Date | null | undefined,
  limits: SearchLimits,
): Promise<Counted> {
  try {
    const total = await collection.countDocuments(filter, { limit: limits.countLimit, maxTimeMS: limits.countTimeMs })
    if (total < limits.countLimit) return { exact: true, total }
  } catch (error) {
    if (!isTimeout(error)) throw error
  }
  const [all, recent] = await Promise.all([
    collection.countDocuments(driving),
    oldestInWindow ? collection.countDocuments({ ...driving, publishedAt: { $gte: oldestInWindow } }) : Promise.resolve(0),
  ])
  const estimate = recent > 0 ? Math.round((limits.rankWindow * all) / recent) : all
  return { exact: false, total: Math.max(estimate, limits.rankWindow + 1) }
}

/** Whether a string can be a document id of this database (an entry written by hand could hold anything). */
function isDocumentId(payload: Payload, id: string): boolean {
  return payload.db.defaultIDType === 'number' ? /^\d+$/.test(id) : /^[0-9a-f]{24}$/i.test(id)
}

/** Articles among the hits that readers can read now, read as an anonymous reader would. */
async function readableArticleIds(payload: Payload, candidates: string[]): Promise<Set<string>> {
  const ids = candidates.filter((id) => isDocumentId(payload, id))
  if (ids.length === 0) return new Set()
  const { docs } = await payload.find({
    collection: 'articles',
    depth: 0,
    limit: ids.length,
    overrideAccess: false,
    pagination: false,
    select: { slug: true },
    where: { and: [{ id: { in: ids } }, PUBLISHED] },
  })
  return new Set(docs.map((doc) => String(doc.id)))
}

type SectionTitles = Map<string, { slug: string; title: Record<string, string> | string }>

/** Sections readers can see, every language of their title at once. */
async function shownSections(payload: Payload, ids: string[]): Promise<SectionTitles> {
  if (ids.length === 0) return new Map()
  const { docs } = await payload.find({
    collection: 'sections',
    depth: 0,
    limit: ids.length,
    locale: 'all',
    overrideAccess: false,
    pagination: false,
    select: { slug: true, title: true },
    where: { and: [{ id: { in: ids } }, SHOWN_SECTION] },
  })
  return new Map(docs.map((doc) => [String(doc.id), { slug: doc.slug, title: doc.title as unknown as Record<string, string> | string }]))
}

function titleIn(title: Record<string, string> | string, language: string, defaultLanguage: string): string {
  if (typeof title === 'string') return title
  return title[language] || title[defaultLanguage] || ''
}

/**
 * Searches the index (see docs/search.md): every query term must match (in
 * any field); hits are ranked by the weights of the fields the terms are
 * found in, then newest first; a page of them comes back with a highlighted
 * title and snippet. Only published articles are ever in the index, and each
 * article hit is checked against what an anonymous reader may read.
 */
export async function runSearch(req: PayloadRequest, query: SearchQuery, limits: SearchLimits = SEARCH_LIMITS): Promise<SearchResults> {
  const { payload } = req
  const parsed = parseQuery(query.q)
  const { defaultLanguage, languages: allLanguages } = SEARCH_LANGUAGES
  const sectionIds = query.section ? await sectionBranch(payload, query.section) : undefined
  const empty: SearchResults = {
    docs: [],
    hasNextPage: false,
    hasPrevPage: query.page > 1,
    limit: query.limit,
    page: query.page,
    totalDocs: 0,
    totalDocsExact: true,
    totalPages: 0,
  }
  // Only stop words ("the", "of"): nothing is indexed under them.
  if (parsed.terms.length === 0) return empty

  const collection = entries(payload)
  const languages = query.locale === 'all' ? allLanguages : [query.locale]
  const language = languages.length === 1 ? languages[0] : { $in: languages }

  // Rarest term first, so that the index walks the shortest list of entries; a term found nowhere ends the search.
  let terms = parsed.terms
  if (terms.length > 1) {
    const frequencies = await Promise.all(terms.map((term) => collection.countDocuments({ language, terms: term }, { limit: limits.countLimit })))
    if (frequencies.some((frequency) => frequency === 0)) return empty
    terms = terms.map((term, index) => ({ frequency: frequencies[index], term })).sort((a, b) => a.frequency - b.frequency).map(({ term }) => term)
  }

  const projection: Document = { docId: 1, kind: 1, language: 1, publishedAt: 1 }
  for (const term of terms) projection[`weights.${term}`] = 1
  const articleFilter: Filter<Document> = {
    kind: 'article',
    language,
    terms: { $all: terms },
    ...(sectionIds ? { sectionId: { $in: sectionIds } } : {}),
  }
  const newestFirst = { publishedAt: -1 } as const
  const [newest, keyMatches, authors] = await Promise.all([
    collection.find<Candidate>(articleFilter, { limit: limits.rankWindow + 1, projection, sort: newestFirst }).toArray(),
    collection.find<Candidate>({ ...articleFilter, keyTerms: { $in: terms } }, { limit: limits.keyWindow, projection, sort: newestFirst }).toArray(),
    sectionIds
      ? Promise.resolve([] as Candidate[])
      : collection.find<Candidate>({ kind: 'author', language, terms: { $all: terms } }, { limit: limits.authorWindow, projection }).toArray(),
  ])

  const overflow = newest.length > limits.rankWindow
  const window = newest.slice(0, limits.rankWindow)
  const candidates = new Map<string, Candidate>()
  for (const candidate of [...window, ...keyMatches, ...authors]) candidates.set(String(candidate._id), candidate)
  const ranked = [...candidates.values()]
    .map((candidate) => ({ ...candidate, score: terms.reduce((sum, term) => sum + weightOf(candidate, term), 0) }))
    .sort(compareRanked)

  const articles: Counted = overflow
    ? await countArticles(collection, articleFilter, { kind: 'article', language, terms: terms[0] }, window.at(-1)?.publishedAt, limits)
    : { exact: true, total: window.length }
  const totalDocs = articles.total + authors.length
  const totalPages = Math.ceil(Math.min(totalDocs, ranked.length) / query.limit)
  const pageOfRanked = ranked.slice((query.page - 1) * query.limit, query.page * query.limit)

  return {
    docs: await hitsOf(req, pageOfRanked, parsed, defaultLanguage),
    hasNextPage: query.page < totalPages,
    hasPrevPage: query.page > 1,
    limit: query.limit,
    page: query.page,
    totalDocs,
    totalDocsExact: articles.exact,
    totalPages,
  }
}

/** A page of ranked entries as hits: display fields, snippets, sections, website URLs. */
async function hitsOf(req: PayloadRequest, ranked: Ranked[], parsed: ParsedQuery, defaultLanguage: string): Promise<SearchHit[]> {
  if (ranked.length === 0) return []
  const { payload } = req
  const details = await entries(payload)
    .find<EntryDetails>(
      { _id: { $in: ranked.map((entry) => entry._id) } },
      { projection: { authors: 1, docId: 1, kind: 1, language: 1, publishedAt: 1, sectionId: 1, slug: 1, text: 1, title: 1 } },
    )
    .toArray()
  const byId = new Map(details.map((entry) => [String(entry._id), entry]))
  const articleIds = [...new Set(details.filter((entry) => entry.kind === 'article').map((entry) => entry.docId))]
  const sectionIds = [...new Set(details.map((entry) => entry.sectionId).filter((id): id is string => Boolean(id)))]
  const [readable, sections] = await Promise.all([readableArticleIds(payload, articleIds), shownSections(payload, sectionIds)])
  const stale = articleIds.filter((id) => !readable.has(id))
  if (stale.length) {
    payload.logger.warn({ articles: stale, msg: 'The search index holds articles readers cannot read: run `npm run reindex`' })
  }
  const paths = websitePaths(readWebsitePathTemplates())
  const websiteUrl = readWebsiteUrl()

  return ranked.flatMap((entry): SearchHit[] => {
    const detail = byId.get(String(entry._id))
    if (!detail || (detail.kind === 'article' && !readable.has(detail.docId))) return []
    const title = detail.title ?? ''
    const section = detail.sectionId ? sections.get(detail.sectionId) : undefined
    const slug = detail.slug ?? ''
    const path = detail.kind === 'article' ? paths.article(detail.language, slug) : paths.author(detail.language, slug)
    return [
      {
        authors: detail.authors ?? [],
        highlightedTitle: highlight(title, parsed),
        id: detail.docId,
        kind: detail.kind,
        locale: detail.language,
        publishedAt: detail.publishedAt instanceof Date ? detail.publishedAt.toISOString() : null,
        score: entry.score,
        section: section && detail.sectionId ? { id: detail.sectionId, slug: section.slug, title: titleIn(section.title, detail.language, defaultLanguage) } : null,
        slug,
        snippet: snippet(detail.text ?? '', parsed),
        title,
        url: `${websiteUrl}${path}`,
      },
    ]
  })
}
