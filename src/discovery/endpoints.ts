import type { Endpoint } from 'payload'

import { searchEndpoint } from '../search/endpoint'
import { feedEndpoints } from './feeds/feedEndpoints'
import { oaiEndpoints } from './oai/endpoints'
import { sitemapEndpoints } from './sitemap/sitemapEndpoints'

/**
 * How readers, feed readers, search engines and scholarly indexes find the
 * journal: search, feeds, the sitemap, scholarly metadata and citations,
 * OAI-PMH. Each feature adds its endpoints here. Paths outside /api
 * (/feeds/…, /sitemap.xml, /oai) reach these through the server's public
 * path rewrites (src/http/publicPaths.ts).
 */
export const discoveryEndpoints: Endpoint[] = [searchEndpoint, ...feedEndpoints, ...sitemapEndpoints, ...oaiEndpoints]
