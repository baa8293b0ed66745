import type { Endpoint, PayloadRequest } from 'payload'

import { atomFeed } from './atomFeed'
import { type FeedContent, feedContent } from './feedContent'
import { feedLocale } from './feedLocale'
import { jsonFeed } from './jsonFeed'
import { rssFeed } from './rssFeed'
import { cmsUrl, websiteLinks } from './websiteLinks'
import { notFound } from '../../http/clientError'

type FeedFormat = {
  /** The media type, without its charset. */
  mediaType: string
  /** The format's name, as docs and the OpenAPI document give it. */
  name: string
  render(feed: FeedContent, selfUrl: string): string
  /** What the body is in JSON Schema terms: a JSON object, or text. */
  schemaType: 'object' | 'string'
}

/**
 * The formats, by the file name that ends each feed address: everything
 * about a format is here, and the OpenAPI document is made from it
 * (src/discovery/openapi.ts).
 */
export const FEED_FORMATS: Record<string, FeedFormat> = {
  'rss.xml': { mediaType: 'application/rss+xml', name: 'RSS 2.0', render: rssFeed, schemaType: 'string' },
  'atom.xml': { mediaType: 'application/atom+xml', name: 'Atom 1.0', render: atomFeed, schemaType: 'string' },
  'feed.json': { mediaType: 'application/feed+json', name: 'JSON Feed 1.1', render: jsonFeed, schemaType: 'object' },
}

function routeParam(req: PayloadRequest, name: string): string {
  const value = req.routeParams?.[name]
  return typeof value === 'string' ? value : ''
}

/**
 * Feeds are public and cached by shared caches, so they are read as an
 * anonymous reader whoever asks: the Local API calls are made without the
 * request (and its user), never showing an editor's drafts.
 */
async function answerFeed(req: PayloadRequest, sectionSlug: string | undefined): Promise<Response> {
  const file = routeParam(req, 'file')
  const format = Object.hasOwn(FEED_FORMATS, file) ? FEED_FORMATS[file] : undefined
  if (!format) throw notFound(`There is no feed "${file.slice(0, 40)}": feeds are ${Object.keys(FEED_FORMATS).sort().join(', ')}`)
  const locale = feedLocale(routeParam(req, 'locale'))

  const feed = await feedContent(req.payload, { locale, sectionSlug }, websiteLinks())
  const sectionPart = sectionSlug === undefined ? '' : `sections/${encodeURIComponent(sectionSlug)}/`
  const selfUrl = cmsUrl(req.payload, `/feeds/${locale}/${sectionPart}${file}`)
  return new Response(format.render(feed, selfUrl), { headers: { 'Content-Type': `${format.mediaType}; charset=utf-8` }, status: 200 })
}

/**
 * RSS 2.0, Atom 1.0 and JSON Feed 1.1 of the newest articles, per language,
 * for the whole journal and for each section's branch:
 * /feeds/{locale}/{rss.xml|atom.xml|feed.json} and
 * /feeds/{locale}/sections/{slug}/{rss.xml|atom.xml|feed.json}
 * (public paths, rewritten to /api/feeds/… by the server). See docs/feeds.md.
 */
export const feedEndpoints: Endpoint[] = [
  {
    handler: (req) => answerFeed(req, undefined),
    method: 'get',
    path: '/feeds/:locale/:file',
  },
  {
    handler: (req) => answerFeed(req, routeParam(req, 'slug')),
    method: 'get',
    path: '/feeds/:locale/sections/:slug/:file',
  },
]
