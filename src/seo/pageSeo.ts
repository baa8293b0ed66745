import type { PayloadRequest, TypedLocale } from 'payload'

import { lexicalPlainText } from '../lib/lexicalPlainText'
import { websitePaths, type WebsitePaths } from '../lib/websitePaths'
import { DEFAULT_LOCALE, languageTag, LOCALES } from '../policy/languages'
import type { ReaderQuery } from '../policy/readerQuery'
import { readsUnreleasedText } from '../policy/readerVisibility'
import { robotsOf } from '../policy/searchEngines'
import { readWebsitePathTemplates, readWebsiteUrl } from '../settings/environment'
import { DESCRIPTION_WIDTH, excerpt } from './displayWidth'

/**
 * The `seo` object of the website's page calls (home, section, article,
 * author): what the page prints in its <head> as it is, with every default
 * applied. Built from the document as the page call read it, in the
 * language it asked for, and the site's facts.
 */
export type PageSeo = {
  /** The page in every language readers get it in (hreflang), and `x-default` for the default language's. */
  alternates: { href: string; hreflang: string }[]
  /** The page's own absolute address on the website, or the editors' canonical address. */
  canonical: string
  description: null | string
  /** The share image in the `og` size (1200 × 630), or as uploaded when it is smaller than that. */
  image: null | SeoImage
  robots: string
  /** The site's name (og:site_name). */
  siteName: null | string
  title: string
  /** og:type. */
  type: 'article' | 'profile' | 'website'
}

export type SeoImage = { alt: null | string; height: null | number; url: string; width: null | number }

/** The search-and-sharing group as a page call reads it (one language). */
export type MetaGroup = {
  canonical?: null | string
  description?: null | string
  image?: unknown
  noindex?: boolean | null
  title?: null | string
}

type SeoQuery = Pick<ReaderQuery, 'draft' | 'locale'>

type MediaLike = {
  alt?: null | string
  height?: null | number
  id: number | string
  mimeType?: null | string
  sizes?: Record<string, { height?: null | number; url?: null | string; width?: null | number } | undefined> | null
  url?: null | string
  width?: null | number
}

type SiteFacts = { description?: null | string; meta?: MetaGroup | null; siteName?: null | string }

const RICH_TEXT = (value: unknown) => lexicalPlainText(value as Parameters<typeof lexicalPlainText>[0])

function filled(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}

function shortened(value: unknown): string | undefined {
  const text = filled(value)
  return text === undefined ? undefined : excerpt(text, DESCRIPTION_WIDTH.ideal.max)
}

function isImage(media: MediaLike): boolean {
  return typeof media.mimeType === 'string' && media.mimeType.startsWith('image/') && typeof media.url === 'string'
}

/** The website's addresses, read from the environment on each call as feeds and sitemaps do. */
function website(): { origin: string; paths: WebsitePaths } {
  return { origin: readWebsiteUrl(), paths: websitePaths(readWebsitePathTemplates()) }
}

function alternatesOf(locales: readonly string[], urlOf: (locale: string) => string): PageSeo['alternates'] {
  return [
    ...locales.map((locale) => ({ href: urlOf(locale), hreflang: languageTag(locale) })),
    ...(locales.includes(DEFAULT_LOCALE) ? [{ href: urlOf(DEFAULT_LOCALE), hreflang: 'x-default' }] : []),
  ]
}

/** The site's name, description and search-and-sharing group in one language: one read. */
async function siteFacts(req: PayloadRequest, locale: TypedLocale): Promise<SiteFacts> {
  const site = await req.payload.findGlobal({
    slug: 'site',
    depth: 0,
    locale,
    overrideAccess: false,
    req,
    select: { description: true, meta: true, siteName: true },
  })
  return site as SiteFacts
}

/**
 * The first of the candidates that is an image: a media document already
 * read (REST reads one level deep), or an id, read here in one query for
 * all of them. Its `og` size when sharp made one, else the image as
 * uploaded (smaller than 1200 × 630); the URL absolute, on the CMS.
 */
async function shareImage(req: PayloadRequest, candidates: unknown[], locale: TypedLocale): Promise<null | SeoImage> {
  const given = candidates.filter((candidate) => candidate !== null && candidate !== undefined && candidate !== '')
  if (given.length === 0) return null
  const unread = [...new Set(given.filter((candidate) => typeof candidate !== 'object').map((candidate) => String(candidate)))]
  const read = new Map<string, MediaLike>()
  if (unread.length > 0) {
    const found = await req.payload.find({
      collection: 'media',
      depth: 0,
      limit: unread.length,
      locale,
      overrideAccess: false,
      pagination: false,
      req,
      where: { id: { in: unread } },
    })
    for (const media of found.docs as MediaLike[]) read.set(String(media.id), media)
  }
  for (const candidate of given) {
    const media = typeof candidate === 'object' ? (candidate as MediaLike) : read.get(String(candidate))
    if (!media || !isImage(media)) continue
    const og = media.sizes?.og
    const chosen = og?.url ? og : media
    return {
      alt: filled(media.alt) ?? null,
      height: chosen.height ?? null,
      url: new URL(chosen.url as string, req.payload.config.serverURL || readWebsiteUrl()).href,
      width: chosen.width ?? null,
    }
  }
  return null
}

