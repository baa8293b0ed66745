import type { CollectionBeforeChangeHook, GlobalAfterChangeHook, GlobalBeforeChangeHook, GlobalSlug, PayloadRequest } from 'payload'

import { UPDATED_BY } from './updatedByField'

/** The account saving, or null when the CMS saves by itself (no one signed in: migrations, scripts, jobs). */
function savedBy(req: PayloadRequest): null | number | string {
  return req.user?.collection === 'users' ? req.user.id : null
}

/** On every save of a collection's document, restores of a version included (they run this hook too). */
export const recordUpdatedBy: CollectionBeforeChangeHook = ({ data, req }) => ({ ...data, [UPDATED_BY]: savedBy(req) })

const KEPT_BY_PAYLOAD = new Set(['_status', 'createdAt', 'id', 'updatedAt'])

/**
 * Restoring a version writes the fields the version holds and leaves the
 * others as they are: a field that was empty when the version was saved
 * (never set, so not stored) and was filled in later would survive the
 * restore. Such fields are emptied here, so the record reads as the version
 * did. Only on restores.
 */
export const emptyFieldsTheVersionLacked: CollectionBeforeChangeHook = ({ collection, context, data }) => {
  if (!context.isRestoringVersion) return data
  const emptied = { ...data }
  for (const field of collection.flattenedFields) {
    if (field.type === 'join' || ('virtual' in field && field.virtual) || KEPT_BY_PAYLOAD.has(field.name)) continue
    if (!(field.name in emptied)) emptied[field.name] = null
  }
  return emptied
}

/** On every save of a global. */
export const recordGlobalUpdatedBy: GlobalBeforeChangeHook = ({ data, req }) => ({ ...data, [UPDATED_BY]: savedBy(req) })

type RestoredGlobalVersion = { id?: number | string; version?: Record<string, unknown> }

/**
 * Restoring a global's version writes the old version as it was stored,
 * without the global's beforeChange hooks, so it would name whoever saved
 * that old version. After such a restore this names the account that
 * restored it, on the global and on the version the restore added (which is
 * what the restore hands its afterChange hooks). Three database commands, on
 * restores only.
 */
export const recordGlobalRestoredBy: GlobalAfterChangeHook = async ({ doc, global, req }) => {
  const restored = doc as RestoredGlobalVersion
  if (!req.context.isRestoringVersion || restored?.id === undefined || !restored.version) return doc
  const slug = global.slug as GlobalSlug
  const updatedBy = savedBy(req)
  const { docs } = await req.payload.db.findGlobalVersions({ global: slug, limit: 1, pagination: false, req, where: { id: { equals: restored.id } } })
  const stored = docs[0] as RestoredGlobalVersion | undefined
  if (!stored?.version) return doc
  await req.payload.db.updateGlobalVersion({
    id: restored.id,
    global: slug,
    req,
    returning: false,
    versionData: { version: { ...stored.version, [UPDATED_BY]: updatedBy } } as never,
  })
  await req.payload.db.updateGlobal({ slug, data: { [UPDATED_BY]: updatedBy }, req, returning: false } as never)
  return { ...restored, version: { ...restored.version, [UPDATED_BY]: updatedBy } }
}
