import { cmsUrl } from '../feeds/websiteLinks'
import { authorPages } from './authorSitemap'
import { scanPublishedArticles } from './publishedArticles'
import type { SitemapContext } from './sitemapContext'
import { sectionPages } from './sectionSitemap'
import { type SitemapReference, sitemapIndexXml } from './sitemapXml'

function newest(dates: string[]): string | undefined {
  if (dates.length === 0) return undefined
  return new Date(Math.max(...dates.map((date) => Date.parse(date)))).toISOString()
}

/**
 * The sitemap index (/sitemap.xml): the article files
 * (/sitemaps/articles-1.xml, -2, …), /sitemaps/sections.xml and
 * /sitemaps/authors.xml, each with the newest change among the pages it
 * lists. A file with nothing to list is left out.
 */
export async function sitemapIndex(context: SitemapContext): Promise<string> {
  const scan = await scanPublishedArticles(context)
  const [sections, authors] = await Promise.all([sectionPages(context, scan), authorPages(context, scan)])
  const at = (path: string) => cmsUrl(context.payload, path)
  const references: SitemapReference[] = [
    ...scan.fileUpdates.map((lastmod, index) => ({ lastmod, loc: at(`/sitemaps/articles-${index + 1}.xml`) })),
    ...(sections.length ? [{ lastmod: newest(sections.map((page) => page.lastmod)), loc: at('/sitemaps/sections.xml') }] : []),
    ...(authors.length ? [{ lastmod: newest(authors.map((page) => page.lastmod)), loc: at('/sitemaps/authors.xml') }] : []),
  ]
  return sitemapIndexXml(references)
}
