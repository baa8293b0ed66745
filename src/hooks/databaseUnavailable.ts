import type { AfterErrorHook } from 'payload'

/** How long a client is asked to wait before trying again. */
export const RETRY_AFTER_SECONDS = 5

const UNAVAILABLE_ERRORS = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoServerSelectionError',
  'MongoTopologyClosedError',
  'MongooseServerSelectionError',
])

/** True when an error, or one it was caused by, says the database cannot be reached. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false
  const { cause, message, name } = error as { cause?: unknown; message?: unknown; name?: unknown }
  if (typeof name === 'string' && UNAVAILABLE_ERRORS.has(name)) return true
  // Mongoose queues operations while it reconnects, and gives up after a while.
  if (typeof message === 'string' && /buffering timed out|connection .* closed|ECONNREFUSED/.test(message)) return true
  return isDatabaseUnavailable(cause, depth + 1)
}

/**
 * A request that fails because the database is away gets `503` with a JSON
 * message and `Retry-After`, not a 500: the client (or the website's cache)
 * should try again shortly, and nothing was written. The server reconnects
 * by itself when the database returns (the driver keeps trying).
 */
export const databaseUnavailable: AfterErrorHook = ({ error, req }) => {
  if (!isDatabaseUnavailable(error)) return
  const headers = req.responseHeaders ?? new Headers()
  headers.set('Retry-After', String(RETRY_AFTER_SECONDS))
  headers.set('Cache-Control', 'no-store')
  req.responseHeaders = headers
  return {
    response: { errors: [{ message: `The database is unavailable: try again in ${RETRY_AFTER_SECONDS} seconds` }] },
    status: 503,
  }
}
