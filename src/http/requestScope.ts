import { AsyncLocalStorage } from 'node:async_hooks'

/** An answer decided while a request ran, to be sent instead of whatever Payload made of it. */
export type Refusal = {
  message: string
  /** Seconds, for `Retry-After`. */
  retryAfterSeconds?: number
  status: number
}

/**
 * What the API's edge needs to know about one request once Payload is done
 * with it. Payload swallows some errors on the way (an account that cannot be
 * loaded is taken for no account; GraphQL puts errors in the body of a 200),
 * so the facts are noted here where they happen and acted on at the edge.
 */
export type RequestScope = {
  /** The first error that said the database cannot be reached (src/database/outages.ts). */
  databaseOutage?: unknown
  /** A budget spent (src/http/rateLimits.ts): the request is refused, over REST and GraphQL alike. */
  refusal?: Refusal
}

/**
 * One store for the whole process. The server's bundle and Next's bundle of
 * the routes each hold a copy of this module, and Payload (created by the
 * server, its hooks and adapter from the server's copy) must see the scope
 * the route (Next's copy) opened.
 */
const STORE = Symbol.for('journal-cms.requestScopes')
const shared = globalThis as { [STORE]?: AsyncLocalStorage<RequestScope> }
const scopes = (shared[STORE] ??= new AsyncLocalStorage<RequestScope>())

/** The scope of the API request being served, if any (scripts and jobs run outside one). */
export function currentRequestScope(): RequestScope | undefined {
  return scopes.getStore()
}

/** Runs `work` as one API request: whatever it awaits shares the returned scope. */
export async function runInRequestScope<T>(work: () => Promise<T>): Promise<{ result: T; scope: RequestScope }> {
  const scope: RequestScope = {}
  const result = await scopes.run(scope, work)
  return { result, scope }
}
