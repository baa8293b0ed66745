import type { Access, CollectionSlug, PayloadRequest, SanitizedConfig, Where } from 'payload'

import { can } from '../policy/roles'

export const LOCKED_DOCUMENTS_SLUG = 'payload-locked-documents'

type Reference = { relationTo?: unknown; value?: unknown }
type LockData = { document?: Reference | null; globalSlug?: unknown; user?: Reference | null }

function idOf(value: unknown): string | undefined {
  if (typeof value === 'string' || typeof value === 'number') return String(value)
  if (value && typeof value === 'object' && 'id' in value) return idOf((value as { id: unknown }).id)
  return undefined
}

/** Whether the user may update the locked document (or global): what a lock on it claims. */
async function mayEdit(req: PayloadRequest, lock: LockData): Promise<boolean> {
  if (typeof lock.globalSlug === 'string' && lock.globalSlug) {
    const global = req.payload.config.globals.find((candidate) => candidate.slug === lock.globalSlug)
    return Boolean(global && (await global.access.update?.({ req })) === true)
  }
  const slug = lock.document?.relationTo
  const id = idOf(lock.document?.value)
  if (typeof slug !== 'string' || !id) return false
  const collection = req.payload.collections[slug as CollectionSlug]
  if (!collection) return false
  const access = await collection.config.access.update?.({ id, req })
  if (access === true) return true
  if (!access) return false
  const { totalDocs } = await req.payload.count({
    collection: slug as CollectionSlug,
    overrideAccess: true,
    req,
    where: { and: [{ id: { equals: id } }, access as Where] },
  })
  return totalDocs > 0
}

/** The lock names this user (or names no one yet, on an update that leaves the user as it is). */
function namesUser(req: PayloadRequest, user: LockData['user'], required: boolean): boolean {
  if (user === undefined) return !required
  return Boolean(req.user && user?.relationTo === req.user.collection && idOf(user.value) === String(req.user.id))
}

const isStaffUser = (req: PayloadRequest) => can(req.user, 'useAdmin')
const ownLocks = (req: PayloadRequest): Where => ({ 'user.value': { equals: req.user!.id } })

/** Collections (and globals) whose documents the user may edit at least some of. */
async function editableKinds(req: PayloadRequest): Promise<Where[]> {
  const collections: string[] = []
  for (const collection of req.payload.config.collections) {
    if (collection.slug === LOCKED_DOCUMENTS_SLUG || collection.lockDocuments === false) continue
    if (await collection.access.update?.({ req })) collections.push(collection.slug)
  }
  const globals: string[] = []
  for (const global of req.payload.config.globals) {
    if ((await global.access.update?.({ req })) === true) globals.push(global.slug)
  }
  return [
    ...(collections.length ? [{ 'document.relationTo': { in: collections } }] : []),
    ...(globals.length ? [{ globalSlug: { in: globals } }] : []),
  ]
}

/** Staff see their own locks and the locks on what they may edit (the admin UI shows who is editing); admins all. */
const readLocks: Access = async ({ req }) => {
  if (can(req.user, 'administer')) return true
  if (!isStaffUser(req)) return false
  return { or: [ownLocks(req), ...(await editableKinds(req))] }
}

/** A lock in one's own name, on a document one may edit. */
const createLock: Access = async ({ data, req }) => {
  if (!isStaffUser(req)) return false
  const lock = (data ?? {}) as LockData
  return namesUser(req, lock.user, true) && (await mayEdit(req, lock))
}

/**
 * Renewing a lock, or taking one over (the admin UI's "Take over"): on a
 * document one may edit, and only ever in one's own name.
 */
const updateLock: Access = async ({ data, id, req }) => {
  if (!isStaffUser(req)) return false
  if (!namesUser(req, (data as LockData | undefined)?.user, false)) return false
  if (id === undefined) return can(req.user, 'administer') ? true : ownLocks(req)
  const stored = await req.payload.findByID({ collection: LOCKED_DOCUMENTS_SLUG as CollectionSlug, depth: 0, disableErrors: true, id, overrideAccess: true, req })
  if (!stored) return false
  const changed = (data ?? {}) as LockData
  const lock: LockData = {
    document: changed.document ?? (stored as LockData).document,
    globalSlug: changed.globalSlug ?? (stored as LockData).globalSlug,
  }
  return can(req.user, 'administer') || (await mayEdit(req, lock))
}

/** One's own locks; admins clear any. */
const deleteLock: Access = ({ req }) => {
  if (can(req.user, 'administer')) return true
  if (!isStaffUser(req)) return false
  return ownLocks(req)
}

/**
 * Payload's collection of document locks keeps Payload's default access
 * (any signed-in account may do anything): a contacts user could lock any
 * article in anyone's name, so that editors' saves got 423, list every lock,
 * and delete editors' locks. Here a user creates and renews only locks in
 * their own name, on documents they may edit, and removes only their own;
 * admins clear any. Payload's own lock checks read the database directly and
 * are not affected.
 */
export function restrictDocumentLocks(config: SanitizedConfig): SanitizedConfig {
  const locks = config.collections.find((collection) => collection.slug === LOCKED_DOCUMENTS_SLUG)
  if (locks) locks.access = { ...locks.access, create: createLock, delete: deleteLock, read: readLocks, update: updateLock }
  return config
}
