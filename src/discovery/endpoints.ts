import type { Endpoint } from 'payload'

import { feedEndpoints } from './feeds/feedEndpoints'
import { oaiEndpoints } from './oai/endpoints'
import { sitemapEndpoints } from './sitemap/sitemapEndpoints'

/**
 * The root endpoints of discovery: feeds, the sitemap and OAI-PMH
 * (src/discovery/plugin.ts adds them). Paths outside /api
 * (/feeds/…, /sitemap.xml, /oai) reach these through the server's public
 * path rewrites (src/http/publicPaths.ts).
 */
export const discoveryEndpoints: Endpoint[] = [...feedEndpoints, ...sitemapEndpoints, ...oaiEndpoints]
