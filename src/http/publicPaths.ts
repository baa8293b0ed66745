import type { RequestHandler } from 'express'

/**
 * Public addresses served by API endpoints: the feeds, the sitemap and the
 * OAI-PMH base URL live at the paths readers, crawlers and harvesters expect
 * (/feeds/…, /sitemap.xml, /oai) and are answered by Payload endpoints under
 * /api/ (src/discovery/). Rewriting before the caching middleware gives them
 * the same ETag, Cache-Control and compression as the API.
 */
const PUBLIC_PREFIXES = ['/feeds/', '/sitemaps/']
const PUBLIC_PATHS = new Set(['/sitemap.xml', '/oai'])

export function publicPathRewrites(): RequestHandler {
  return (req, _res, next) => {
    const path = req.path
    if (PUBLIC_PATHS.has(path) || PUBLIC_PREFIXES.some((prefix) => path.startsWith(prefix))) {
      req.url = `/api${req.url}`
    }
    next()
  }
}