function isPreview(req: PayloadRequest, query: SeoQuery): boolean {
  return query.draft && readsUnreleasedText(req)
}

type ArticleFacts = {
  availableLocales?: null | string[]
  body?: unknown
  contentLocale?: null | string
  featuredImage?: unknown
  lead?: null | string
  meta?: MetaGroup | null
  slug: string
  title?: null | string
}

/**
 * An article page's `seo`: the meta title or the article's title; the meta
 * description, the lead or the beginning of the body; the share image, the
 * featured image or the site's; the address in the language the article is
 * served in (the fallback's when it is not translated); the languages it is
 * released in. Null for locale=all.
 */
export async function articleSeo(req: PayloadRequest, article: ArticleFacts, query: SeoQuery): Promise<null | PageSeo> {
  if (query.locale === 'all') return null
  const locale = query.locale
  const meta = article.meta ?? {}
  const site = await siteFacts(req, locale)
  const { origin, paths } = website()
  const urlOf = (language: string) => `${origin}${paths.article(language, article.slug)}`
  const served = article.contentLocale ?? locale
  const released = article.availableLocales?.length ? article.availableLocales : [served]
  return {
    alternates: alternatesOf(released, urlOf),
    canonical: filled(meta.canonical) ?? urlOf(served),
    description: filled(meta.description) ?? shortened(article.lead) ?? shortened(RICH_TEXT(article.body)) ?? null,
    image: await shareImage(req, [meta.image, article.featuredImage, site.meta?.image], locale),
    robots: robotsOf(meta, { preview: isPreview(req, query) }),
    siteName: filled(site.siteName) ?? null,
    title: filled(meta.title) ?? filled(article.title) ?? article.slug,
    type: 'article',
  }
}

type SectionFacts = {
  breadcrumbs?: { url?: null | string }[] | null
  description?: null | string
  meta?: MetaGroup | null
  slug: string
  title?: null | string
}

/** A section page's `seo`: its meta title or title, meta description or description, share image or the site's. */
export async function sectionSeo(req: PayloadRequest, section: SectionFacts, query: SeoQuery): Promise<null | PageSeo> {
  if (query.locale === 'all') return null
  const locale = query.locale
  const meta = section.meta ?? {}
  const site = await siteFacts(req, locale)
  const { origin, paths } = website()
  const sectionPath = section.breadcrumbs?.at(-1)?.url || `/${section.slug}`
  const urlOf = (language: string) => `${origin}${paths.section(language, sectionPath)}`
  return {
    alternates: alternatesOf(LOCALES, urlOf),
    canonical: filled(meta.canonical) ?? urlOf(locale),
    description: filled(meta.description) ?? shortened(section.description) ?? null,
    image: await shareImage(req, [meta.image, site.meta?.image], locale),
    robots: robotsOf(meta, { preview: isPreview(req, query) }),
    siteName: filled(site.siteName) ?? null,
    title: filled(meta.title) ?? filled(section.title) ?? section.slug,
    type: 'website',
  }
}

type AuthorFacts = {
  affiliation?: null | string
  bio?: unknown
  meta?: MetaGroup | null
  name?: null | string
  photo?: unknown
  position?: null | string
  slug: string
}

/** An author page's `seo`: meta title or name; meta description, the bio, or position and affiliation; share image, photo or the site's. */
export async function authorSeo(req: PayloadRequest, author: AuthorFacts, query: SeoQuery): Promise<null | PageSeo> {
  if (query.locale === 'all') return null
  const locale = query.locale
  const meta = author.meta ?? {}
  const site = await siteFacts(req, locale)
  const { origin, paths } = website()
  const urlOf = (language: string) => `${origin}${paths.author(language, author.slug)}`
  const standing = [filled(author.position), filled(author.affiliation)].filter(Boolean).join(', ')
  return {
    alternates: alternatesOf(LOCALES, urlOf),
    canonical: filled(meta.canonical) ?? urlOf(locale),
    description: filled(meta.description) ?? shortened(RICH_TEXT(author.bio)) ?? shortened(standing) ?? null,
    image: await shareImage(req, [meta.image, author.photo, site.meta?.image], locale),
    robots: robotsOf(meta, { preview: isPreview(req, query) }),
    siteName: filled(site.siteName) ?? null,
    title: filled(meta.title) ?? filled(author.name) ?? author.slug,
    type: 'profile',
  }
}

/** The home page's `seo`, from the site's own search-and-sharing group: meta title or site name, meta description or description. */
export async function homeSeo(req: PayloadRequest, query: SeoQuery): Promise<null | PageSeo> {
  if (query.locale === 'all') return null
  const locale = query.locale
  const site = await siteFacts(req, locale)
  const meta = site.meta ?? {}
  const { origin, paths } = website()
  const urlOf = (language: string) => `${origin}${paths.home(language)}`
  return {
    alternates: alternatesOf(LOCALES, urlOf),
    canonical: filled(meta.canonical) ?? urlOf(locale),
    description: filled(meta.description) ?? shortened(site.description) ?? null,
    image: await shareImage(req, [meta.image], locale),
    robots: robotsOf(meta, { preview: isPreview(req, query) }),
    siteName: filled(site.siteName) ?? null,
    title: filled(meta.title) ?? filled(site.siteName) ?? origin,
    type: 'website',
  }
}
