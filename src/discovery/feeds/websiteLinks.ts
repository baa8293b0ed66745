import type { Payload } from 'payload'

import { readWebsitePathTemplates, readWebsiteUrl } from '../../settings/environment'
import { websitePaths, type WebsitePathTemplates } from '../../lib/websitePaths'

/** Absolute addresses of the website's pages (WEBSITE_URL + the WEBSITE_*_PATH templates). */
export type WebsiteLinks = {
  article(locale: string, slug: string): string
  author(locale: string, slug: string): string
  home(locale: string): string
  /** The website's origin, e.g. https://www.example.org. */
  origin: string
  /** `sectionPath` is the section's breadcrumb URL, e.g. `/journals/master-forum`. */
  section(locale: string, sectionPath: string): string
}

/** Read from the environment on each call, so a feed or sitemap always names the pages the website has now. */
export function websiteLinks(origin: string = readWebsiteUrl(), templates: WebsitePathTemplates = readWebsitePathTemplates()): WebsiteLinks {
  const paths = websitePaths(templates)
  return {
    article: (locale, slug) => `${origin}${paths.article(locale, slug)}`,
    author: (locale, slug) => `${origin}${paths.author(locale, slug)}`,
    home: (locale) => `${origin}${paths.home(locale)}`,
    origin,
    section: (locale, sectionPath) => `${origin}${paths.section(locale, sectionPath)}`,
  }
}

/**
 * The public address of something the CMS itself serves, such as a feed or a
 * sitemap (`/feeds/en/rss.xml`): the CMS's own origin (SERVER_URL), where
 * these are answered, not the website's.
 */
export function cmsUrl(payload: Payload, path: string): string {
  return `${(payload.config.serverURL || '').replace(/\/+$/, '')}${path}`
}
