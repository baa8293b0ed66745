import { Readable } from 'node:stream'

import type { Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from 'express'
import type { Logger } from 'pino'

import { type ApiHandler, isApiPath } from './apiEdge'

/** The Web Request of an Express request: the same method, URL, headers and body (streamed, never buffered here). */
export function webRequestOf(req: ExpressRequest): Request {
  // req.url, not originalUrl: the public addresses of feeds, sitemap and OAI-PMH are rewritten to /api before (src/http/publicPaths.ts).
  const url = `${req.protocol}://${req.get('host') ?? 'localhost'}${req.url}`
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item)
    else if (value !== undefined) headers.set(name, value)
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD'
  return new Request(url, {
    body: hasBody ? (Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>) : undefined,
    // Node's fetch needs to be told that a streamed body goes one way.
    ...(hasBody ? { duplex: 'half' } : {}),
    headers,
    method: req.method,
  } as RequestInit)
}

/** Resolves when the response can take more (`drain`), or has closed. */
function writable(res: ExpressResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done).off('close', done)
      resolve()
    }
    res.once('drain', done).once('close', done)
  })
}

/**
 * Writes a Web Response to Express: status, headers (each Set-Cookie on its
 * own), and the body chunk by chunk as it comes, waiting while the client is
 * slow. Read straight from the body's reader: wrapping it in a Node stream
 * (`Readable.fromWeb`) cost more CPU than the rest of writing a small answer.
 */
export async function sendWebResponse(res: ExpressResponse, response: Response): Promise<void> {
  res.status(response.status)
  for (const [name, value] of response.headers) {
    if (name !== 'set-cookie') res.setHeader(name, value)
  }
  const cookies = response.headers.getSetCookie()
  if (cookies.length) res.setHeader('Set-Cookie', cookies)
  if (!response.body) {
    res.end()
    return
  }
  const reader = response.body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    if (res.destroyed) {
      await reader.cancel()
      return
    }
    if (!res.write(value)) await writable(res)
  }
  res.end()
}

/** Marks a response the API edge encodes itself (GET answers), so the general compression leaves it alone. */
export function encodedByApiEdge(res: ExpressResponse): boolean {
  return res.locals.apiEdge === true
}

/**
 * Express hands every API request to the edge (src/http/apiEdge.ts) and
 * writes its answer; anything else goes on to Next (the admin UI). A failure
 * the edge did not turn into an answer is logged and answered 500 with a
 * JSON message, never left hanging.
 */
export function serveApi(edge: ApiHandler, logger: Logger): RequestHandler {
  return (req, res, next) => {
    if (!isApiPath(req.path)) {
      next()
      return
    }
    if (req.method === 'GET' || req.method === 'HEAD') res.locals.apiEdge = true
    edge(webRequestOf(req))
      .then((response) => sendWebResponse(res, response))
      .catch((error: unknown) => {
        logger.error({ err: error }, `Could not answer ${req.method} ${req.path}`)
        if (res.headersSent) {
          res.destroy()
          return
        }
        res.status(500).json({ errors: [{ message: 'Something went wrong.' }] })
      })
  }
}
