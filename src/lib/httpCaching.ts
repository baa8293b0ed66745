import { createHash } from 'node:crypto'
import { promisify } from 'node:util'
import zlib from 'node:zlib'

import type { Request, RequestHandler, Response } from 'express'

import type { ApiCachePolicy } from './environment'
import { logger } from './logger'

const brotli = promisify(zlib.brotliCompress)
const gzip = promisify(zlib.gzip)

/** Bodies smaller than this are sent as they are: compressing them saves nothing. */
const COMPRESSION_THRESHOLD = 1024

const COMPRESSIBLE = /^(application\/([a-z.+-]*json|[a-z.+-]*xml|javascript)|text\/)/i

/** Responses that vary with these request headers: a shared cache must keep them apart. */
const VARY = ['Accept-Encoding', 'Authorization', 'Cookie', 'Origin']

type Encoding = 'br' | 'gzip' | 'identity'

const ETAG_SUFFIX: Record<Encoding, string> = { br: '-br', gzip: '-gz', identity: '' }

export type HttpCachingOptions = {
  /** Cookie names that carry a session (Payload's is `payload-token`). */
  sessionCookie: string
  policy: ApiCachePolicy
  /** Path prefixes whose GET answers are made cacheable, e.g. ['/api/']. */
  prefixes: string[]
  /** Paths left alone, e.g. uploaded files that are streamed. */
  skip?: RegExp
  /**
   * The content state (src/lib/contentState.ts). When given, a revalidation
   * (If-None-Match) of an answer remembered for the current state is answered
   * 304 at once, without building the answer again.
   */
  contentState?: () => Promise<string>
  /** Paths whose answers change without a content change (OAI-PMH's response date): always built. */
  alwaysBuild?: RegExp
  /** How many answers' validators are remembered, the least recently used dropped first (default 10,000). */
  rememberedAnswers?: number
}

/** Headers of a 200 that its 304 repeats (RFC 9110, 15.4.5), besides ETag, Cache-Control and Vary set here. */
const REPEATED_ON_304 = ['access-control-allow-credentials', 'access-control-allow-origin', 'access-control-expose-headers', 'content-location', 'expires']

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

/** Marks a response this middleware encodes itself, so the general compression leaves it alone. */
export function encodedByHttpCaching(res: Response): boolean {
  return res.locals.httpCaching === true
}

function isPersonal(req: Request, sessionCookie: string): boolean {
  if (req.headers.authorization) return true
  const cookies = req.headers.cookie ?? ''
  if (cookies.split(';').some((cookie) => cookie.trim().startsWith(`${sessionCookie}=`))) return true
  return new URL(req.originalUrl, 'http://cms.invalid').searchParams.get('draft') === 'true'
}

/** True when the handler already said the answer must not be kept by shared caches. */
function keptPrivateByHandler(res: Response): boolean {
  const header = res.getHeader('Cache-Control')
  const value = Array.isArray(header) ? header.join(',') : String(header ?? '')
  return /(^|[\s,])(no-store|private)\b/i.test(value)
}

function entityTagOf(body: Buffer): string {
  return createHash('sha256').update(body).digest('base64url').slice(0, 32)
}

