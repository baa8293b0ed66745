import { element, onSeparateLines, textElement, xmlDocument, type XmlNode } from '../../lib/xmlDocument'
import type { FeedContent, FeedEntry } from './feedContent'

function person(name: string, url: string | undefined): XmlNode {
  return element('author', {}, [textElement('name', name), ...(url ? [textElement('uri', url)] : [])])
}

function entry(item: FeedEntry, language: string): XmlNode {
  return element(
    'entry',
    {},
    onSeparateLines([
      textElement('id', item.id),
      textElement('title', item.title, { type: 'text' }),
      element('link', { href: item.url, hreflang: language, rel: 'alternate', type: 'text/html' }),
      textElement('published', item.published),
      textElement('updated', item.updated),
      ...item.authors.map((author) => person(author.name, author.url)),
      ...(item.category ? [element('category', { label: item.category.label, scheme: item.category.url, term: item.category.term })] : []),
      textElement('summary', item.summary, { type: 'text' }),
    ]),
  )
}

/**
 * Atom 1.0 (RFC 4287): the feed's id (its own address), title, updated,
 * `link rel="self"` and `rel="alternate"` (the website page) and an author
 * (the site), and per entry its id (a tag: URI), title, updated, published,
 * authors, alternate link and the lead as a text summary.
 */
export function atomFeed(feed: FeedContent, selfUrl: string): string {
  return xmlDocument(
    element(
      'feed',
      { xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': feed.language },
      onSeparateLines([
        textElement('id', selfUrl),
        textElement('title', feed.title, { type: 'text' }),
        textElement('subtitle', feed.description, { type: 'text' }),
        textElement('updated', feed.updated),
        element('link', { href: selfUrl, rel: 'self', type: 'application/atom+xml' }),
        element('link', { href: feed.websiteUrl, hreflang: feed.language, rel: 'alternate', type: 'text/html' }),
        // Entries name their own authors; the site stands for the feed as a whole.
        person(feed.publisher, feed.websiteUrl),
        ...feed.entries.map((item) => entry(item, feed.language)),
      ]),
    ),
  )
}
