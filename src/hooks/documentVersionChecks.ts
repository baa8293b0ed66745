import {
  type CollectionAfterOperationHook,
  type CollectionBeforeChangeHook,
  type CollectionBeforeDeleteHook,
  type CollectionBeforeOperationHook,
  type CollectionSlug,
  type GlobalBeforeChangeHook,
  type GlobalBeforeOperationHook,
  type PayloadRequest,
  type SanitizedCollectionConfig,
  type SanitizedConfig,
} from 'payload'

import { ClientError } from '../http/clientError'
import { ifMatchHolds, versionOf, versionTag } from '../lib/documentVersion'
import { afterForgettingEarlierReads, storedBeforeSave } from '../database/storedDocument'

/**
 * Optimistic concurrency for every write a client sends, checked where
 * Payload has the stored document in hand, so a save reads nothing more:
 *
 * - REST `PATCH` or `DELETE /api/{collection}/{id}` with `If-Match`: the
 *   version it names must be the stored one, or 412;
 * - the admin UI's saves (its edit form submits every field as `_payload`,
 *   the hidden `updatedAt` included: the version the editor loaded, or saved
 *   last) and GraphQL's `update…` mutations whose data holds `updatedAt`:
 *   that must be the stored version, or 409 with a message the admin UI
 *   shows in its error toast. An autosave after the editor's own earlier one
 *   is no conflict: the form takes the saved version from each answer.
 *
 * Accounts take If-Match only (signing in changes their time). Local API
 * writes (imports, jobs, hooks), bulk writes and restored versions are not
 * checked (docs/api.md lists exactly what is).
 * Answers with one document to a signed-in caller or an API key carry its
 * version as ETag. Writes to one document are carried out one at a time by
 * the API edge (src/http/documentVersions.ts), so the check and the write
 * are not interleaved with another write over REST.
 */

type Claim = {
  /** A version named by If-Match (REST only). */
  ifMatch?: string
  /** The `updatedAt` of the version the client's data started from. */
  updatedAt?: string
}

type WriteArgs = { data?: Record<string, unknown>; id?: number | string; overrideAccess?: boolean }

const claimsPerRequest = new WeakMap<PayloadRequest, Map<string, Claim>>()

function claimKey(entity: string, id?: number | string): string {
  return id === undefined ? `global:${entity}` : `${entity}:${id}`
}

function takeClaim(req: PayloadRequest, key: string): Claim | undefined {
  const claims = claimsPerRequest.get(req)
  const claim = claims?.get(key)
  claims?.delete(key)
  return claim
}

function keepClaim(req: PayloadRequest, key: string, claim: Claim): void {
  let claims = claimsPerRequest.get(req)
  if (!claims) {
    claims = new Map()
    claimsPerRequest.set(req, claims)
  }
  claims.set(key, claim)
}

/** Whether the REST request addresses this document itself (a hook's write of another document with the same `req` does not). */
function addressesDocument(req: PayloadRequest, collection: string, id: number | string): boolean {
  const params = req.routeParams as undefined | { collection?: unknown; id?: unknown }
  return params?.collection === collection && String(params.id) === String(id)
}

/** The admin UI's form submission: multipart with the document as `_payload`. */
function isFormSubmission(req: PayloadRequest): boolean {
  return (req.headers.get('content-type') ?? '').startsWith('multipart/form-data')
}

function sentVersion(data: Record<string, unknown> | undefined): string | undefined {
  const updatedAt = data?.updatedAt
  return typeof updatedAt === 'string' && updatedAt !== '' ? updatedAt : undefined
}

type Target = { collection: SanitizedCollectionConfig; id: number | string } | { global: string }

/**
 * What a client's write says about the version it started from; nothing for
 * the Local API and bulk writes. Accounts take no `updatedAt` claim: sign-in
 * bookkeeping (a failed attempt, its reset) changes their time with nobody's
 * save to conflict with, and two editors of one account are kept apart by
 * its lock.
 */
function claimOf(req: PayloadRequest, args: WriteArgs, target: Target): Claim | undefined {
  if (args.overrideAccess || req.payloadAPI === 'local') return undefined
  const takesUpdatedAt = !('collection' in target && target.collection.auth)
  if (req.payloadAPI === 'GraphQL') {
    const updatedAt = takesUpdatedAt ? sentVersion(args.data) : undefined
    return updatedAt ? { updatedAt } : undefined
  }
  if ('collection' in target && !addressesDocument(req, target.collection.slug, target.id)) return undefined
  const ifMatch = 'collection' in target ? (req.headers.get('if-match') ?? undefined) : undefined
  const updatedAt = takesUpdatedAt && isFormSubmission(req) ? sentVersion(args.data) : undefined
  return ifMatch !== undefined || updatedAt !== undefined ? { ifMatch, updatedAt } : undefined
}

function hasDrafts(collection: SanitizedCollectionConfig): boolean {
  return Boolean(collection.versions && typeof collection.versions === 'object' && collection.versions.drafts)
}

/** The version as stored, read for the checks that run before Payload reads the document itself. */
async function storedVersion(req: PayloadRequest, collection: SanitizedCollectionConfig, id: number | string): Promise<string | undefined> {
  if (hasDrafts(collection)) {
    const { docs } = await req.payload.db.findVersions({
      collection: collection.slug as CollectionSlug,
      limit: 1,
      pagination: false,
      req,
      sort: '-updatedAt',
      where: { and: [{ parent: { equals: id } }, { latest: { equals: true } }] },
    })
    if (docs[0]) return versionOf(docs[0].version)
  }
  return versionOf(await storedBeforeSave(req, collection.slug as CollectionSlug, id))
}

