import type { CollectionSlug, Payload } from 'payload'

import { KeyedQueue } from '../lib/keyedQueue'

type Handler = (request: Request) => Promise<Response>

export type DocumentVersionOptions = {
  payload: Payload
}

/** `/api/<collection>/<id>`: one document of a collection (ids are MongoDB ObjectIds). */
const DOCUMENT_PATH = /^\/api\/([a-z0-9-]+)\/([0-9a-f]{24})$/i

const WRITES = new Set(['DELETE', 'PATCH'])

/**
 * Optimistic concurrency for the REST API's documents, the edge's part:
 * writes to one document (`PATCH`, `DELETE /api/<collection>/<id>`) are
 * carried out one at a time in this server process, so the version check
 * and the write it allows are never interleaved with another write: two
 * writes sent with the same If-Match (or from two admin forms loaded at the
 * same version) cannot both pass, and two PATCHes of different fields sent
 * at the same moment without it both keep their change (each starts from the
 * document the other left). The check itself, and the ETag of answers, are
 * Payload hooks (src/hooks/documentVersionChecks.ts), where the stored
 * document is already read.
 */
export function withDocumentVersions(handler: Handler, options: DocumentVersionOptions): Handler {
  const { payload } = options
  const writes = new KeyedQueue()

  return (request) => {
    if (!WRITES.has(request.method)) return handler(request)
    const match = DOCUMENT_PATH.exec(new URL(request.url).pathname)
    if (!match || !payload.collections[match[1] as CollectionSlug]) return handler(request)
    return writes.run(`${match[1]}/${match[2].toLowerCase()}`, () => handler(request))
  }
}
