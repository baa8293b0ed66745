import type { CollectionBeforeOperationHook, CollectionSlug, Config, PayloadRequest, Plugin } from 'payload'

/**
 * A document as it is stored in its collection, every language at once:
 * for a drafts-enabled collection its published state, which is what readers
 * get (a newer draft lives only among the versions). Several hooks of one
 * save need it (the check of fields a caller may not write, change
 * notifications, OAI-PMH tombstones, the search index): it is read at most
 * once before the save and once after it, per request, and shared.
 */
export type StoredDocument = Record<string, unknown> & { id: number | string }

type Moment = 'after' | 'before'

const readsPerRequest = new WeakMap<PayloadRequest, Map<string, Promise<null | StoredDocument>>>()

function read(req: PayloadRequest, collection: CollectionSlug, id: number | string, moment: Moment): Promise<null | StoredDocument> {
  let reads = readsPerRequest.get(req)
  if (!reads) {
    reads = new Map()
    readsPerRequest.set(req, reads)
  }
  const key = `${moment}:${collection}:${id}`
  let pending = reads.get(key)
  if (!pending) {
    pending = req.payload.db
      .findOne({ collection, req, where: { id: { equals: id } } })
      .then((doc) => (doc as null | StoredDocument) ?? null)
    // A failed read is not kept: the next hook asks again (and fails the save the same way).
    pending.catch(() => reads.delete(key))
    reads.set(key, pending)
  }
  return pending
}

/** The stored document before this request's save of it (call from beforeOperation or beforeChange hooks). */
export function storedBeforeSave(req: PayloadRequest, collection: CollectionSlug, id: number | string): Promise<null | StoredDocument> {
  return read(req, collection, id, 'before')
}

/**
 * The stored document after this request's save (call from afterChange and
 * afterDelete hooks). A request that saves the same document twice (once per
 * language, say) reads it again after the second save: each write operation
 * starts with nothing read of its documents.
 */
export function storedAfterSave(req: PayloadRequest, collection: CollectionSlug, id: number | string): Promise<null | StoredDocument> {
  return read(req, collection, id, 'after')
}

/** Drops what was read of a document for this request (of every document of the collection without `id`). */
export function forgetStoredReads(req: PayloadRequest, collection: CollectionSlug, id?: number | string): void {
  const reads = readsPerRequest.get(req)
  if (!reads) return
  if (id === undefined) {
    for (const key of reads.keys()) if (key.split(':')[1] === collection) reads.delete(key)
    return
  }
  reads.delete(`before:${collection}:${id}`)
  reads.delete(`after:${collection}:${id}`)
}

const WRITES = new Set(['create', 'delete', 'restoreVersion', 'update'])

/**
 * First of every collection's beforeOperation hooks: a write starts with
 * nothing read of its documents, and what its hooks read from here on (the
 * earliest of them before Payload's own hooks) is shared until it ends.
 */
export const forgetReadsOfEarlierWrites: CollectionBeforeOperationHook = ({ args, collection, operation, req }) => {
  if (WRITES.has(operation)) forgetStoredReads(req, collection.slug as CollectionSlug, (args as { id?: number | string }).id)
  return args
}

/**
 * Puts `forgetReadsOfEarlierWrites` first in every collection's
 * beforeOperation hooks, so reads shared by one save are never those of an
 * earlier save of the same document in the same request (an import that
 * writes each language in turn, say). Hooks that read before Payload's own
 * go right after it (`afterForgettingEarlierReads`).
 */
export function storedDocumentReadsPlugin(): Plugin {
  return (config: Config): Config => ({
    ...config,
    collections: (config.collections ?? []).map((collection) => ({
      ...collection,
      hooks: { ...collection.hooks, beforeOperation: [forgetReadsOfEarlierWrites, ...(collection.hooks?.beforeOperation ?? [])] },
    })),
  })
}

/** `hooks` with `hook` placed first, or right after `forgetReadsOfEarlierWrites` when it is there. */
export function afterForgettingEarlierReads<T>(hooks: T[] | undefined, hook: T): T[] {
  const others = (hooks ?? []).filter((item) => item !== hook)
  const at = others.indexOf(forgetReadsOfEarlierWrites as T) + 1
  return [...others.slice(0, at), hook, ...others.slice(at)]
}
