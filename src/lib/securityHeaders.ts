import helmet from 'helmet'
import type { RequestHandler } from 'express'

/**
 * Helmet with a content security policy the admin UI works under: Next's
 * inline bootstrap scripts and Payload's inline styles need 'unsafe-inline';
 * the development server also needs eval and a websocket for hot reload.
 * Media are served cross-origin to the website, so CORP allows that.
 */
export function securityHeaders({ development }: { development: boolean }): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        'base-uri': ["'self'"],
        'connect-src': ["'self'", ...(development ? ['ws:', 'wss:'] : [])],
        'default-src': ["'self'"],
        'font-src': ["'self'", 'data:'],
        'form-action': ["'self'"],
        'frame-ancestors': ["'self'"],
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
