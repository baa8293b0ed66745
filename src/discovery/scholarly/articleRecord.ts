import type { Payload } from 'payload'

import { readWebsitePathTemplates, readWebsiteUrl } from '../../settings/environment'
import { websitePaths } from '../../lib/websitePaths'
import type { Article, Author, Contact, Media, Section } from '../../payload-types'
import type { ScholarlyLocale } from './scholarlyLocale'
import { notFound } from '../../http/clientError'
import { articleDoi, articleReferences, type ArticleReference } from '../crossref/references'

export type ArticleRecordAuthor = {
  affiliation?: string
  name: string
  /** The bare ORCID iD, e.g. 0000-0002-1825-0097. */
  orcid?: string
  position?: string
  slug: string
  /** The author's page on the website. */
  url: string
}

/**
 * What scholarly metadata and citations say about one published article, in
 * one language, read once and shared by the JSON-LD, the Highwire tags and
 * every citation format so that they never disagree.
 */
export type ArticleRecord = {
  authors: ArticleRecordAuthor[]
  /** The article's DOI (normalized, e.g. 10.12345/pd.2018.001), when it has one. */
  doi?: string
  id: string
  image?: { alt?: string; height?: number; url: string; width?: number }
  /** The printed issue, each part only when known. */
  issue: { number?: number; volume?: number; year?: number }
  /** The journal: its title (the site's `journalTitle`, else its `siteName`; none before the site is set up) and the website's home page. */
  journal: { title?: string; url: string }
  keywords: string[]
  /** The language the text is written in: `locale`, or English when the article is not translated. */
  language: ScholarlyLocale
  lead?: string
  /** The language asked for: that of the website page the metadata describes. */
  locale: ScholarlyLocale
  /** ISO 8601 instant of first publication. */
  publishedAt: string
  /** The organisation named as the site's main contact, when it is public. */
  publisher?: { name: string; url?: string }
  /** ISO 8601 instant the manuscript was received, when known. */
  receivedAt?: string
  /** The works the article cites, in order. */
  references: ArticleReference[]
  /** The journal section, when readers can see it. */
  section?: { title: string; url: string }
  slug: string
  subtitle?: string
  title: string
  updatedAt: string
  /** The article's page on the website, in `locale`. */
  url: string
  wordCount?: number
}

const populate = {
  authors: { affiliation: true, name: true, orcid: true, position: true, slug: true },
  contacts: { name: true, website: true },
  sections: { breadcrumbs: true, slug: true, title: true },
} as const

const text = (value: null | string | undefined): string | undefined => {
  const trimmed = value?.trim()
  return trimmed ? trimmed : undefined
}

const whole = (value: null | number | undefined): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined

function absolute(url: string, base: string): string {
  return new URL(url, base).href
}

function imageOf(media: Article['featuredImage'], serverUrl: string): ArticleRecord['image'] {
  if (!media || typeof media !== 'object') return undefined
  const { og } = (media as Media).sizes ?? {}
  const chosen = og?.url ? og : media
  if (!chosen.url) return undefined
  return {
    alt: text(media.alt),
    height: whole(chosen.height),
    url: absolute(chosen.url, serverUrl),
    width: whole(chosen.width),
  }
}

/** The section's title and page, when readers may see it (a hidden section is not filled in: only its id comes back). */
function sectionOf(value: Article['section'], pageUrl: (sectionPath: string) => string): ArticleRecord['section'] {
  if (typeof value !== 'object' || value === null) return undefined
  const section: Section = value
  const title = text(section.title)
  if (!title) return undefined
  return { title, url: pageUrl(section.breadcrumbs?.at(-1)?.url ?? `/${section.slug}`) }
}

/**
 * Reads a published article the way an anonymous reader sees it, with its
 * authors, section, featured image and the site's journal facts. The Local
 * API calls get no `req` and `overrideAccess: false`, so even a request
 * signed in as an editor can never put a draft, a hidden section or a hidden
 * directory entry into public metadata. An id that names no published article
 * is a 404.
 */
export async function readArticleRecord(payload: Payload, id: string, locale: ScholarlyLocale): Promise<ArticleRecord> {
  const found = await payload.find({
    collection: 'articles',
    depth: 1,
    limit: 1,
    locale,
    overrideAccess: false,
    pagination: false,
    populate,
    where: { id: { equals: id } },
  })
  const article = found.docs[0]
  if (!article) throw notFound(`There is no published article with id "${id.slice(0, 40)}"`)

  const site = await payload.findGlobal({ slug: 'site', depth: 1, locale, overrideAccess: false, populate })
  const websiteUrl = readWebsiteUrl()
  const paths = websitePaths(readWebsitePathTemplates())
  const serverUrl = payload.config.serverURL || websiteUrl

  const authors = (article.authors ?? [])
    .filter((author): author is Author => typeof author === 'object' && author !== null)
    .map((author) => ({
      affiliation: text(author.affiliation),
      name: author.name,
      orcid: text(author.orcid),
      position: text(author.position),
      slug: author.slug,
      url: websiteUrl + paths.author(locale, author.slug),
    }))

  const section = sectionOf(article.section, (path) => websiteUrl + paths.section(locale, path))
  const mainContact = typeof site.mainContact === 'object' && site.mainContact !== null ? (site.mainContact as Contact) : undefined

  return {
    authors,
    doi: articleDoi(article.doi),
    id: article.id,
    image: imageOf(article.featuredImage, serverUrl),
    issue: { number: whole(article.issue?.number), volume: whole(article.issue?.volume), year: whole(article.issue?.year) },
    journal: { title: text(site.journalTitle) ?? text(site.siteName), url: websiteUrl + paths.home(locale) },
    keywords: (article.keywords ?? []).map((keyword) => keyword.trim()).filter(Boolean),
    language: article.contentLocale ?? locale,
    lead: text(article.lead),
    locale,
    publishedAt: article.publishedAt ?? article.createdAt,
    publisher: mainContact ? { name: mainContact.name, url: text(mainContact.website) } : undefined,
    receivedAt: text(article.receivedAt),
    references: articleReferences(article.references),
    section,
    slug: article.slug,
    subtitle: text(article.subtitle),
    title: article.title,
    updatedAt: article.updatedAt,
    url: websiteUrl + paths.article(locale, article.slug),
    wordCount: whole(article.wordCount),
  }
}
