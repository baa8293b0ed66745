import {
  GRAPHQL_POST,
  REST_DELETE,
  REST_GET,
  REST_OPTIONS,
  REST_PATCH,
  REST_POST,
  REST_PUT,
} from '@payloadcms/next/routes'
import { getOperationAST, parse } from 'graphql'
import type { SanitizedConfig } from 'payload'

import { withBadRequestStatus } from '../graphql/badRequestStatus'
import { withFragmentExpansionLimit } from '../graphql/fragmentExpansion'
import { databaseUnavailableResponse } from '../hooks/databaseUnavailable'
import { readMaxApiBodyBytes } from './environment'
import { type Refusal, runInRequestScope } from './requestScope'
import { withRequestLimits } from './requestLimits'

type RouteArgs = { params: Promise<{ slug: string[] }> }
type Handler<Rest extends unknown[]> = (request: Request, ...rest: Rest) => Promise<Response>
type Config = Promise<SanitizedConfig> | SanitizedConfig

/** Headers of Payload's answer that its replacement keeps: a browser on the website must still read it. */
function keptHeaders(response: Response): Headers {
  const headers = new Headers()
  response.headers.forEach((value, name) => {
    if (name.startsWith('access-control-') || name === 'vary') headers.set(name, value)
  })
  return headers
}

function refusalResponse(refusal: Refusal, response: Response): Response {
  const headers = keptHeaders(response)
  headers.set('Cache-Control', 'no-store')
  headers.set('Content-Type', 'application/json')
  if (refusal.retryAfterSeconds !== undefined) headers.set('Retry-After', String(refusal.retryAfterSeconds))
  return new Response(JSON.stringify({ errors: [{ message: refusal.message }] }), { headers, status: refusal.status })
}

/** A GraphQL answer that is a mutation carried out whole: no error anywhere. */
async function isCompletedMutation(request: Request, response: Response): Promise<boolean> {
  if (response.status !== 200) return false
  try {
    const body = (await response.clone().json()) as { errors?: unknown }
    if (body.errors) return false
    const { operationName, query } = (await request.json()) as { operationName?: string; query?: string }
    if (typeof query !== 'string') return false
    return getOperationAST(parse(query), operationName)?.operation === 'mutation'
  } catch {
    return false
  }
}

/**
 * Runs a route handler as one request scope (src/lib/requestScope.ts) and
 * answers from what the scope noted, whatever Payload made of it:
 *
 * - a budget spent: its 429 (sign-in and password operations, REST in any
 *   spelling Payload routes and GraphQL alike);
 * - the database could not be reached at some point: 503 with Retry-After,
 *   also where Payload swallowed the error (an account that could not be
 *   loaded is no "signed out" or 403; GraphQL's error in a 200 is no
 *   answer). The one exception is a write that was carried out and
 *   acknowledged: its answer stands.
 */
export function withRequestScope<Rest extends unknown[]>(handler: Handler<Rest>, api: 'graphql' | 'rest'): Handler<Rest> {
  return async (request, ...rest) => {
    const copy = api === 'graphql' && request.method === 'POST' ? request.clone() : undefined
    const { result: response, scope } = await runInRequestScope(() => handler(request, ...rest))
    if (scope.refusal) return refusalResponse(scope.refusal, response)
    if (!scope.databaseOutage) return response
    const completedWrite =
      api === 'rest' ? request.method !== 'GET' && request.method !== 'HEAD' && response.status < 400 : Boolean(copy) && (await isCompletedMutation(copy!, response))
    return completedWrite ? response : databaseUnavailableResponse(keptHeaders(response))
  }
}

/** REST under /api/*, as src/app/(payload)/api/[...slug]/route.ts serves it (and the tests call it). */
export function restRoutes(config: Config) {
  // Bodies over API_MAX_BODY_KB get 413, and bodies or query strings Payload cannot read 400 or 415
  // rather than 500 (src/lib/requestLimits.ts).
  const limits = { api: 'rest', maxBodyBytes: readMaxApiBodyBytes() } as const
  const route = (handler: Handler<[RouteArgs]>) => withRequestLimits(withRequestScope(handler, 'rest'), limits)
  return {
    DELETE: route(REST_DELETE(config)),
    GET: route(REST_GET(config)),
    OPTIONS: REST_OPTIONS(config),
    PATCH: route(REST_PATCH(config)),
    POST: route(REST_POST(config)),
    PUT: route(REST_PUT(config)),
  }
}

/** GraphQL at /api/graphql, as src/app/(payload)/api/graphql/route.ts serves it (and the tests call it). */
export function graphqlRoutes(config: Config) {
  // A query refused before it runs answers 400 rather than 200 (src/graphql/badRequestStatus.ts); one whose
  // fragments expand to too many fields, or spread themselves, 400 (src/graphql/fragmentExpansion.ts).
  // Queries may be sent by GET (?query=…&variables=…) so the website's GraphQL reads can be cached like
  // REST ones; GET refuses mutations (405).
  const limits = { api: 'graphql', maxBodyBytes: readMaxApiBodyBytes() } as const
  const route = withRequestLimits(withFragmentExpansionLimit(withRequestScope(withBadRequestStatus(GRAPHQL_POST(config)), 'graphql')), limits)
  return { GET: route, OPTIONS: REST_OPTIONS(config), POST: route }
}
