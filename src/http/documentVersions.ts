import type { CollectionSlug, Payload } from 'payload'

import { KeyedQueue } from '../lib/keyedQueue'

type Handler = (request: Request) => Promise<Response>

export type DocumentVersionOptions = {
  payload: Payload
  /** The session cookie's name (Payload's `payload-token`). */
  sessionCookie: string
}

/** `/api/<collection>/<id>`: one document of a collection (ids are MongoDB ObjectIds). */
const DOCUMENT_PATH = /^\/api\/([a-z0-9-]+)\/([0-9a-f]{24})$/i

const WRITES = new Set(['DELETE', 'PATCH'])

type Target = { collection: CollectionSlug; id: string }

function targetOf(payload: Payload, pathname: string): Target | undefined {
  const match = DOCUMENT_PATH.exec(pathname)
  if (!match || !payload.collections[match[1] as CollectionSlug]) return undefined
  return { collection: match[1] as CollectionSlug, id: match[2].toLowerCase() }
}

/**
 * The version of a document as stored: when it last changed, in milliseconds.
 * For a drafts-enabled collection that is its newest version (a draft saved
 * after the published state is a change), as Payload takes the newest version
 * as the document an update starts from.
 */
export async function storedVersion(payload: Payload, target: Target): Promise<string | undefined> {
  const config = payload.collections[target.collection].config
  if (config.versions && typeof config.versions === 'object' && config.versions.drafts) {
    const { docs } = await payload.db.findVersions({
      collection: target.collection,
      limit: 1,
      pagination: false,
      sort: '-updatedAt',
      where: { parent: { equals: target.id } },
    })
    if (docs[0]?.updatedAt) return String(new Date(docs[0].updatedAt).getTime())
  }
  const doc = (await payload.db.findOne({ collection: target.collection, where: { id: { equals: target.id } } })) as null | { updatedAt?: string }
  return doc?.updatedAt ? String(new Date(doc.updatedAt).getTime()) : undefined
}

export function versionTag(version: string): string {
  return `"v${version}"`
}

/** Whether If-Match holds for the stored version (strong comparison: weak tags never match, RFC 9110 13.1.1). */
function ifMatchHolds(header: string, version: string | undefined): boolean {
  const tags = header.split(',').map((tag) => tag.trim())
  if (tags.includes('*')) return version !== undefined
  return version !== undefined && tags.includes(versionTag(version))
}

/** Whether the caller may read the document at all: a refused precondition must not tell others that it exists. */
async function callerMayRead(payload: Payload, request: Request, target: Target): Promise<boolean> {
  const { user } = await payload.auth({ headers: request.headers })
  const { totalDocs } = await payload.count({ collection: target.collection, overrideAccess: false, user: user ?? undefined, where: { id: { equals: target.id } } })
  return totalDocs > 0
}

function preconditionFailed(): Response {
  return Response.json(
    {
      errors: [
        {
          message:
            'This document was changed after the version named in If-Match was read. Nothing was changed: read the document again (its ETag is its version) and make the change on it.',
        },
      ],
    },
    { headers: { 'Cache-Control': 'no-store' }, status: 412 },
  )
}

/** A signed-in caller or an API key: those who may write, and whose answers no shared cache keeps. */
function isPersonal(request: Request, sessionCookie: string): boolean {
  if (request.headers.get('authorization')) return true
  return (request.headers.get('cookie') ?? '').split(';').some((cookie) => cookie.trim().startsWith(`${sessionCookie}=`))
}

/**
 * Optimistic concurrency for the REST API's documents, the HTTP way:
 *
 * - an answer with one document (GET, PATCH, POST) to a signed-in caller or
 *   an API key carries the stored document's version as its ETag;
 * - a PATCH or DELETE with If-Match that does not name the stored version
 *   answers 412 with a JSON message and changes nothing.
 *
 * Writes to one document are carried out one at a time (in this server
 * process), the check and the write together, so two writes sent with the
 * same If-Match cannot both pass, and two PATCHes of different fields sent at
 * the same moment without it both keep their change (each starts from the
 * document the other left). Public answers to anonymous readers keep the
 * ETag of their body (src/http/apiCaching.ts): they are what caches keep.
 */
export function withDocumentVersions(handler: Handler, options: DocumentVersionOptions): Handler {
  const { payload, sessionCookie } = options
  const writes = new KeyedQueue()

  function withTag(response: Response, version: string | undefined): Response {
    if (version === undefined) return response
    const headers = new Headers(response.headers)
    headers.set('ETag', versionTag(version))
    return new Response(response.body, { headers, status: response.status, statusText: response.statusText })
  }

  function isDocumentAnswer(request: Request, response: Response): boolean {
    return (response.status === 200 || response.status === 201) && isPersonal(request, sessionCookie) && (response.headers.get('content-type') ?? '').includes('json')
  }

  /** A create answers at the collection's address with the new document: its version, read after it was made. */
  async function createdVersion(request: Request, response: Response): Promise<string | undefined> {
    const slug = /^\/api\/([a-z0-9-]+)$/i.exec(new URL(request.url).pathname)?.[1]
    if (!slug || !payload.collections[slug as CollectionSlug]) return undefined
    const body = (await response.clone().json().catch(() => null)) as null | { doc?: { id?: unknown } }
    if (typeof body?.doc?.id !== 'string') return undefined
    return storedVersion(payload, { collection: slug as CollectionSlug, id: body.doc.id })
  }

  return async (request) => {
    const { pathname } = new URL(request.url)
    const target = targetOf(payload, pathname)
    if (request.method === 'POST' && !target) {
      const response = await handler(request)
      return isDocumentAnswer(request, response) ? withTag(response, await createdVersion(request, response)) : response
    }
    if (!target || !(WRITES.has(request.method) || request.method === 'GET')) return handler(request)
    if (request.method === 'GET') {
      if (!isPersonal(request, sessionCookie)) return handler(request)
      // Read before the answer is built: a write in between makes the tag older than the body, never newer.
      const version = await storedVersion(payload, target)
      const response = await handler(request)
      return isDocumentAnswer(request, response) ? withTag(response, version) : response
    }
    return writes.run(`${target.collection}/${target.id}`, async () => {
      const ifMatch = request.headers.get('if-match')
      if (ifMatch !== null && !ifMatchHolds(ifMatch, await storedVersion(payload, target)) && (await callerMayRead(payload, request, target))) {
        return preconditionFailed()
      }
      const response = await handler(request)
      return request.method === 'PATCH' && isDocumentAnswer(request, response) ? withTag(response, await storedVersion(payload, target)) : response
    })
  }
}
