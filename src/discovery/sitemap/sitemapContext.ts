import type { Payload } from 'payload'

import { DEFAULT_LOCALE, LOCALES } from '../../policy/languages'
import type { WebsiteLinks } from '../feeds/websiteLinks'
import { MAX_URLS_PER_SITEMAP } from './sitemapXml'

/**
 * What every sitemap file is built from. Sitemaps are public and cached, so
 * they are read as an anonymous reader: the Local API calls are made
 * without the request (and its user), with `overrideAccess: false`.
 */
export type SitemapContext = {
  defaultLocale: string
  links: WebsiteLinks
  /** The CMS's languages, the default first. */
  locales: readonly string[]
  payload: Payload
  /** The most URLs an article sitemap file lists (at most the protocol's 50,000). */
  urlsPerFile: number
}

export function sitemapContext(payload: Payload, links: WebsiteLinks, urlsPerFile: number = MAX_URLS_PER_SITEMAP): SitemapContext {
  return { defaultLocale: DEFAULT_LOCALE, links, locales: LOCALES, payload, urlsPerFile: Math.min(urlsPerFile, MAX_URLS_PER_SITEMAP) }
}

/**
 * Articles per article sitemap file: each article is listed once per
 * language, so a file of this many never goes over `urlsPerFile` URLs.
 */
export function articlesPerFile(context: SitemapContext): number {
  return Math.max(1, Math.floor(context.urlsPerFile / context.locales.length))
}
