import type { FeedContent, FeedEntry } from './feedContent'
import { XML_DECLARATION, xmlElement, xmlEmptyElement } from './xmlText'

/** RFC 822 dates, as RSS 2.0 wants them: `Fri, 01 Jun 2018 00:00:00 GMT`. */
function rfc822(iso: string): string {
  return new Date(iso).toUTCString()
}

function item(entry: FeedEntry): string {
  return [
    '<item>',
    xmlElement('title', entry.title),
    xmlElement('link', entry.url),
    xmlElement('description', entry.summary),
    // RSS's own <author> must be an e-mail address; authors' names go in Dublin Core.
    ...entry.authors.map((author) => xmlElement('dc:creator', author.name)),
    ...(entry.category ? [xmlElement('category', entry.category.label, { domain: entry.category.url })] : []),
    // Not the page address: the guid stays when the address changes, so it is no permalink.
    xmlElement('guid', entry.id, { isPermaLink: 'false' }),
    xmlElement('pubDate', rfc822(entry.published)),
    xmlElement('atom:updated', entry.updated),
    '</item>',
  ].join('\n')
}

/**
 * RSS 2.0: the channel's required title, link (the website page) and
 * description, its language, an `atom:link rel="self"`, and per item the
 * title, link, lead, authors (`dc:creator`), section, a guid that is not a
 * permalink, the publication date and the last update (`atom:updated`).
 */
export function rssFeed(feed: FeedContent, selfUrl: string): string {
  const newest = feed.entries.map((entry) => entry.published).sort().at(-1)
  return [
    XML_DECLARATION,
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<channel>',
    xmlElement('title', feed.title),
    xmlElement('link', feed.websiteUrl),
    xmlElement('description', feed.description),
    xmlElement('language', feed.language),
    ...(newest ? [xmlElement('pubDate', rfc822(newest))] : []),
    xmlElement('lastBuildDate', rfc822(feed.updated)),
    xmlEmptyElement('atom:link', { href: selfUrl, rel: 'self', type: 'application/rss+xml' }),
    ...feed.entries.map(item),
    '</channel>',
    '</rss>',
    '',
  ].join('\n')
}
