import { createLocalReq, type Payload } from 'payload'

import { OAI_TOMBSTONES_SLUG } from '../discovery/oai/OaiTombstones'
import { writeTombstone } from '../discovery/oai/tombstoneHooks'
import { markContentChanged } from '../contentState/contentState'
import { rebuildSearchIndex } from '../search/rebuildIndex'
import { searchEntriesModel } from '../search/indexWriter'
import { collectionModels, versionsModel } from '../database/payloadInternals'

export type RepairReport = {
  /** Why the search index was rebuilt, or nothing when it agreed with the stored documents. */
  searchIndex: { missing: number; orphaned: number; rebuilt: boolean; stale: number }
  /** OAI-PMH tombstones written for articles readers lost, and removed for articles published again. */
  tombstones: { removed: number; written: number }
}

type Stamped = { _id: unknown; updatedAt?: Date | string }

function models(payload: Payload) {
  return collectionModels(payload)
}

function time(value: Date | string | undefined): number {
  return value ? new Date(value).getTime() : 0
}

/**
 * Compares the search index with the stored documents: every author and
 * published article must have entries written after its last change, and no
 * entry may name anything else. Any disagreement (a save cut short between
 * the document and its entries, say) rebuilds the index.
 */
async function repairSearchIndex(payload: Payload): Promise<RepairReport['searchIndex']> {
  const expected = new Map<string, number>()
  const authors = await models(payload).authors.collection.find({}, { projection: { updatedAt: 1 } }).toArray()
  for (const author of authors as Stamped[]) expected.set(`author:${String(author._id)}`, time(author.updatedAt))
  const articles = await models(payload).articles.collection.find({ _status: 'published' }, { projection: { updatedAt: 1 } }).toArray()
  for (const article of articles as Stamped[]) expected.set(`article:${String(article._id)}`, time(article.updatedAt))

  const indexed = new Map<string, number>()
  const entries = await searchEntriesModel(payload).collection.find({}, { projection: { docId: 1, indexedAt: 1, kind: 1 } }).toArray()
  for (const entry of entries as unknown as { docId: string; indexedAt?: Date; kind: string }[]) {
    const key = `${entry.kind}:${entry.docId}`
    const at = time(entry.indexedAt)
    indexed.set(key, Math.min(indexed.get(key) ?? at, at))
  }

  let missing = 0
  let stale = 0
  for (const [key, changedAt] of expected) {
    const indexedAt = indexed.get(key)
    if (indexedAt === undefined) missing += 1
    else if (indexedAt < changedAt) stale += 1
  }
  const orphaned = [...indexed.keys()].filter((key) => !expected.has(key)).length
  const rebuilt = missing + stale + orphaned > 0
  if (rebuilt) await rebuildSearchIndex(payload)
  return { missing, orphaned, rebuilt, stale }
}

/**
 * OAI-PMH tombstones: an article once published (a published version of it
 * is kept) that readers cannot see now and has no tombstone gets one; a
 * tombstone of an article published again is removed.
 */
async function repairTombstones(payload: Payload): Promise<RepairReport['tombstones']> {
  const published = new Set(
    ((await models(payload).articles.collection.find({ _status: 'published' }, { projection: { _id: 1 } }).toArray()) as Stamped[]).map((doc) => String(doc._id)),
  )
  const tombstones = (await models(payload)[OAI_TOMBSTONES_SLUG].collection.find({}, { projection: { _id: 1, article: 1 } }).toArray()) as { _id: unknown; article: unknown }[]
  const tombstoned = new Set(tombstones.map((tombstone) => String(tombstone.article)))
  const req = await createLocalReq({}, payload)

  let removed = 0
  for (const tombstone of tombstones) {
    if (!published.has(String(tombstone.article))) continue
    await payload.delete({ collection: OAI_TOMBSTONES_SLUG, id: String(tombstone._id), overrideAccess: true, req })
    removed += 1
  }

  const versions = versionsModel(payload, 'articles')
  const oncePublished = (await versions.collection.distinct('parent', { 'version._status': 'published' })).map(String)
  const lost = oncePublished.filter((id) => !published.has(id) && !tombstoned.has(id))
  let written = 0
  for (const id of lost) {
    const article = await payload.db.findOne<{ id: string; section?: string; slug?: string }>({ collection: 'articles', req, where: { id: { equals: id } } })
    // Gone altogether (its versions outlived it): a deleted record.
    await writeTombstone(req, article ?? { id }, article ? 'unpublished' : 'deleted')
    written += 1
  }
  return { removed, written }
}

/**
 * Repairs the data derived from the stored documents, which a server killed
 * in the middle of a save can leave behind (the fallback database has no
 * transactions): the search index, OAI-PMH tombstones, and the content state
 * that HTTP revalidations trust (replaced when anything was repaired, so no
 * answer cached before the repair is taken for current). Run at start-up and
 * by a scheduled job (src/maintenance/plugin.ts).
 */
export async function repairDerivedData(payload: Payload): Promise<RepairReport> {
  const searchIndex = await repairSearchIndex(payload)
  const tombstones = await repairTombstones(payload)
  const report = { searchIndex, tombstones }
  const repaired = searchIndex.rebuilt || tombstones.removed + tombstones.written > 0
  if (repaired) {
    await markContentChanged(payload)
    payload.logger.warn({ ...report, msg: 'Derived data repaired: the search index or OAI-PMH tombstones disagreed with the stored documents' })
  } else {
    payload.logger.info({ msg: 'Derived data checked: search index and OAI-PMH tombstones agree with the stored documents' })
  }
  return report
}
