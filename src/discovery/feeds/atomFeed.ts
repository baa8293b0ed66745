import type { FeedContent, FeedEntry } from './feedContent'
import { XML_DECLARATION, xmlElement, xmlEmptyElement, xmlText } from './xmlText'

function person(name: string, url: string | undefined): string {
  return ['<author>', xmlElement('name', name), ...(url ? [xmlElement('uri', url)] : []), '</author>'].join('')
}

function entry(item: FeedEntry, language: string): string {
  return [
    '<entry>',
    xmlElement('id', item.id),
    xmlElement('title', item.title, { type: 'text' }),
    xmlEmptyElement('link', { href: item.url, hreflang: language, rel: 'alternate', type: 'text/html' }),
    xmlElement('published', item.published),
    xmlElement('updated', item.updated),
    ...item.authors.map((author) => person(author.name, author.url)),
    ...(item.category ? [xmlEmptyElement('category', { label: item.category.label, scheme: item.category.url, term: item.category.term })] : []),
    xmlElement('summary', item.summary, { type: 'text' }),
    '</entry>',
  ].join('\n')
}

/**
 * Atom 1.0 (RFC 4287): the feed's id (its own address), title, updated,
 * `link rel="self"` and `rel="alternate"` (the website page) and an author
 * (the site), and per entry its id (a tag: URI), title, updated, published,
 * authors, alternate link and the lead as a text summary.
 */
export function atomFeed(feed: FeedContent, selfUrl: string): string {
  return [
    XML_DECLARATION,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlText(feed.language)}">`,
    xmlElement('id', selfUrl),
    xmlElement('title', feed.title, { type: 'text' }),
    xmlElement('subtitle', feed.description, { type: 'text' }),
    xmlElement('updated', feed.updated),
    xmlEmptyElement('link', { href: selfUrl, rel: 'self', type: 'application/atom+xml' }),
    xmlEmptyElement('link', { href: feed.websiteUrl, hreflang: feed.language, rel: 'alternate', type: 'text/html' }),
    // Entries name their own authors; the site stands for the feed as a whole.
    person(feed.publisher, feed.websiteUrl),
    ...feed.entries.map((item) => entry(item, feed.language)),
    '</feed>',
    '',
  ].join('\n')
}
