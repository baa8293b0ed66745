import { element, onSeparateLines, textElement, xmlDocument, type XmlNode } from '../../lib/xmlDocument'

export const SITEMAP_NAMESPACE = 'http://www.sitemaps.org/schemas/sitemap/0.9'
export const XHTML_NAMESPACE = 'http://www.w3.org/1999/xhtml'

/** The most URLs one sitemap file may list (the sitemap protocol's limit). */
export const MAX_URLS_PER_SITEMAP = 50_000

export type SitemapAlternate = { href: string; hreflang: string }

export type SitemapUrl = {
  /** The page in every language it exists in, itself included (empty for a page in one language only). */
  alternates: SitemapAlternate[]
  /** ISO 8601 (UTC). */
  lastmod?: string
  loc: string
}

export type SitemapReference = { lastmod?: string; loc: string }

/** A W3C datetime to the second, in UTC: `2018-06-01T08:30:00Z`. */
export function w3cDatetime(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

function urlElement(url: SitemapUrl): XmlNode {
  return element('url', {}, [
    textElement('loc', url.loc),
    ...(url.lastmod ? [textElement('lastmod', w3cDatetime(url.lastmod))] : []),
    ...url.alternates.map((alternate) => element('xhtml:link', { href: alternate.href, hreflang: alternate.hreflang, rel: 'alternate' })),
  ])
}

/** A `<urlset>` with `xhtml:link` language alternates, one URL per line. */
export function urlsetXml(urls: SitemapUrl[]): string {
  return xmlDocument(element('urlset', { xmlns: SITEMAP_NAMESPACE, 'xmlns:xhtml': XHTML_NAMESPACE }, onSeparateLines(urls.map(urlElement))))
}

/** A `<sitemapindex>` pointing at sitemap files, one per line. */
export function sitemapIndexXml(sitemaps: SitemapReference[]): string {
  const references = sitemaps.map((sitemap) =>
    element('sitemap', {}, [textElement('loc', sitemap.loc), ...(sitemap.lastmod ? [textElement('lastmod', w3cDatetime(sitemap.lastmod))] : [])]),
  )
  return xmlDocument(element('sitemapindex', { xmlns: SITEMAP_NAMESPACE }, onSeparateLines(references)))
}
