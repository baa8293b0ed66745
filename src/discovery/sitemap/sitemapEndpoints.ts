import type { Endpoint, PayloadRequest } from 'payload'

import { websiteLinks } from '../feeds/websiteLinks'
import { articleSitemap } from './articleSitemap'
import { authorPages, authorSitemap } from './authorSitemap'
import { scanPublishedArticles } from './publishedArticles'
import { sitemapContext } from './sitemapContext'
import { sitemapIndex } from './sitemapIndex'
import { sectionPages, sectionSitemap } from './sectionSitemap'
import { notFound } from '../../http/clientError'

const XML = 'application/xml; charset=utf-8'

/** The largest article file number anyone could need: far beyond any journal's size. */
const MAX_ARTICLE_FILE = 10_000

function xmlResponse(body: string): Response {
  return new Response(body, { headers: { 'Content-Type': XML }, status: 200 })
}

async function sitemapFile(req: PayloadRequest): Promise<string | undefined> {
  const file = typeof req.routeParams?.file === 'string' ? req.routeParams.file : ''
  const context = sitemapContext(req.payload, websiteLinks())
  if (file === 'sections.xml') return sectionSitemap(context, await sectionPages(context, await scanPublishedArticles(context)))
  if (file === 'authors.xml') return authorSitemap(context, await authorPages(context, await scanPublishedArticles(context)))
  const articles = /^articles-([1-9]\d{0,4})\.xml$/.exec(file)
  if (articles && Number(articles[1]) <= MAX_ARTICLE_FILE) return articleSitemap(context, Number(articles[1]))
  return undefined
}

/**
 * The sitemap index at /sitemap.xml and its files under /sitemaps/ (public
 * paths, rewritten to /api/… by the server). See docs/feeds.md.
 */
export const sitemapEndpoints: Endpoint[] = [
  {
    handler: async (req) => xmlResponse(await sitemapIndex(sitemapContext(req.payload, websiteLinks()))),
    method: 'get',
    path: '/sitemap.xml',
  },
  {
    handler: async (req) => {
      const body = await sitemapFile(req)
      if (body === undefined) {
        const file = typeof req.routeParams?.file === 'string' ? req.routeParams.file.slice(0, 60) : ''
        throw notFound(`There is no sitemap "${file}": see /sitemap.xml for the list`)
      }
      return xmlResponse(body)
    },
    method: 'get',
    path: '/sitemaps/:file',
  },
]
