import { type CollectionBeforeOperationHook, type CollectionSlug, type FlattenedField, type PayloadRequest, type SanitizedConfig } from 'payload'

import { ClientError } from '../http/clientError'
import { afterForgettingEarlierReads, storedBeforeSave, type StoredDocument } from '../database/storedDocument'

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
}

/** A value as stored, for comparing: related documents by id, lists in order. */
function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(comparable)
  if (isPlainObject(value)) {
    if ('id' in value && Object.keys(value).length > 1) return String(value.id)
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, comparable(item)]))
  }
  return value
}

function sameValue(sent: unknown, stored: unknown): boolean {
  if (isEmpty(sent) && isEmpty(stored)) return true
  return JSON.stringify(comparable(sent)) === JSON.stringify(comparable(stored))
}

type WriteArgs = { data?: unknown; id?: number | string; overrideAccess?: boolean }

/** A field's stored value in the request's language (the stored document holds every language). */
function storedValue(field: FlattenedField, stored: StoredDocument, req: PayloadRequest): unknown {
  const value = stored[field.name]
  return 'localized' in field && field.localized && isPlainObject(value) && req.locale ? value[req.locale] : value
}

/**
 * A create or update over REST or GraphQL that sets a field the caller may
 * not write (a contributor's own `roles` or `apiKey`, a contact's
 * `seededBy`) is refused with 403 naming the fields, instead of answered 200
 * with them silently dropped. Sending a field unchanged is not a change: the
 * admin UI submits every field of its form, read-only ones included.
 */
export const refuseForbiddenFieldWrites: CollectionBeforeOperationHook = async ({ args, collection, operation, req }) => {
  if (req.payloadAPI === 'local' || (operation !== 'create' && operation !== 'update')) return args
  const { data, id, overrideAccess } = args as WriteArgs
  if (overrideAccess || !isPlainObject(data)) return args
  const kind = operation === 'create' ? 'create' : 'update'
  const guarded = collection.flattenedFields.filter(
    (field): field is FlattenedField & { access: Record<string, unknown> } =>
      'name' in field && typeof (field as { access?: Record<string, unknown> }).access?.[kind] === 'function' && field.name in data,
  )
  if (guarded.length === 0) return args
  // The stored document as the save's other hooks read it (src/database/storedDocument.ts): one read for all.
  // Stored values are compared as stored: an API key is compared encrypted, so sending one is a change.
  const original = kind === 'update' && id !== undefined ? await storedBeforeSave(req, collection.slug as CollectionSlug, id) : null
  const refused: string[] = []
  for (const field of guarded) {
    const access = field.access[kind] as (args: object) => boolean | Promise<boolean>
    if (await access({ data, doc: original ?? undefined, id, req, siblingData: data })) continue
    const sent = data[field.name]
    if (kind === 'create' ? isEmpty(sent) : original ? sameValue(sent, storedValue(field, original, req)) : false) continue
    refused.push(field.name)
  }
  if (refused.length > 0) {
    throw new ClientError(`You are not allowed to ${kind === 'create' ? 'set' : 'change'} ${refused.join(', ')}`, 403)
  }
  return args
}

/** Before every collection's own hooks, so nothing is written on a refused request. */
export function refuseForbiddenFieldWritesEverywhere(config: SanitizedConfig): SanitizedConfig {
  for (const collection of config.collections) {
    collection.hooks.beforeOperation = afterForgettingEarlierReads(collection.hooks.beforeOperation, refuseForbiddenFieldWrites)
  }
  return config
}