/** The tags of an If-None-Match header, weak or strong, without quotes or encoding suffix. */
function requestedTags(header: string | undefined): { raw: string; tag: string }[] {
  if (!header) return []
  return header
    .split(',')
    .map((raw) => raw.trim())
    .filter(Boolean)
    .map((raw) => ({ raw, tag: raw.replace(/^W\//, '').replace(/^"|"$/g, '').replace(/-(br|gz)$/, '') }))
}

function chooseEncoding(req: Request, type: string, size: number): Encoding {
  if (size < COMPRESSION_THRESHOLD || !COMPRESSIBLE.test(type)) return 'identity'
  // The server's preference among what the client accepts: br is the smaller.
  if (req.acceptsEncodings('br') === 'br') return 'br'
  if (req.acceptsEncodings('gzip') === 'gzip') return 'gzip'
  return 'identity'
}

function encode(body: Buffer, encoding: Encoding): Promise<Buffer> {
  if (encoding === 'br') {
    return brotli(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
  }
  if (encoding === 'gzip') return gzip(body, { level: 6 })
  return Promise.resolve(body)
}

/**
 * HTTP caching for GET answers of the API (and the feeds and sitemap): a
 * strong ETag computed from the body, `If-None-Match` answered with 304,
 * Cache-Control public for anonymous readers and `private, no-store` for
 * signed-in users, API keys and drafts (an answer whose handler set
 * Cache-Control `no-store` or `private` keeps it, without ETag), a correct Vary, and br or gzip
 * compression (the ETag names the encoding, as a strong validator must).
 *
 * Next.js writes the response; this holds it back until it is complete, then
 * sends it with the caching headers. API answers are bounded in size (lists
 * are capped at 100 items), so holding one in memory is cheap.
 *
 * With `contentState`, the ETag of each public answer is remembered with the
 * content state it was built in (per URL and Origin); a revalidation that
 * names it while the state is unchanged gets its 304 after one small read of
 * the state, instead of the whole answer being built to be hashed.
 */
export function httpCaching(options: HttpCachingOptions): RequestHandler {
  const { maxAge, sMaxAge, staleWhileRevalidate } = options.policy
  const publicCacheControl = `public, max-age=${maxAge}, s-maxage=${sMaxAge}, stale-while-revalidate=${staleWhileRevalidate}`

  const remembered = new RecentAnswers(options.rememberedAnswers ?? 10_000)
  const { contentState } = options

  return (req, res, next) => {
    if (req.method !== 'GET' || !options.prefixes.some((prefix) => req.path.startsWith(prefix)) || options.skip?.test(req.path)) {
      next()
      return
    }
    res.locals.httpCaching = true
    const revalidation = req.headers['if-none-match']
    const key = `${req.originalUrl}\n${req.headers.origin ?? ''}`
    if (!contentState || !revalidation || isPersonal(req, options.sessionCookie) || options.alwaysBuild?.test(req.path)) {
      build(undefined)
      return
    }
    contentState().then(
      (state) => {
        const known = remembered.get(key)
        const match = known?.state === state ? requestedTags(revalidation).find((requested) => requested.raw === '*' || requested.tag === known.tag) : undefined
        if (!known || !match) {
          build(state)
          return
        }
        for (const field of VARY) res.vary(field)
        for (const [name, value] of known.headers) res.setHeader(name, value)
        res.setHeader('Cache-Control', publicCacheControl)
        res.setHeader('ETag', match.raw === '*' ? `"${known.tag}"` : match.raw.replace(/^W\//, ''))
        res.statusCode = 304
        res.end()
      },
      // The state could not be read (the database is away, say): the answer is built as usual.
      () => build(undefined),
    )

    /** Builds the answer with the handlers behind; `state`, read before, is what the answer is remembered by. */
    function build(state: string | undefined): void {
      const chunks: Buffer[] = []
      const original = {
        end: res.end,
        flush: (res as Response & { flush?: () => void }).flush,
        flushHeaders: res.flushHeaders,
        write: res.write,
        writeHead: res.writeHead,
      }
      /** Puts Node's own methods back (they call one another) and sends what is ready. */
      const send = {
        end: (body?: Buffer) => {
          Object.assign(res, original)
          if (body === undefined) res.end()
          else res.end(body)
        },
      }
      let finished = false

      const collect = (chunk: unknown, encoding?: BufferEncoding) => {
        if (chunk === undefined || chunk === null || typeof chunk === 'function') return
        chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, encoding) : Buffer.from(chunk as Uint8Array))
      }

      res.writeHead = ((statusCode: number, ...rest: unknown[]) => {
        res.statusCode = statusCode
        const headers = rest.find((argument) => argument && typeof argument === 'object') as Record<string, number | string | string[]> | undefined
        for (const [name, value] of Object.entries(headers ?? {})) res.setHeader(name, value)
        return res
      }) as Response['writeHead']
      res.flushHeaders = () => undefined
      ;(res as Response & { flush?: () => void }).flush = () => undefined
      res.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
        collect(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : undefined)
        const done = [encoding, callback].find((argument) => typeof argument === 'function') as (() => void) | undefined
        if (done) process.nextTick(done)
        return true
      }) as Response['write']
      res.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
        if (finished) return res
        finished = true
        collect(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : undefined)
        const done = [chunk, encoding, callback].find((argument) => typeof argument === 'function') as (() => void) | undefined
        finish(Buffer.concat(chunks))
          .catch((error: unknown) => {
            res.statusCode = 500
            send.end()
            logger.error({ err: error }, 'Could not send an API response')
          })
          .finally(() => done?.())
        return res
      }) as Response['end']

      async function finish(body: Buffer): Promise<void> {
        for (const field of VARY) res.vary(field)
        if (res.statusCode !== 200) {
          res.setHeader('Cache-Control', 'no-store')
          send.end(body)
          return
        }
        // An answer its handler marked private (a preview, say) keeps that header, whoever asked.
        const handlerPrivate = keptPrivateByHandler(res)
        if (handlerPrivate || isPersonal(req, options.sessionCookie)) {
          if (!handlerPrivate) res.setHeader('Cache-Control', 'private, no-store')
          res.removeHeader('ETag')
          await sendEncoded(body, undefined)
          return
        }
        res.setHeader('Cache-Control', publicCacheControl)
        const tag = entityTagOf(body)
        if (state !== undefined) {
          const headers = REPEATED_ON_304.flatMap((name): [string, string][] => {
            const value = res.getHeader(name)
            return value === undefined ? [] : [[name, String(value)]]
          })
          remembered.set(key, { headers, state, tag })
        }
        const match = requestedTags(req.headers['if-none-match']).find((requested) => requested.raw === '*' || requested.tag === tag)
        if (match) {
          res.statusCode = 304
          for (const header of ['Content-Type', 'Content-Length', 'Content-Encoding', 'Transfer-Encoding']) res.removeHeader(header)
          res.setHeader('ETag', match.raw === '*' ? `"${tag}"` : match.raw.replace(/^W\//, ''))
          send.end()
          return
        }
        await sendEncoded(body, tag)
      }

      async function sendEncoded(body: Buffer, tag: string | undefined): Promise<void> {
        const encoding = chooseEncoding(req, String(res.getHeader('Content-Type') ?? ''), body.length)
        const encoded = await encode(body, encoding)
        if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding)
        if (tag) res.setHeader('ETag', `"${tag}${ETAG_SUFFIX[encoding]}"`)
        res.removeHeader('Transfer-Encoding')
        res.setHeader('Content-Length', encoded.length)
        send.end(encoded)
      }

      next()
    }
  }
}
