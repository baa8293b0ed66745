import type { AfterErrorHook } from 'payload'

/** How long a client is asked to wait before trying again. */
export const RETRY_AFTER_SECONDS = 5

export const DATABASE_UNAVAILABLE_MESSAGE = `The database is unavailable: try again in ${RETRY_AFTER_SECONDS} seconds`

/** The driver's (and Mongoose's) names for "no server to talk to" and "the server went away". */
const UNAVAILABLE_ERRORS = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoOperationTimeoutError',
  'MongoPoolClearedError',
  'MongoServerClosedError',
  'MongoServerSelectionError',
  'MongoTopologyClosedError',
  'MongoWaitQueueTimeoutError',
  'MongooseServerSelectionError',
])

/** Socket errors, as Node names them, when the server's end of a connection is gone. */
const SOCKET_ERRORS = new Set(['ECONNABORTED', 'ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ETIMEDOUT'])

/**
 * MongoDB's own codes for a server that is stopping, stepping down or ran out
 * of its time limit (maxTimeMS): HostUnreachable, HostNotFound,
 * NetworkTimeout, ShutdownInProgress, MaxTimeMSExpired, PrimarySteppedDown,
 * NotWritablePrimary, InterruptedAtShutdown, InterruptedDueToReplStateChange,
 * NotPrimaryNoSecondaryOk, NotPrimaryOrSecondary, ExceededTimeLimit.
 */
const UNAVAILABLE_CODES = new Set([6, 7, 89, 91, 50, 189, 10107, 11600, 11602, 13435, 13436, 262])

/** True when an error, or one it was caused by, says the database cannot be reached (or did not answer in time). */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false
  const { cause, code, message, name } = error as { cause?: unknown; code?: unknown; message?: unknown; name?: unknown }
  if (typeof name === 'string' && UNAVAILABLE_ERRORS.has(name)) return true
  if (typeof code === 'string' && SOCKET_ERRORS.has(code)) return true
  if (typeof code === 'number' && typeof name === 'string' && name.startsWith('Mongo') && UNAVAILABLE_CODES.has(code)) return true
  // Mongoose queues operations while it reconnects (when buffering is on), and gives up after a while;
  // Node says this of a socket whose server end closed before the driver noticed.
  if (typeof message === 'string' && /buffering timed out|connection .* closed|ECONNREFUSED|socket has been ended by the other party/.test(message)) return true
  return isDatabaseUnavailable(cause, depth + 1)
}

/** The 503 every request that needed the database gets while it is away. */
export function databaseUnavailableResponse(headers: Headers = new Headers()): Response {
  headers.set('Retry-After', String(RETRY_AFTER_SECONDS))
  headers.set('Cache-Control', 'no-store')
  headers.set('Content-Type', 'application/json')
  return new Response(JSON.stringify({ errors: [{ message: DATABASE_UNAVAILABLE_MESSAGE }] }), { headers, status: 503 })
}

/**
 * A request that fails because the database is away gets `503` with a JSON
 * message and `Retry-After`, not a 500: the client (or the website's cache)
 * should try again shortly. The server reconnects by itself when the database
 * returns (the driver keeps trying). Errors Payload swallows on the way (an
 * account that could not be loaded) are caught at the API's edge instead
 * (src/http/requestScopeAnswers.ts).
 */
export const databaseUnavailable: AfterErrorHook = ({ error, req }) => {
  if (!isDatabaseUnavailable(error)) return
  const headers = req.responseHeaders ?? new Headers()
  headers.set('Retry-After', String(RETRY_AFTER_SECONDS))
  headers.set('Cache-Control', 'no-store')
  req.responseHeaders = headers
  return {
    response: { errors: [{ message: DATABASE_UNAVAILABLE_MESSAGE }] },
    status: 503,
  }
}
