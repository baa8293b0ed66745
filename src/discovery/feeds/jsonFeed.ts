import type { FeedContent } from './feedContent'

export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1'

type JsonFeedAuthor = { name: string; url?: string }

type JsonFeedItem = {
  authors: JsonFeedAuthor[]
  content_text: string
  date_modified: string
  date_published: string
  id: string
  language: string
  tags?: string[]
  title: string
  url: string
}

export type JsonFeed = {
  authors: JsonFeedAuthor[]
  description: string
  feed_url: string
  home_page_url: string
  items: JsonFeedItem[]
  language: string
  title: string
  version: typeof JSON_FEED_VERSION
}

/**
 * JSON Feed 1.1: version, title, home page and feed addresses, language and
 * the site as author; per item a stable id, the page address, title, the
 * lead as `content_text`, RFC 3339 dates, authors, the section as a tag and
 * the language.
 */
export function jsonFeed(feed: FeedContent, selfUrl: string): string {
  const document: JsonFeed = {
    version: JSON_FEED_VERSION,
    title: feed.title,
    home_page_url: feed.websiteUrl,
    feed_url: selfUrl,
    description: feed.description,
    language: feed.language,
    authors: [{ name: feed.publisher, url: feed.websiteUrl }],
    items: feed.entries.map((entry) => ({
      id: entry.id,
      url: entry.url,
      title: entry.title,
      content_text: entry.summary,
      date_published: entry.published,
      date_modified: entry.updated,
      authors: entry.authors.map((author) => (author.url ? { name: author.name, url: author.url } : { name: author.name })),
      ...(entry.category ? { tags: [entry.category.label] } : {}),
      language: feed.language,
    })),
  }
  return JSON.stringify(document)
}
