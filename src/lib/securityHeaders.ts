import helmet from 'helmet'
import type { RequestHandler } from 'express'

/**
 * Helmet with a content security policy the admin UI works under: Next's
 * inline bootstrap scripts and Payload's inline styles need 'unsafe-inline';
 * the development server also needs eval and a websocket for hot reload.
 * Media are served cross-origin to the website, so CORP allows that.
 * `frameSources` are the origins the admin UI may show in a frame: the
 * website, for the live preview pane.
 */
export function securityHeaders({ development, frameSources = [] }: { development: boolean; frameSources?: string[] }): RequestHandler {
  return helmet({
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
}
