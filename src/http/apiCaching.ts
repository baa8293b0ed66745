import { createHash } from 'node:crypto'
import { promisify } from 'node:util'
import zlib from 'node:zlib'

import type { ApiCachePolicy } from '../settings/environment'

const brotli = promisify(zlib.brotliCompress)
const gzip = promisify(zlib.gzip)

/** Bodies smaller than this are sent as they are: compressing them saves nothing. */
const COMPRESSION_THRESHOLD = 1024

const COMPRESSIBLE = /^(application\/([a-z.+-]*json|[a-z.+-]*xml|javascript)|text\/)/i

/** Responses that vary with these request headers: a shared cache must keep them apart. */
const VARY = ['Accept-Encoding', 'Authorization', 'Cookie', 'Origin']

type Encoding = 'br' | 'gzip' | 'identity'

const ETAG_SUFFIX: Record<Encoding, string> = { br: '-br', gzip: '-gz', identity: '' }

/** Headers of a 200 that its 304 repeats (RFC 9110, 15.4.5), besides ETag, Cache-Control and Vary set here. */
const REPEATED_ON_304 = ['access-control-allow-credentials', 'access-control-allow-origin', 'access-control-expose-headers', 'content-location', 'expires']

export type ApiCachingOptions = {
  policy: ApiCachePolicy
  /** Cookie names that carry a session (Payload's is `payload-token`). */
  sessionCookie: string
  /** Paths left alone, e.g. uploaded files that are streamed. */
  skip?: RegExp
  /**
   * The content state (src/contentState/contentState.ts). When given, a revalidation
   * (If-None-Match) of an answer remembered for the current state is answered
   * 304 at once, without building the answer again.
   */
  contentState?: () => Promise<string>
  /** Paths whose answers change without a content change (OAI-PMH's response date): always built. */
  alwaysBuild?: RegExp
  /** How many answers' validators are remembered, the least recently used dropped first (default 10,000). */
  rememberedAnswers?: number
}

/** What is remembered of a public answer: the content state it was built in, its ETag (without encoding) and headers to repeat. */
type RememberedAnswer = { headers: [string, string][]; state: string; tag: string }

/** A bounded map that forgets the least recently used entry first. */
class RecentAnswers {
  private readonly entries = new Map<string, RememberedAnswer>()

  constructor(private readonly limit: number) {}

  get(key: string): RememberedAnswer | undefined {
    const entry = this.entries.get(key)
    if (entry) {
      this.entries.delete(key)
      this.entries.set(key, entry)
    }
    return entry
  }

  set(key: string, entry: RememberedAnswer): void {
    this.entries.delete(key)
    this.entries.set(key, entry)
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as string)
  }
}

function isPersonal(request: Request, url: URL, sessionCookie: string): boolean {
  if (request.headers.get('authorization')) return true
  const cookies = request.headers.get('cookie') ?? ''
  if (cookies.split(';').some((cookie) => cookie.trim().startsWith(`${sessionCookie}=`))) return true
  return url.searchParams.get('draft') === 'true'
}

/** True when the handler already said the answer must not be kept by shared caches. */
function keptPrivateByHandler(headers: Headers): boolean {
  return /(^|[\s,])(no-store|private)\b/i.test(headers.get('cache-control') ?? '')
}

function entityTagOf(body: Uint8Array): string {
  return createHash('sha256').update(body).digest('base64url').slice(0, 32)
}

