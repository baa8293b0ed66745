import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, PayloadRequest } from 'payload'

import type { Article, Author } from '../payload-types'
import type { StoredArticle } from './buildEntries'
import { storedAfterSave } from '../database/storedDocument'
import { isPublished } from '../policy/readerVisibility'
import { indexArticlesOfAuthor, indexAuthor, indexStoredArticles, removeEntries } from './indexWriter'

/**
 * `context.skipSearchIndex`: leave the search index alone for this change
 * (bulk work that runs `npm run reindex` afterwards).
 */
export const SKIP_SEARCH_INDEX = 'skipSearchIndex'

/**
 * Runs one index update; a failure is logged and fails the save. Inside a
 * transaction Payload aborts the whole request on any failed call, so going
 * on as if nothing happened would report a save that was rolled back.
 */
async function updateIndex(req: PayloadRequest, what: string, update: () => Promise<void>): Promise<void> {
  try {
    await update()
  } catch (error) {
    req.payload.logger.error({ err: error, msg: `Could not update the search index for ${what}` })
    throw error
  }
}

/**
 * After an article is saved. Publishing, or saving a published article,
 * writes the stored (published) document, which is indexed. Saving a draft
 * leaves the stored document as it was (Payload keeps the draft among the
 * versions): a draft over a published article changes nothing readers see,
 * so the index keeps the published text; an unpublished article (stored
 * status draft) leaves the index.
 */
export const indexArticleAfterChange: CollectionAfterChangeHook<Article> = async ({ context, doc, operation, req }) => {
  if (context[SKIP_SEARCH_INDEX]) return doc
  // A new draft has never been in the index.
  if (doc._status !== 'published' && operation === 'create') return doc
  await updateIndex(req, `article ${doc.id}`, async () => {
    // Read once per save, shared with the other hooks that need the stored article (src/database/storedDocument.ts).
    const stored = (await storedAfterSave(req, 'articles', doc.id)) as null | StoredArticle
    if (doc._status === 'published') await indexStoredArticles(req, [doc.id], stored ? [stored] : [])
    else if (!stored || !isPublished(stored)) await removeEntries(req, 'article', [doc.id])
  })
  return doc
}

export const removeArticleAfterDelete: CollectionAfterDeleteHook<Article> = async ({ context, id, req, doc }) => {
  if (context[SKIP_SEARCH_INDEX]) return doc
  await updateIndex(req, `article ${id}`, () => removeEntries(req, 'article', [id]))
  return doc
}

/**
 * After an author is saved: the author's own entries, and, when the name or
 * slug changed (in the language saved), the entries of their published
 * articles, which show and are found by the byline.
 */
export const indexAuthorAfterChange: CollectionAfterChangeHook<Author> = async ({ context, doc, operation, previousDoc, req }) => {
  if (context[SKIP_SEARCH_INDEX]) return doc
  await updateIndex(req, `author ${doc.id}`, async () => {
    await indexAuthor(req, doc.id)
    const bylineChanged = operation === 'update' && (doc.name !== previousDoc?.name || doc.slug !== previousDoc?.slug)
    if (bylineChanged) await indexArticlesOfAuthor(req, doc.id)
  })
  return doc
}

export const removeAuthorAfterDelete: CollectionAfterDeleteHook<Author> = async ({ context, id, req, doc }) => {
  if (context[SKIP_SEARCH_INDEX]) return doc
  await updateIndex(req, `author ${id}`, async () => {
    await removeEntries(req, 'author', [id])
    await indexArticlesOfAuthor(req, id)
  })
  return doc
}