const PRECONDITION_FAILED =
  'This document was changed after the version named in If-Match was read. Nothing was changed: read the document again (its ETag is its version) and make the change on it.'

/** Shown as it is in the admin UI's error toast (which would make a list of what follows a colon or a comma: neither is used). */
const CONFLICT =
  'Someone else saved this document after you opened it. Your changes were not saved so that theirs are not overwritten. Copy what you changed and reload the document to see theirs. Then make your changes again.'

/** Refuses a write whose claim does not name the stored version. */
function check(claim: Claim | undefined, stored: string | undefined): void {
  if (!claim) return
  if (claim.ifMatch !== undefined && !ifMatchHolds(claim.ifMatch, stored)) {
    throw new ClientError(PRECONDITION_FAILED, 412)
  }
  // A document never saved with a time (a global before its first save) has no version to conflict with.
  if (claim.updatedAt !== undefined && stored !== undefined && versionOf({ updatedAt: claim.updatedAt }) !== stored) {
    throw new ClientError(CONFLICT, 409)
  }
}

/**
 * Keeps what an update or delete by id claims, for the check once Payload
 * has read the document. A save that brings a new file is checked here, with
 * a read: Payload removes the old file before any later hook runs.
 */
export const captureVersionClaims: CollectionBeforeOperationHook = async ({ args, collection, operation, req }) => {
  if (operation !== 'update' && operation !== 'delete') return args
  const write = args as WriteArgs
  if (write.id === undefined) return args
  const claim = claimOf(req, write, { collection, id: write.id })
  if (!claim) return args
  // Early only for a caller who may update every document of the collection: a refusal must not tell others that it exists.
  if (operation === 'update' && req.file && (await collection.access.update({ data: write.data, id: String(write.id), req })) === true) {
    check(claim, await storedVersion(req, collection, write.id))
  } else keepClaim(req, claimKey(collection.slug, write.id), claim)
  return args
}

/** First of every collection's beforeChange hooks: `originalDoc` is the version the save starts from. */
export const checkVersionBeforeChange: CollectionBeforeChangeHook = ({ collection, data, operation, originalDoc, req }) => {
  if (operation === 'update' && originalDoc?.id !== undefined) check(takeClaim(req, claimKey(collection.slug, originalDoc.id)), versionOf(originalDoc))
  return data
}

/** First of every collection's beforeDelete hooks (Payload gives them no document: one read, with If-Match only). */
export const checkVersionBeforeDelete: CollectionBeforeDeleteHook = async ({ collection, id, req }) => {
  const claim = takeClaim(req, claimKey(collection.slug, id))
  if (claim) check(claim, await storedVersion(req, collection, id))
}

/**
 * The version of the one document a REST answer carries, as its ETag, for a
 * signed-in caller or an API key (public answers keep the ETag of their body,
 * src/http/apiCaching.ts). The document an answer selects without
 * `updatedAt` has none.
 */
export const tagAnswerWithVersion: CollectionAfterOperationHook = ({ args, collection, operation, req, result }) => {
  if (req.payloadAPI !== 'REST' || !req.user || !(operation === 'create' || operation === 'findByID' || operation === 'updateByID')) return result
  const doc = result as unknown as { id?: number | string }
  const params = req.routeParams as undefined | { collection?: unknown; id?: unknown }
  const addressed = operation === 'create' ? params?.collection === collection.slug && params.id === undefined : doc?.id !== undefined && addressesDocument(req, collection.slug, doc.id)
  // A create's hooks may read or write other documents with the same request: only the top-level document names the answer.
  if (!addressed || (operation === 'create' && (args as { overrideAccess?: boolean }).overrideAccess)) return result
  const version = versionOf(doc)
  if (version === undefined) return result
  req.responseHeaders ??= new Headers()
  req.responseHeaders.set('ETag', versionTag(version))
  return result
}

export const captureGlobalVersionClaims: GlobalBeforeOperationHook = ({ args, global, operation, req }) => {
  if (operation !== 'update') return args
  const claim = claimOf(req, args as WriteArgs, { global: global.slug })
  if (claim) keepClaim(req, claimKey(global.slug), claim)
  return args
}

export const checkGlobalVersionBeforeChange: GlobalBeforeChangeHook = ({ data, global, originalDoc, req }) => {
  check(takeClaim(req, claimKey(global.slug)), versionOf(originalDoc))
  return data
}

/** Installs the checks first in every collection and global (after the forgetting of earlier reads). */
export function checkDocumentVersionsEverywhere(config: SanitizedConfig): SanitizedConfig {
  for (const collection of config.collections) {
    collection.hooks.beforeOperation = afterForgettingEarlierReads(collection.hooks.beforeOperation, captureVersionClaims)
    collection.hooks.beforeChange = [checkVersionBeforeChange, ...(collection.hooks.beforeChange ?? []).filter((hook) => hook !== checkVersionBeforeChange)]
    collection.hooks.beforeDelete = [checkVersionBeforeDelete, ...(collection.hooks.beforeDelete ?? []).filter((hook) => hook !== checkVersionBeforeDelete)]
    collection.hooks.afterOperation = [...(collection.hooks.afterOperation ?? []).filter((hook) => hook !== tagAnswerWithVersion), tagAnswerWithVersion]
  }
  for (const global of config.globals) {
    global.hooks.beforeOperation = [captureGlobalVersionClaims, ...(global.hooks.beforeOperation ?? []).filter((hook) => hook !== captureGlobalVersionClaims)]
    global.hooks.beforeChange = [checkGlobalVersionBeforeChange, ...(global.hooks.beforeChange ?? []).filter((hook) => hook !== checkGlobalVersionBeforeChange)]
  }
  return config
}
