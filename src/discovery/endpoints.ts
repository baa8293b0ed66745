import type { Endpoint } from 'payload'

/**
 * How readers, feed readers, search engines and scholarly indexes find the
 * journal: search, feeds, the sitemap, scholarly metadata and citations,
 * OAI-PMH. Each feature adds its endpoints here. Paths outside /api
 * (/feeds/…, /sitemap.xml, /oai) reach these through the server's public
 * path rewrites (src/lib/publicPaths.ts).
 */
export const discoveryEndpoints: Endpoint[] = []
