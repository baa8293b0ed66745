import { GRAPHQL_POST } from '@payloadcms/next/routes'
import { handleEndpoints, type SanitizedConfig } from 'payload'

import { withBadRequestStatus } from '../graphql/badRequestStatus'
import { withFragmentExpansionLimit } from '../graphql/fragmentExpansion'
import { withRequestLimits } from './requestLimits'
import { type ApiCachingOptions, withApiCaching } from './apiCaching'
import { type DocumentVersionOptions, withDocumentVersions } from './documentVersions'
import { withRequestScope } from './requestScopeAnswers'

export type ApiHandler = (request: Request) => Promise<Response>

export type ApiEdgeOptions = {
  caching: ApiCachingOptions
  /** Writes to one REST document one at a time (optimistic concurrency: src/hooks/documentVersionChecks.ts). */
  documentVersions?: DocumentVersionOptions
  /** The largest JSON, form or GraphQL body read, in bytes (API_MAX_BODY_KB). */
  maxBodyBytes: number
}

/** The path GraphQL answers at; its playground stays with the admin UI (Next). */
const GRAPHQL_PATH = '/api/graphql'

/**
 * The API's one HTTP edge: every request to /api (REST, GraphQL, and the
 * feeds, sitemap and OAI-PMH, which are API endpoints), from the production
 * server and from the tests alike, goes through the same layers over Web
 * Request and Response:
 *
 * 1. request limits (src/http/requestLimits.ts): bodies over the limit 413,
 *    bodies and query strings Payload cannot read, or nested too deep, 400
 *    or 415 (GraphQL takes JSON only);
 * 2. GraphQL (`/api/graphql`, by POST or by GET for cacheable reads): a
 *    query whose fragments expand too far or spread themselves 400, and every
 *    query refused before it runs 400 rather than 200 (src/graphql/);
 * 3. REST: Payload's own handler of its endpoints (`handleEndpoints`, the
 *    function its generated Next route files call), writes to one document
 *    carried out one at a time (src/http/documentVersions.ts), so the checks
 *    of If-Match (412) and of the admin form's version (409) in
 *    src/hooks/documentVersionChecks.ts hold under concurrent requests;
 * 4. one request scope around Payload's work (src/http/requestScopeAnswers.ts):
 *    a spent budget answers 429 and a database outage 503, whatever Payload
 *    made of them;
 * 5. HTTP caching (src/http/apiCaching.ts): ETag and 304, Cache-Control,
 *    Vary and compression.
 *
 * Express hands /api to it directly (src/server.ts), so API requests do not
 * go through Next's routing; Next serves the admin UI. The route files
 * Payload generated under src/app/(payload)/api/ stay as Payload wrote them.
 */
export function createApiEdge(config: Promise<SanitizedConfig> | SanitizedConfig, options: ApiEdgeOptions): ApiHandler {
  const { documentVersions, maxBodyBytes } = options
  const endpoints: ApiHandler = (request) => handleEndpoints({ config, request })
  const rest = withRequestLimits(
    withRequestScope(documentVersions ? withDocumentVersions(endpoints, documentVersions) : endpoints, 'rest'),
    { api: 'rest', maxBodyBytes },
  )
  const graphql = withRequestLimits(
    withFragmentExpansionLimit(withRequestScope(withBadRequestStatus(GRAPHQL_POST(config)), 'graphql')),
    { api: 'graphql', maxBodyBytes },
  )
  const route: ApiHandler = async (request) => {
    const { pathname } = new URL(request.url)
    // An address whose escapes do not decode (`%E0%A4%A`) names nothing: 404, as Payload's routes would if they could read it.
    if (!decodes(pathname)) return Response.json({ errors: [{ message: 'There is nothing at this address.' }] }, { status: 404 })
    const isGraphql = pathname === GRAPHQL_PATH && (request.method === 'GET' || request.method === 'POST')
    return isGraphql ? graphql(request) : rest(request)
  }
  return withApiCaching(route, options.caching)
}

function decodes(pathname: string): boolean {
  try {
    decodeURIComponent(pathname)
    return true
  } catch {
    return false
  }
}

/** Whether a path is the API's (answered by the edge) rather than the admin UI's. */
export function isApiPath(pathname: string): boolean {
  return pathname.startsWith('/api/') && !pathname.startsWith('/api/graphql-playground')
}
