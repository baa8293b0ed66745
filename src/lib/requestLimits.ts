export type RequestLimits = {
  /** The largest body (JSON, form or GraphQL query) read, in bytes; multipart uploads have their own limit. */
  maxBodyBytes: number
  /** REST: a JSON body must be one object (GraphQL's route takes a list too, and refuses it itself). */
  objectBodies: boolean
}

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

function queryProblem(url: string): string | undefined {
  const { searchParams } = new URL(url)
  for (const name of JSON_PARAMETERS) {
    const values = searchParams.getAll(name)
    if (values.length !== 1 || values[0] === '') continue
    try {
      JSON.parse(values[0])
    } catch {
      return `${name} must be JSON (${name}={"title":{"equals":"…"}}) or given field by field (${name}[title][equals]=…)`
    }
  }
  return undefined
}

function bodyProblem(bytes: Uint8Array<ArrayBuffer>, type: string, limits: RequestLimits): { message: string; status: number } | undefined {
  if (bytes.byteLength === 0) return undefined
  if (type === 'application/json') {
    let parsed: unknown
    try {
      parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
    } catch {
      return { message: 'The request body is not valid JSON', status: 400 }
    }
    if (limits.objectBodies && (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))) {
      return { message: 'The request body must be a JSON object', status: 400 }
    }
    return undefined
  }
  if (limits.objectBodies && type !== 'application/x-www-form-urlencoded') {
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
 *   that much is ever held in memory). Multipart bodies (uploads) are passed
 *   through: Payload limits them (`upload.limits`, UPLOAD_MAX_FILE_SIZE_MB);
 * - a JSON body that does not parse gets 400; over REST also one that is not
 *   an object (`null`, `"text"`, a list), and a body of another type 415;
 * - a multipart body without a boundary gets 400;
 * - `where=` or `data=` in the query string that is not JSON gets 400.
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
    if (request.body === null || type.startsWith('multipart/')) return handler(request, ...rest)

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
