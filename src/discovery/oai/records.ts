import type { Payload, Where } from 'payload'

import { OAI_TOMBSTONES_SLUG } from './OaiTombstones'
import { PUBLISHED } from '../../policy/readerVisibility'

type Localized<T> = Partial<Record<string, T>>

/** A published article read in every language at once (`locale: 'all'`), as readers may see it. */
export type PublicArticle = {
  authors?: (number | string | { id: number | string })[] | null
  availableLocales?: null | string[]
  doi?: null | string
  id: string
  issue?: { number?: null | number; volume?: null | number; year?: null | number } | null
  keywords?: Localized<null | string[]> | null
  lead?: Localized<null | string> | null
  publishedAt?: null | string
  section?: null | number | string | { id: number | string }
  slug?: null | string
  subtitle?: Localized<null | string> | null
  title?: Localized<null | string> | null
  updatedAt: string
}

/** One record of the repository: a published article, or one that is gone (deleted or unpublished). */
export type HarvestRecord =
  | { article: PublicArticle; datestamp: Date; deleted: false; id: string }
  | { datestamp: Date; deleted: true; id: string; setSpecs: string[] }

/** Which records a list holds: the `from`, `until` and `set` arguments. */
export type RecordSelection = {
  from?: Date
  /** The first instant after the `until` argument (until is inclusive). */
  until?: Date
  set?: { sectionIds: string[]; spec: string }
}

/** A position in datestamp order: records after the one with this datestamp and id. */
export type RecordKey = { datestamp: number; id: string }

type StoredTombstone = { article: string; deletedAt: string; setSpecs?: null | string[] }

const HEADER_FIELDS = { section: true, updatedAt: true } as const
const RECORD_FIELDS = {
  ...HEADER_FIELDS,
  authors: true,
  availableLocales: true,
  doi: true,
  issue: true,
  keywords: true,
  lead: true,
  publishedAt: true,
  slug: true,
  subtitle: true,
  title: true,
} as const

function dateRange(field: string, selection: RecordSelection): Where[] {
  const conditions: Where[] = []
  if (selection.from) conditions.push({ [field]: { greater_than_equal: selection.from.toISOString() } })
  if (selection.until) conditions.push({ [field]: { less_than: selection.until.toISOString() } })
  return conditions
}

function after(dateField: string, idField: string, key: RecordKey | undefined): Where[] {
  if (!key) return []
  const at = new Date(key.datestamp).toISOString()
  return [{ or: [{ [dateField]: { greater_than: at } }, { and: [{ [dateField]: { equals: at } }, { [idField]: { greater_than: key.id } }] }] }]
}

function articleWhere(selection: RecordSelection, key?: RecordKey, id?: string): Where {
  const conditions: Where[] = [PUBLISHED, ...dateRange('updatedAt', selection), ...after('updatedAt', 'id', key)]
  if (selection.set) conditions.push({ section: { in: selection.set.sectionIds } })
  if (id !== undefined) conditions.push({ id: { equals: id } })
  return { and: conditions }
}

function tombstoneWhere(selection: RecordSelection, key?: RecordKey, id?: string): Where {
  const conditions: Where[] = [...dateRange('deletedAt', selection), ...after('deletedAt', 'article', key)]
  if (selection.set) conditions.push({ setSpecs: { in: [selection.set.spec] } })
  if (id !== undefined) conditions.push({ article: { equals: id } })
  return conditions.length ? { and: conditions } : {}
}

function articleRecord(article: PublicArticle): HarvestRecord {
  return { article, datestamp: new Date(article.updatedAt), deleted: false, id: String(article.id) }
}

function tombstoneRecord(tombstone: StoredTombstone): HarvestRecord {
  return { datestamp: new Date(tombstone.deletedAt), deleted: true, id: tombstone.article, setSpecs: tombstone.setSpecs ?? [] }
}

function compareRecords(a: HarvestRecord, b: HarvestRecord): number {
  const byDate = a.datestamp.getTime() - b.datestamp.getTime()
  if (byDate !== 0) return byDate
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/**
 * Published articles are read as an anonymous reader reads them (access
 * control on, no user): never a draft. Tombstones are the CMS's own record
 * of what readers lost.
 */
function findArticles(payload: Payload, where: Where, limit: number, full: boolean) {
  return payload.find({
    collection: 'articles',
    depth: 0,
    limit,
    locale: 'all',
    overrideAccess: false,
    pagination: false,
    select: full ? RECORD_FIELDS : HEADER_FIELDS,
    sort: ['updatedAt', 'id'],
    where,
  })
}

function findTombstones(payload: Payload, where: Where, limit: number) {
  return payload.find({
    collection: OAI_TOMBSTONES_SLUG,
    depth: 0,
    limit,
    overrideAccess: true,
    pagination: false,
    select: { article: true, deletedAt: true, setSpecs: true },
    sort: ['deletedAt', 'article'],
    where,
  })
}

/**
 * One part of a list, in datestamp order (the id breaking ties): up to
 * `limit` records after `key`, articles and tombstones merged, and whether
 * more follow. `full` reads what the metadata needs; otherwise only headers.
 */
export async function listRecords(
  payload: Payload,
  selection: RecordSelection,
  key: RecordKey | undefined,
  limit: number,
  full: boolean,
): Promise<{ hasMore: boolean; records: HarvestRecord[] }> {
  const [articles, tombstones] = await Promise.all([
    findArticles(payload, articleWhere(selection, key), limit + 1, full),
    findTombstones(payload, tombstoneWhere(selection, key), limit + 1),
  ])
  const merged = [
    ...(articles.docs as unknown as PublicArticle[]).map(articleRecord),
    ...(tombstones.docs as unknown as StoredTombstone[]).map(tombstoneRecord),
  ].sort(compareRecords)
  return { hasMore: merged.length > limit, records: merged.slice(0, limit) }
}

/** How many records the whole list holds now: the `completeListSize`. */
export async function countRecords(payload: Payload, selection: RecordSelection): Promise<number> {
  const [articles, tombstones] = await Promise.all([
    payload.count({ collection: 'articles', overrideAccess: false, where: articleWhere(selection) }),
    payload.count({ collection: OAI_TOMBSTONES_SLUG, overrideAccess: true, where: tombstoneWhere(selection) }),
  ])
  return articles.totalDocs + tombstones.totalDocs
}

/** The record of one article: published, gone, or undefined when harvesters never could have seen it. */
export async function findRecord(payload: Payload, articleId: string, full: boolean): Promise<HarvestRecord | undefined> {
  const articles = await findArticles(payload, articleWhere({}, undefined, articleId), 1, full)
  const article = articles.docs[0] as unknown as PublicArticle | undefined
  if (article) return articleRecord(article)
  const tombstones = await findTombstones(payload, tombstoneWhere({}, undefined, articleId), 1)
  const tombstone = tombstones.docs[0] as unknown as StoredTombstone | undefined
  return tombstone ? tombstoneRecord(tombstone) : undefined
}

/** The oldest datestamp of any record, or undefined when the repository holds none. */
export async function earliestDatestamp(payload: Payload): Promise<Date | undefined> {
  const { records } = await listRecords(payload, {}, undefined, 1, false)
  return records[0]?.datestamp
}
