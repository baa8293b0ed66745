import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, CollectionBeforeChangeHook, PayloadRequest } from 'payload'

import { OAI_TOMBSTONES_SLUG, type TombstoneReason } from './OaiTombstones'
import type { Article } from '../../payload-types'
import { storedAfterSave, storedBeforeSave } from '../../database/storedDocument'
import { DEFAULT_LOCALE } from '../../policy/languages'
import { setSpecsOfBreadcrumbs } from './sets'
import { keepingRequestState } from '../../lib/keepingRequestState'

/** What the hooks need of an article as readers see it: the stored document, not a draft version. */
type StoredArticle = { _status?: null | string; id: number | string; section?: null | number | string | { id: number | string }; slug?: null | string }

/** Per request: whether each article being saved was published before the save. */
const publishedBefore = new WeakMap<PayloadRequest, Map<string, StoredArticle>>()


async function setSpecsOf(req: PayloadRequest, article: StoredArticle): Promise<string[]> {
  const section = article.section
  if (section === null || section === undefined) return []
  const sectionId = typeof section === 'object' ? section.id : section
  const found = await req.payload.find({
    collection: 'sections',
    depth: 0,
    limit: 1,
    // Breadcrumb URLs are made of slugs, the same in every language.
    locale: DEFAULT_LOCALE,
    overrideAccess: true,
    pagination: false,
    req,
    select: { breadcrumbs: true },
    where: { id: { equals: sectionId } },
  })
  return setSpecsOfBreadcrumbs(found.docs[0]?.breadcrumbs)
}

async function findTombstone(req: PayloadRequest, articleId: string) {
  const found = await req.payload.find({
    collection: OAI_TOMBSTONES_SLUG,
    depth: 0,
    limit: 1,
    overrideAccess: true,
    pagination: false,
    req,
    where: { article: { equals: articleId } },
  })
  return found.docs[0]
}

/** Records that readers lost the article now: a new tombstone, or the existing one renewed. */
export async function writeTombstone(req: PayloadRequest, article: StoredArticle, reason: TombstoneReason): Promise<void> {
  const articleId = String(article.id)
  const data = { article: articleId, deletedAt: new Date().toISOString(), reason, setSpecs: await setSpecsOf(req, article), slug: article.slug ?? null }
  const existing = await findTombstone(req, articleId)
  if (existing) {
    await req.payload.update({ collection: OAI_TOMBSTONES_SLUG, data, depth: 0, id: existing.id, overrideAccess: true, req })
  } else {
    await req.payload.create({ collection: OAI_TOMBSTONES_SLUG, data, depth: 0, overrideAccess: true, req })
  }
  req.payload.logger.debug({ article: articleId, msg: `OAI-PMH: article ${articleId} is now a deleted record (${reason})` })
}

/** Notes, before an update, whether readers could see the article. */
export const rememberPublishedState: CollectionBeforeChangeHook<Article> = async ({ data, operation, originalDoc, req }) => {
  if (operation !== 'update' || !originalDoc?.id) return data
  const stored = (await storedBeforeSave(req, 'articles', originalDoc.id)) as null | StoredArticle
  let remembered = publishedBefore.get(req)
  if (!remembered) {
    remembered = new Map()
    publishedBefore.set(req, remembered)
  }
  if (stored?._status === 'published') remembered.set(String(originalDoc.id), stored)
  else remembered.delete(String(originalDoc.id))
  return data
}

/**
 * After a save: an article readers could see and no longer can (unpublished)
 * gets a tombstone; one published (again) loses its tombstone. A draft saved
 * over a published article changes nothing readers see, so nothing here.
 */
export const trackUnpublishing: CollectionAfterChangeHook<Article> = async ({ doc, operation, req }) => {
  if (operation !== 'update') return doc
  const id = String(doc.id)
  const before = publishedBefore.get(req)?.get(id)
  publishedBefore.get(req)?.delete(id)
  await keepingRequestState(req, async () => {
    if (before) {
      const after = (await storedAfterSave(req, 'articles', doc.id)) as null | StoredArticle
      if (after?._status !== 'published') await writeTombstone(req, before, 'unpublished')
    } else if (doc._status === 'published') {
      const tombstone = await findTombstone(req, id)
      if (tombstone) await req.payload.delete({ collection: OAI_TOMBSTONES_SLUG, id: tombstone.id, overrideAccess: true, req })
    }
  })
  return doc
}

/** After a delete: a published article gets a tombstone; an unpublished one already has it, now marked deleted. */
export const trackDeletion: CollectionAfterDeleteHook<Article> = async ({ doc, req }) => {
  await keepingRequestState(req, async () => {
    if (doc._status === 'published') {
      await writeTombstone(req, doc, 'deleted')
      return
    }
    const tombstone = await findTombstone(req, String(doc.id))
    if (tombstone && tombstone.reason !== 'deleted') {
      await req.payload.update({ collection: OAI_TOMBSTONES_SLUG, data: { reason: 'deleted' }, depth: 0, id: tombstone.id, overrideAccess: true, req })
    }
  })
  return doc
}
