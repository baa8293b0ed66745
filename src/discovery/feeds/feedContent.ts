import type { Payload, TypedLocale, Where } from 'payload'

import { xmlCharactersOnly } from '../../lib/xmlDocument'
import { languageTag } from '../../policy/languages'
import { isReleasedIn, PUBLISHED, releasedIn } from '../../policy/readerVisibility'
import type { Article, Author, Section } from '../../payload-types'
import { sectionBranch, sectionPathOf } from './sectionBranch'
import type { WebsiteLinks } from './websiteLinks'

/** How many articles a feed carries: the newest ones. */
export const FEED_SIZE = 20

export type FeedAuthor = { name: string; url?: string }

export type FeedEntry = {
  authors: FeedAuthor[]
  /** The article's section: `term` its slug, `label` its title, `url` its page. */
  category?: { label: string; term: string; url: string }
  /** A tag: URI that never changes, whatever becomes of the article's slug or the website's addresses. */
  id: string
  /** ISO 8601 (UTC). */
  published: string
  /** The article's lead, as plain text. */
  summary: string
  title: string
  /** ISO 8601 (UTC). */
  updated: string
  /** The article's page on the website, in the feed's language. */
  url: string
}

/** A feed's content, whatever its format. */
export type FeedContent = {
  description: string
  entries: FeedEntry[]
  /** BCP 47, e.g. `zh-Hans`. */
  language: string
  locale: string
  /** Who publishes the feed: the site's name. */
  publisher: string
  title: string
  /** The newest change to anything the feed shows (ISO 8601): stable while nothing changes. */
  updated: string
  /** The website page the feed stands for: the home page or the section page. */
  websiteUrl: string
}

export type FeedScope = { locale: string; sectionSlug?: string }

const FALLBACK_DESCRIPTION: Record<string, (name: string) => string> = {
  en: (name) => `The latest articles from ${name}`,
  zh: (name) => `${name}最新文章`,
}

const NEWEST_FIRST = ['-publishedAt', '-id']

const feedArticleSelect = {
  authors: true,
  availableLocales: true,
  createdAt: true,
  lead: true,
  publishedAt: true,
  section: true,
  slug: true,
  title: true,
  updatedAt: true,
} as const

const feedArticlePopulate = {
  authors: { name: true, slug: true },
  sections: { breadcrumbs: true, slug: true, title: true },
} as const

function latest(dates: (null | string | undefined)[]): string {
  const times = dates.filter((date): date is string => Boolean(date)).map((date) => Date.parse(date)).filter(Number.isFinite)
  return new Date(times.length ? Math.max(...times) : 0).toISOString()
}

/**
 * `tag:www.example.org,2018-06-01:articles/<id>/<locale>`: the article's
 * id, not its slug or address, so that renaming either does not make feed
 * readers show the article again as new. The date is the article's first
 * publication; each language version is an entry of its own.
 */
export function articleTagUri(websiteOrigin: string, article: Pick<Article, 'createdAt' | 'id' | 'publishedAt'>, locale: string): string {
  const host = new URL(websiteOrigin).hostname
  const date = new Date(article.publishedAt || article.createdAt).toISOString().slice(0, 10)
  return `tag:${host},${date}:articles/${article.id}/${locale}`
}

function entryOf(article: Article, locale: string, links: WebsiteLinks): FeedEntry {
  const authors = (article.authors ?? [])
    .filter((author): author is Author => typeof author === 'object' && author !== null && Boolean(author.name?.trim()))
    .map((author) => ({ name: xmlCharactersOnly(author.name), url: author.slug ? links.author(locale, author.slug) : undefined }))
  const section = typeof article.section === 'object' && article.section !== null ? (article.section as Section) : undefined
  return {
    authors,
    category: section?.title
      ? { label: xmlCharactersOnly(section.title), term: section.slug, url: links.section(locale, sectionPathOf(section)) }
      : undefined,
    id: articleTagUri(links.origin, article, locale),
    published: new Date(article.publishedAt || article.createdAt).toISOString(),
    summary: xmlCharactersOnly(article.lead ?? ''),
    title: xmlCharactersOnly(article.title),
    updated: new Date(article.updatedAt).toISOString(),
    url: links.article(locale, article.slug),
  }
}

/**
 * The newest published articles of the journal, or of a section's whole
 * branch, in one language. Only articles complete in that language
 * (`availableLocales`) are included: a Chinese feed never carries English
 * fallbacks, whose titles and leads would be in the wrong language for its
 * readers. Read as an anonymous reader, so drafts can never appear.
 */
export async function feedContent(payload: Payload, scope: FeedScope, links: WebsiteLinks): Promise<FeedContent> {
  const { locale } = scope
  const branch = scope.sectionSlug === undefined ? undefined : await sectionBranch(payload, scope.sectionSlug, locale)

  const conditions: Where[] = [PUBLISHED, releasedIn(locale)]
  if (branch) conditions.push({ section: { in: branch.ids } })

  const [site, articles] = await Promise.all([
    payload.findGlobal({ slug: 'site', depth: 0, locale: locale as TypedLocale, overrideAccess: false }),
    payload.find({
      collection: 'articles',
      depth: 1,
      limit: FEED_SIZE,
      locale: locale as TypedLocale,
      overrideAccess: false,
      pagination: false,
      populate: feedArticlePopulate,
      select: feedArticleSelect,
      sort: NEWEST_FIRST,
      where: { and: conditions },
    }),
  ])

  const siteName = site.siteName?.trim() || new URL(links.origin).hostname
  const fallbackDescription = (FALLBACK_DESCRIPTION[locale] ?? FALLBACK_DESCRIPTION.en)(branch?.section.title || siteName)
  // The query already asks for this; checked again so no other language can slip into the feed.
  const entries = (articles.docs as Article[])
    .filter((article) => isReleasedIn(article, locale))
    .map((article) => entryOf(article, locale, links))

  const description = branch
    ? branch.section.description?.trim() || fallbackDescription
    : site.description?.trim() || site.journalTitle?.trim() || fallbackDescription
  return {
    description: xmlCharactersOnly(description),
    entries,
    language: languageTag(locale),
    locale,
    publisher: xmlCharactersOnly(siteName),
    title: xmlCharactersOnly(branch ? `${branch.section.title || branch.section.slug} | ${siteName}` : siteName),
    updated: latest([site.updatedAt, branch?.section.updatedAt, ...entries.map((entry) => entry.updated)]),
    websiteUrl: branch ? links.section(locale, sectionPathOf(branch.section)) : links.home(locale),
  }
}
