import type { IncomingMessage, OutgoingHttpHeader, ServerResponse } from 'node:http'

import type { RequestHandler } from 'express'
import helmet from 'helmet'

type HeaderValue = number | readonly string[] | string

/** Records the headers a middleware sets, instead of setting them on the response. */
function recordingResponse(): { headers: Map<string, { name: string; value: HeaderValue }>; response: Partial<ServerResponse> } {
  const headers = new Map<string, { name: string; value: HeaderValue }>()
  const response = {
    getHeader: (name: string) => headers.get(name.toLowerCase())?.value,
    removeHeader: (name: string) => void headers.delete(name.toLowerCase()),
    setHeader(name: string, value: HeaderValue) {
      headers.set(name.toLowerCase(), { name, value })
      return this as unknown as ServerResponse
    },
  }
  return { headers, response: response as unknown as Partial<ServerResponse> }
}

/** Calls `apply` once, just before the response's headers are written (whether by writeHead or implicitly). */
function beforeHeaders(res: ServerResponse, apply: () => void): void {
  const writeHead = res.writeHead
  let applied = false
  res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
    if (!applied) {
      applied = true
      // Headers given to writeHead itself belong to the handler too.
      const given = args.find((argument) => argument && typeof argument === 'object' && !Array.isArray(argument)) as Record<string, OutgoingHttpHeader> | undefined
      for (const [name, value] of Object.entries(given ?? {})) if (value !== undefined) this.setHeader(name, value)
      apply()
    }
    return writeHead.apply(this, args)
  } as ServerResponse['writeHead']
}

/**
 * Helmet with a content security policy the admin UI works under: Next's
 * inline bootstrap scripts and Payload's inline styles need 'unsafe-inline';
 * the development server also needs eval and a websocket for hot reload.
 * Media are served cross-origin to the website, so CORP allows that.
 * `frameSources` are the origins the admin UI may show in a frame: the
 * website, for the live preview pane.
 *
 * These are defaults: a header the route itself sets wins. Next copies a
 * route's headers onto the response only where none of that name is set
 * yet, so headers set here first used to win instead: uploaded files were
 * served with the admin UI's policy rather than their own sandbox
 * (src/http/mediaResponseHeaders.ts). So the defaults are applied just before
 * the headers are sent, to the names the route left unset.
 */
export function securityHeaders({ development, frameSources = [] }: { development: boolean; frameSources?: string[] }): RequestHandler {
  const defaults = helmet({
    contentSecurityPolicy: {
      directives: {
        'base-uri': ["'self'"],
        'connect-src': ["'self'", ...(development ? ['ws:', 'wss:'] : [])],
        'default-src': ["'self'"],
        'font-src': ["'self'", 'data:'],
        'form-action': ["'self'"],
        'frame-ancestors': ["'self'"],
        'frame-src': ["'self'", ...frameSources],
        'img-src': ["'self'", 'data:', 'blob:'],
        'object-src': ["'none'"],
        'script-src': ["'self'", "'unsafe-inline'", ...(development ? ["'unsafe-eval'"] : [])],
        'style-src': ["'self'", "'unsafe-inline'"],
        'upgrade-insecure-requests': null,
      },
    },
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    strictTransportSecurity: development ? false : undefined,
  })
  return (req, res, next) => {
    const { headers, response } = recordingResponse()
    defaults(req as IncomingMessage, response as ServerResponse, (error?: unknown) => {
      if (error) return next(error)
      beforeHeaders(res, () => {
        for (const { name, value } of headers.values()) if (!res.hasHeader(name)) res.setHeader(name, value)
      })
      next()
    })
  }
}
