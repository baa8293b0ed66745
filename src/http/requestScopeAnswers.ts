import { getOperationAST, parse } from 'graphql'

import { databaseUnavailableResponse } from '../hooks/databaseUnavailable'
import { type Refusal, runInRequestScope } from './requestScope'

type Handler = (request: Request) => Promise<Response>

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
 * Runs a route handler as one request scope (src/http/requestScope.ts) and
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
export function withRequestScope(handler: Handler, api: 'graphql' | 'rest'): Handler {
  return async (request) => {
    const copy = api === 'graphql' && request.method === 'POST' ? request.clone() : undefined
    const { result: response, scope } = await runInRequestScope(() => handler(request))
    if (scope.refusal) return refusalResponse(scope.refusal, response)
    if (!scope.databaseOutage) return response
    const completedWrite =
      api === 'rest' ? request.method !== 'GET' && request.method !== 'HEAD' && response.status < 400 : Boolean(copy) && (await isCompletedMutation(copy!, response))
    return completedWrite ? response : databaseUnavailableResponse(keptHeaders(response))
  }
}
