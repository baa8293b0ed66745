export type RequestLimits = {
  /**
   * REST: a JSON body must be one object; form and multipart bodies (uploads) are taken too.
   * GraphQL: only JSON (a list too, which the route refuses itself).
   */
  api: 'graphql' | 'rest'
  /** The largest body (JSON, form or GraphQL query) read, in bytes; multipart uploads have their own limit. */
  maxBodyBytes: number
}

/**
 * How deep arrays and objects may nest in a JSON body or parameter. Rich
 * text is the deepest thing the API stores (a list in a list in a quote is
 * about 20 levels), and a `where` may nest 10 levels of `and`/`or` (about 20
 * of JSON; deeper ones get their own message from src/hooks/checkWhereQueries.ts).
 * Payload walks documents recursively: a body nested 5,000 levels deep
 * overflowed its stack (a 500).
 */
export const MAX_JSON_DEPTH = 1000

/** Query-string parameters Payload reads as JSON when they are sent whole (`where={"title":…}`). */
const JSON_PARAMETERS = ['where', 'data'] as const

function refusal(status: number, message: string): Response {
  return Response.json({ errors: [{ message }] }, { status })
}

function mediaType(request: Request): string {
  return (request.headers.get('content-type') ?? '').split(';', 1)[0].trim().toLowerCase()
}

/** The body, or null as soon as it grows past `max` bytes (the rest is never read). */
async function readAtMost(body: ReadableStream<Uint8Array>, max: number): Promise<null | Uint8Array<ArrayBuffer>> {
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > max) {
      await reader.cancel()
      return null
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(new ArrayBuffer(total))
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

/** How deep a parsed JSON value nests, counted without recursion; stops counting past `limit`. */
export function jsonDepth(value: unknown, limit = MAX_JSON_DEPTH): number {
  let deepest = 0
  const pending: { depth: number; value: unknown }[] = [{ depth: 0, value }]
  while (pending.length > 0) {
    const next = pending.pop()!
    if (typeof next.value !== 'object' || next.value === null) continue
    const depth = next.depth + 1
    deepest = Math.max(deepest, depth)
    if (deepest > limit) return deepest
    for (const child of Object.values(next.value)) if (typeof child === 'object' && child !== null) pending.push({ depth, value: child })
  }
  return deepest
}

const tooDeep = (what: string) => `${what} nests more than ${MAX_JSON_DEPTH} levels of arrays and objects`

function queryProblem(url: string): string | undefined {
  const { searchParams } = new URL(url)
  for (const name of JSON_PARAMETERS) {
    const values = searchParams.getAll(name)
    if (values.length !== 1 || values[0] === '') continue
    let parsed: unknown
    try {
      parsed = JSON.parse(values[0])
    } catch {
      return `${name} must be JSON (${name}={"title":{"equals":"…"}}) or given field by field (${name}[title][equals]=…)`
    }
    // A `where` too deep is refused with its own message, before Payload walks it (src/hooks/checkWhereQueries.ts).
    if (name !== 'where' && jsonDepth(parsed) > MAX_JSON_DEPTH) return tooDeep(name)
  }
  return undefined
}

const GRAPHQL_TYPE_MESSAGE = 'Send GraphQL requests as application/json ({"query": "…", "variables": {…}}), or queries by GET'

function bodyProblem(bytes: Uint8Array<ArrayBuffer>, type: string, limits: RequestLimits): { message: string; status: number } | undefined {
  if (bytes.byteLength === 0) return undefined
  if (type === 'application/json') {
    let parsed: unknown
    try {
      parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
    } catch (error) {
      // JSON.parse itself runs out of stack on a body of tens of thousands of `[`.
      if (error instanceof RangeError) return { message: tooDeep('The request body'), status: 400 }
      return { message: 'The request body is not valid JSON', status: 400 }
    }
    if (limits.api === 'rest' && (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))) {
      return { message: 'The request body must be a JSON object', status: 400 }
    }
    if (jsonDepth(parsed) > MAX_JSON_DEPTH) return { message: tooDeep('The request body'), status: 400 }
    return undefined
  }
  if (limits.api === 'graphql') return { message: GRAPHQL_TYPE_MESSAGE, status: 415 }
  if (type !== 'application/x-www-form-urlencoded') {
    return { message: 'Send the request body as application/json (or multipart/form-data with a file)', status: 415 }
  }
  return undefined
}

/**
 * Wraps a route handler of the API (REST or GraphQL) so that what Payload
 * would read without bounds, or fail on with a 500, is answered first with
 * a 4xx and a JSON message:
 *
 * - a body over `maxBodyBytes` gets 413, from its Content-Length when it
 *   declares one, otherwise as soon as that many bytes have arrived (only
 *   that much is ever held in memory). Multipart bodies (REST uploads) are
 *   passed through: Payload limits them (`upload.limits`, UPLOAD_MAX_FILE_SIZE_MB);
 * - a JSON body that does not parse, or nests deeper than MAX_JSON_DEPTH,
 *   gets 400; over REST also one that is not an object (`null`, `"text"`, a
 *   list), and a body of another type 415; GraphQL takes JSON only (415
 *   for anything else, multipart included);
 * - a multipart body without a boundary gets 400;
 * - `where=` or `data=` in the query string that is not JSON gets 400, and
 *   so does a `data=` nested too deep.
 */
export function withRequestLimits<Rest extends unknown[]>(
  handler: (request: Request, ...rest: Rest) => Promise<Response>,
  limits: RequestLimits,
): (request: Request, ...rest: Rest) => Promise<Response> {
  const tooLarge = () => refusal(413, `The request body is larger than the limit of ${limits.maxBodyBytes} bytes`)
  return async (request, ...rest) => {
    const badQuery = queryProblem(request.url)
    if (badQuery) return refusal(400, badQuery)
    const type = mediaType(request)
    if (type.startsWith('multipart/') && !/;\s*boundary=[^;\s]/i.test(request.headers.get('content-type') ?? '')) {
      return refusal(400, 'A multipart body needs a boundary in its Content-Type')
    }
    if (request.body === null) return handler(request, ...rest)
    if (type.startsWith('multipart/')) {
      if (limits.api === 'graphql') return refusal(415, GRAPHQL_TYPE_MESSAGE)
      return handler(request, ...rest)
    }

    const declared = Number(request.headers.get('content-length') ?? '')
    if (Number.isFinite(declared) && declared > limits.maxBodyBytes) return tooLarge()
    const bytes = await readAtMost(request.body, limits.maxBodyBytes)
    if (bytes === null) return tooLarge()
    const problem = bodyProblem(bytes, type, limits)
    if (problem) return refusal(problem.status, problem.message)

    const headers = new Headers(request.headers)
    headers.delete('content-length')
    const buffered = new Request(request.url, {
      body: bytes,
      headers,
      method: request.method,
      signal: request.signal,
    })
    return handler(buffered, ...rest)
  }
}
