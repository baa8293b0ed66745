import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, CollectionBeforeChangeHook } from 'payload'

import { storedAfterSave, storedBeforeSave, type StoredDocument } from '../../database/storedDocument'
import type { Article, Section } from '../../payload-types'
import { refreshShelves, removeShelf } from './refreshShelves'

/**
 * `context.skipSectionShelves`: leave the shelves alone for this change (bulk
 * work that rebuilds them afterwards, like the benchmark's data set).
 */
export const SKIP_SECTION_SHELVES = 'skipSectionShelves'

/** What decides an article's place on a shelf: published, in which section, when. */
type Placement = { publishedAt: string; section: string } | null

function placementOf(stored: null | StoredDocument): Placement {
  if (!stored || stored._status !== 'published' || stored.section === null || stored.section === undefined) return null
  const publishedAt = stored.publishedAt instanceof Date ? stored.publishedAt.toISOString() : String(stored.publishedAt ?? '')
  return { publishedAt, section: String(stored.section) }
}

/** Reads the stored article before an update (shared with the other hooks of the save, so usually no read of its own). */
export const notePlacementBeforeSave: CollectionBeforeChangeHook<Article> = async ({ context, data, operation, originalDoc, req }) => {
  if (context[SKIP_SECTION_SHELVES]) return data
  if (operation === 'update' && originalDoc?.id !== undefined) await storedBeforeSave(req, 'articles', originalDoc.id)
  return data
}

/**
 * After a save: when the article's place changed (published or not, its
 * section, its publication date), the shelves of the sections it left and
 * joined are refreshed. A draft saved over a published article changes
 * nothing readers see, so no shelf.
 */
export const refreshShelvesAfterChange: CollectionAfterChangeHook<Article> = async ({ context, doc, operation, req }) => {
  if (context[SKIP_SECTION_SHELVES]) return doc
  const before = operation === 'update' ? placementOf(await storedBeforeSave(req, 'articles', doc.id)) : null
  const after = placementOf(await storedAfterSave(req, 'articles', doc.id))
  if (JSON.stringify(before) === JSON.stringify(after)) return doc
  await refreshShelves(req, [before?.section, after?.section].filter((section): section is string => Boolean(section)))
  return doc
}

export const refreshShelvesAfterDelete: CollectionAfterDeleteHook<Article> = async ({ context, doc, req }) => {
  if (context[SKIP_SECTION_SHELVES]) return doc
  const section = typeof doc.section === 'object' && doc.section ? doc.section.id : doc.section
  if (doc._status === 'published' && section) await refreshShelves(req, [section])
  return doc
}

export const removeShelfAfterDelete: CollectionAfterDeleteHook<Section> = async ({ id, req, doc }) => {
  await removeShelf(req, id)
  return doc
}
