import type { Payload, Where } from 'payload'

import { markContentChanged } from '../contentState/contentState'
import { PUBLISHED } from '../policy/readerVisibility'
import { authorEntries, type StoredArticle, type StoredAuthor } from './buildEntries'
import {
  ARTICLE_BATCH,
  entriesOfArticles,
  searchEntriesModel,
  SEARCH_LANGUAGES,
  STORED_ARTICLE_SELECT,
  STORED_AUTHOR_SELECT,
  writeEntries,
} from './indexWriter'

export type RebuildReport = {
  articles: number
  authors: number
  entries: number
  /** Entries of documents no longer published or gone, removed. */
  removed: number
}

export type RebuildProgress = { articles: number; authors: number }

/** Every stored document matching `where`, in batches in id order (each batch one query, resumed after the last id). */
async function* inBatches<T extends { id: number | string }>(
  payload: Payload,
  collection: 'articles' | 'authors',
  where: Where,
  select: Record<string, true>,
  size: number,
): AsyncGenerator<T[]> {
  let after: number | string | undefined
  for (;;) {
    const { docs } = await payload.db.find<T>({
      collection,
      limit: size,
      pagination: false,
      select,
      sort: 'id',
      where: after === undefined ? where : { and: [where, { id: { greater_than: after } }] },
    })
    if (docs.length === 0) return
    yield docs
    after = docs[docs.length - 1].id
    if (docs.length < size) return
  }
}

/**
 * Rebuilds the search index from the stored documents: every author and
 * every published article is (re)written, then every entry not written since
 * the rebuild began is removed (documents unpublished or deleted, entries of
 * an older format). Readers keep getting answers all along; changes saved
 * while it runs are indexed by the hooks as usual.
 */
export async function rebuildSearchIndex(payload: Payload, { onProgress }: { onProgress?: (progress: RebuildProgress) => void } = {}): Promise<RebuildReport> {
  const startedAt = new Date()
  const report: RebuildReport = { articles: 0, authors: 0, entries: 0, removed: 0 }
  const languages = SEARCH_LANGUAGES

  for await (const authors of inBatches<StoredAuthor>(payload, 'authors', {}, STORED_AUTHOR_SELECT, 500)) {
    const entries = authors.flatMap((author) => authorEntries(author, languages))
    await writeEntries(payload, entries)
    report.authors += authors.length
    report.entries += entries.length
    onProgress?.({ articles: report.articles, authors: report.authors })
  }

  for await (const articles of inBatches<StoredArticle>(payload, 'articles', PUBLISHED, STORED_ARTICLE_SELECT, ARTICLE_BATCH)) {
    const entries = [...(await entriesOfArticles(payload, articles)).values()].flat()
    await writeEntries(payload, entries)
    report.articles += articles.length
    report.entries += entries.length
    onProgress?.({ articles: report.articles, authors: report.authors })
  }

  const { deletedCount } = await searchEntriesModel(payload).collection.deleteMany({ indexedAt: { $lt: startedAt } })
  report.removed = deletedCount
  // Written past the hooks: answers cached for the old index are out of date.
  await markContentChanged(payload)
  payload.logger.info({ ...report, msg: 'Search index rebuilt' })
  return report
}
