import type { RequestHandler } from 'express'

/** The methods the CMS answers; anything else (TRACE, CONNECT, made-up ones) is refused. */
export const SUPPORTED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const

/**
 * A request with another method gets `405` with an `Allow` header and a
 * JSON message before it reaches Next, which would answer it with a 500.
 */
export function refuseUnsupportedMethods(): RequestHandler {
  const supported = new Set<string>(SUPPORTED_METHODS)
  return (req, res, next) => {
    if (supported.has(req.method)) return next()
    res.setHeader('Allow', SUPPORTED_METHODS.join(', '))
    res.setHeader('Cache-Control', 'no-store')
    res.status(405).json({ errors: [{ message: `The ${req.method} method is not supported` }] })
  }
}