/** The tags of an If-None-Match header, weak or strong, without quotes or encoding suffix. */
function requestedTags(header: null | string): { raw: string; tag: string }[] {
  if (!header) return []
  return header
    .split(',')
    .map((raw) => raw.trim())
    .filter(Boolean)
    .map((raw) => ({ raw, tag: raw.replace(/^W\//, '').replace(/^"|"$/g, '').replace(/-(br|gz)$/, '') }))
}

/** The encodings the client accepts with a quality above 0, by name. */
function acceptedEncodings(header: null | string): Set<string> {
  const accepted = new Set<string>()
  for (const part of (header ?? '').split(',')) {
    const [name, ...parameters] = part.trim().toLowerCase().split(';')
    const quality = parameters.map((parameter) => /^\s*q=([\d.]+)\s*$/.exec(parameter)?.[1]).find(Boolean)
    if (name && (quality === undefined || Number(quality) > 0)) accepted.add(name)
  }
  return accepted
}

function chooseEncoding(request: Request, type: string, size: number): Encoding {
  if (size < COMPRESSION_THRESHOLD || !COMPRESSIBLE.test(type)) return 'identity'
  const accepted = acceptedEncodings(request.headers.get('accept-encoding'))
  // The server's preference among what the client accepts: br is the smaller.
  if (accepted.has('br') || accepted.has('*')) return 'br'
  if (accepted.has('gzip')) return 'gzip'
  return 'identity'
}

function encode(body: Uint8Array, encoding: Encoding): Promise<Uint8Array> {
  if (encoding === 'br') {
    return brotli(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength } })
  }
  if (encoding === 'gzip') return gzip(body, { level: 6 })
  return Promise.resolve(body)
}

/** Vary names every request header the answer depends on, besides those the handler named. */
function withVary(headers: Headers): void {
  const named = (headers.get('vary') ?? '').split(',').map((name) => name.trim()).filter(Boolean)
  const lower = new Set(named.map((name) => name.toLowerCase()))
  headers.set('Vary', [...named, ...VARY.filter((name) => !lower.has(name.toLowerCase()))].join(', '))
}

type ApiHandler = (request: Request) => Promise<Response>

/**
 * HTTP caching for GET answers of the API (and the feeds and sitemap, which
 * are API endpoints too): a strong ETag computed from the body,
 * `If-None-Match` answered with 304, Cache-Control public for anonymous
 * readers and `private, no-store` for signed-in users, API keys and drafts
 * (their ETag, if any, is the document's version given by the handler; an answer whose handler set Cache-Control `no-store` or `private` keeps
 * it, without ETag), a correct Vary, and br or gzip compression (the ETag
 * names the encoding, as a strong validator must). API answers are bounded in
 * size (lists are capped at 100 items), so holding one whole is cheap.
 *
 * With `contentState`, the ETag of each public answer is remembered with the
 * content state it was built in (per URL and Origin); a revalidation that
 * names it while the state is unchanged gets its 304 after one small read of
 * the state, instead of the whole answer being built to be hashed.
 *
 * Composed over Web Request and Response (src/http/apiEdge.ts): the same
 * code caches for the production server and for the tests' client.
 */
export function withApiCaching(handler: ApiHandler, options: ApiCachingOptions): ApiHandler {
  const { maxAge, sMaxAge, staleWhileRevalidate } = options.policy
  const publicCacheControl = `public, max-age=${maxAge}, s-maxage=${sMaxAge}, stale-while-revalidate=${staleWhileRevalidate}`
  const remembered = new RecentAnswers(options.rememberedAnswers ?? 10_000)
  const { contentState } = options

  /** Builds the answer with the handler; `state`, read before, is what the answer is remembered by. */
  async function build(request: Request, url: URL, key: string, state: string | undefined): Promise<Response> {
    const built = await handler(request)
    const headers = new Headers(built.headers)
    withVary(headers)
    if (built.status !== 200) {
      headers.set('Cache-Control', 'no-store')
      return new Response(built.body, { headers, status: built.status, statusText: built.statusText })
    }
    const body = new Uint8Array(await built.arrayBuffer())
    // An answer its handler marked private (a preview, say) keeps that header, whoever asked.
    const handlerPrivate = keptPrivateByHandler(headers)
    if (handlerPrivate || isPersonal(request, url, options.sessionCookie)) {
      if (!handlerPrivate) headers.set('Cache-Control', 'private, no-store')
      // A personal answer keeps the ETag its handler gave it (a document's version, src/hooks/documentVersionChecks.ts).
      const versionTag = headers.get('ETag') ?? undefined
      headers.delete('ETag')
      return encoded(request, body, headers, undefined, versionTag)
    }
    headers.set('Cache-Control', publicCacheControl)
    const tag = entityTagOf(body)
    if (state !== undefined) {
      const repeated = REPEATED_ON_304.flatMap((name): [string, string][] => {
        const value = headers.get(name)
        return value === null ? [] : [[name, value]]
      })
      remembered.set(key, { headers: repeated, state, tag })
    }
    const match = requestedTags(request.headers.get('if-none-match')).find((requested) => requested.raw === '*' || requested.tag === tag)
    if (match) {
      for (const name of ['Content-Type', 'Content-Length', 'Content-Encoding', 'Transfer-Encoding']) headers.delete(name)
      headers.set('ETag', match.raw === '*' ? `"${tag}"` : match.raw.replace(/^W\//, ''))
      return new Response(null, { headers, status: 304 })
    }
    return encoded(request, body, headers, tag)
  }

  async function encoded(request: Request, body: Uint8Array, headers: Headers, tag: string | undefined, versionTag?: string): Promise<Response> {
    const encoding = chooseEncoding(request, headers.get('content-type') ?? '', body.byteLength)
    const bytes = await encode(body, encoding)
    if (encoding !== 'identity') headers.set('Content-Encoding', encoding)
    if (tag) headers.set('ETag', `"${tag}${ETAG_SUFFIX[encoding]}"`)
    // A version names the stored document, whatever the encoding of this answer.
    else if (versionTag) headers.set('ETag', versionTag)
    headers.delete('Transfer-Encoding')
    headers.set('Content-Length', String(bytes.byteLength))
    return new Response(bytes as Uint8Array<ArrayBuffer>, { headers, status: 200 })
  }

  return async (request) => {
    const url = new URL(request.url)
    if (request.method !== 'GET' || options.skip?.test(url.pathname)) return handler(request)
    const revalidation = request.headers.get('if-none-match')
    const key = `${url.pathname}${url.search}\n${request.headers.get('origin') ?? ''}`
    if (!contentState || !revalidation || isPersonal(request, url, options.sessionCookie) || options.alwaysBuild?.test(url.pathname)) {
      return build(request, url, key, undefined)
    }
    let state: string
    try {
      state = await contentState()
    } catch {
      // The state could not be read (the database is away, say): the answer is built as usual.
      return build(request, url, key, undefined)
    }
    const known = remembered.get(key)
    const match = known?.state === state ? requestedTags(revalidation).find((requested) => requested.raw === '*' || requested.tag === known.tag) : undefined
    if (!known || !match) return build(request, url, key, state)
    const headers = new Headers(known.headers)
    withVary(headers)
    headers.set('Cache-Control', publicCacheControl)
    headers.set('ETag', match.raw === '*' ? `"${known.tag}"` : match.raw.replace(/^W\//, ''))
    return new Response(null, { headers, status: 304 })
  }
}
