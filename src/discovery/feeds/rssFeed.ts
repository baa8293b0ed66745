import { element, onSeparateLines, textElement, xmlDocument, type XmlNode } from '../../lib/xmlDocument'
import type { FeedContent, FeedEntry } from './feedContent'

/** RFC 822 dates, as RSS 2.0 wants them: `Fri, 01 Jun 2018 00:00:00 GMT`. */
function rfc822(iso: string): string {
  return new Date(iso).toUTCString()
}

function item(entry: FeedEntry): XmlNode {
  return element(
    'item',
    {},
    onSeparateLines([
      textElement('title', entry.title),
      textElement('link', entry.url),
      textElement('description', entry.summary),
      // RSS's own <author> must be an e-mail address; authors' names go in Dublin Core.
      ...entry.authors.map((author) => textElement('dc:creator', author.name)),
      ...(entry.category ? [textElement('category', entry.category.label, { domain: entry.category.url })] : []),
      // Not the page address: the guid stays when the address changes, so it is no permalink.
      textElement('guid', entry.id, { isPermaLink: 'false' }),
      textElement('pubDate', rfc822(entry.published)),
      textElement('atom:updated', entry.updated),
    ]),
  )
}

/**
 * RSS 2.0: the channel's required title, link (the website page) and
 * description, its language, an `atom:link rel="self"`, and per item the
 * title, link, lead, authors (`dc:creator`), section, a guid that is not a
 * permalink, the publication date and the last update (`atom:updated`).
 */
export function rssFeed(feed: FeedContent, selfUrl: string): string {
  const newest = feed.entries.map((entry) => entry.published).sort().at(-1)
  const channel = element(
    'channel',
    {},
    onSeparateLines([
      textElement('title', feed.title),
      textElement('link', feed.websiteUrl),
      textElement('description', feed.description),
      textElement('language', feed.language),
      ...(newest ? [textElement('pubDate', rfc822(newest))] : []),
      textElement('lastBuildDate', rfc822(feed.updated)),
      element('atom:link', { href: selfUrl, rel: 'self', type: 'application/rss+xml' }),
      ...feed.entries.map(item),
    ]),
  )
  return xmlDocument(
    element('rss', { version: '2.0', 'xmlns:atom': 'http://www.w3.org/2005/Atom', 'xmlns:dc': 'http://purl.org/dc/elements/1.1/' }, onSeparateLines([channel])),
  )
}
