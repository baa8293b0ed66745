import type { MongooseAdapter } from '@payloadcms/db-mongodb'
import type { ClientSession } from 'mongoose'
import type { Payload, PayloadRequest } from 'payload'

import { SEARCH_ENTRIES_SLUG } from './SearchEntries'
import {
  articleEntries,
  authorEntries,
  relationId,
  type SearchEntryData,
  type SearchEntryKind,
  type StoredArticle,
  type StoredAuthor,
} from './buildEntries'
import { collectionModel, transactionSession } from '../database/payloadInternals'
import { LOCALES, DEFAULT_LOCALE } from '../policy/languages'
import { isPublished, PUBLISHED } from '../policy/readerVisibility'

/** What an entry needs of an article as stored: every language of the searched fields, nothing else. */
export const STORED_ARTICLE_SELECT = {
  _status: true,
  authors: true,
  availableLocales: true,
  body: true,
  keywords: true,
  lead: true,
  publishedAt: true,
  section: true,
  slug: true,
  subtitle: true,
  title: true,
} as const

/** Articles read and indexed at a time when many are re-indexed together. */
export const ARTICLE_BATCH = 100

export const STORED_AUTHOR_SELECT = { affiliation: true, bio: true, name: true, position: true, slug: true } as const

/** The mongoose model of the search entries, for the queries Payload's adapter has no words for (bulk writes, projections). */
export function searchEntriesModel(payload: Payload): MongooseAdapter['collections'][string] {
  return collectionModel(payload, SEARCH_ENTRIES_SLUG)
}

/** The languages entries are written in: the journal's. */
export const SEARCH_LANGUAGES: { defaultLanguage: string; languages: readonly string[] } = { defaultLanguage: DEFAULT_LOCALE, languages: LOCALES }

/** The stored authors with these ids, by id: one query. */
export async function storedAuthorsById(payload: Payload, ids: string[], req?: PayloadRequest): Promise<Map<string, StoredAuthor>> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return new Map()
  const { docs } = await payload.db.find<StoredAuthor>({
    collection: 'authors',
    limit: 0,
    pagination: false,
    req,
    select: STORED_AUTHOR_SELECT,
    where: { id: { in: unique } },
  })
  return new Map(docs.map((author) => [String(author.id), author]))
}

/** The entries of stored articles (those that are published), with their authors read in one query. */
export async function entriesOfArticles(payload: Payload, articles: StoredArticle[], req?: PayloadRequest): Promise<Map<string, SearchEntryData[]>> {
  const published = articles.filter(isPublished)
  const authorIds = published.flatMap((article) => (article.authors ?? []).map(relationId).filter((id): id is string => id !== null))
  const authors = await storedAuthorsById(payload, authorIds, req)
  const languages = SEARCH_LANGUAGES
  return new Map(articles.map((article) => [String(article.id), isPublished(article) ? articleEntries(article, authors, languages) : []]))
}

/**
 * The database session of the request's transaction, if it has one, so that
 * index writes join it (they commit or roll back with the change they follow).
 */
function sessionOf(req: PayloadRequest | undefined): Promise<ClientSession | undefined> {
  return transactionSession(req)
}

/**
 * Writes entries, each replacing the entry of the same key (or added), in one
 * round trip. Written as whole documents, so nothing of an entry's previous
 * terms or weights survives.
 */
export async function writeEntries(payload: Payload, entries: SearchEntryData[], req?: PayloadRequest): Promise<void> {
  if (entries.length === 0) return
  await searchEntriesModel(payload).collection.bulkWrite(
    entries.map((entry) => ({ replaceOne: { filter: { key: entry.key }, replacement: entry, upsert: true } })),
    { ordered: false, session: await sessionOf(req) },
  )
}

/**
 * Makes the index hold exactly `entries` for one document: each written by
 * its key, and the document's other entries (languages it no longer has)
 * removed. Runs with the request, in its transaction where the database has them.
 */
async function replaceEntries(req: PayloadRequest, kind: SearchEntryKind, docId: string, entries: SearchEntryData[]): Promise<void> {
  await writeEntries(req.payload, entries, req)
  await searchEntriesModel(req.payload).collection.deleteMany(
    { docId, key: { $nin: entries.map((entry) => entry.key) }, kind },
    { session: await sessionOf(req) },
  )
}

/** Removes every entry of these documents. */
export async function removeEntries(req: PayloadRequest, kind: SearchEntryKind, docIds: (number | string)[]): Promise<void> {
  if (docIds.length === 0) return
  await searchEntriesModel(req.payload).collection.deleteMany({ docId: { $in: docIds.map(String) }, kind }, { session: await sessionOf(req) })
}

/**
 * Brings the entries of these articles in line with what readers get: the
 * stored document, which is the published version (a newer draft lives only
 * among the versions). Published: indexed in each of its languages; a draft
 * that was never published, unpublished or gone: removed.
 */
export async function indexArticles(req: PayloadRequest, ids: (number | string)[]): Promise<void> {
  if (ids.length === 0) return
  const { docs } = await req.payload.db.find<StoredArticle>({
    collection: 'articles',
    limit: 0,
    pagination: false,
    req,
    select: STORED_ARTICLE_SELECT,
    where: { id: { in: ids } },
  })
  await indexStoredArticles(req, ids, docs)
}

/** Brings the entries of these articles in line with their stored documents, already read (`docs`; a missing one is gone). */
export async function indexStoredArticles(req: PayloadRequest, ids: (number | string)[], docs: StoredArticle[]): Promise<void> {
  const entries = await entriesOfArticles(req.payload, docs, req)
  for (const id of ids.map(String)) {
    const articleEntries = entries.get(id) ?? []
    if (articleEntries.length) await replaceEntries(req, 'article', id, articleEntries)
    else await removeEntries(req, 'article', [id])
  }
}

/** Brings an author's entries in line with the stored author (removed when the author is gone). */
export async function indexAuthor(req: PayloadRequest, id: number | string): Promise<void> {
  const author = (await storedAuthorsById(req.payload, [String(id)], req)).get(String(id))
  if (!author) {
    await removeEntries(req, 'author', [id])
    return
  }
  await replaceEntries(req, 'author', String(id), authorEntries(author, SEARCH_LANGUAGES))
}

/** Re-indexes the published articles that name this author (after a rename, a new slug or a deletion). */
export async function indexArticlesOfAuthor(req: PayloadRequest, authorId: number | string): Promise<void> {
  const { docs } = await req.payload.db.find<{ id: number | string }>({
    collection: 'articles',
    limit: 0,
    pagination: false,
    req,
    select: { id: true },
    where: { and: [{ authors: { in: [authorId] } }, PUBLISHED] },
  })
  const ids = docs.map((doc) => doc.id)
  // In batches, so that an author of many articles never has all their bodies in memory at once.
  for (let start = 0; start < ids.length; start += ARTICLE_BATCH) await indexArticles(req, ids.slice(start, start + ARTICLE_BATCH))
}
