import { isReleasedIn, PUBLISHED } from '../../policy/readerVisibility'
import { hiddenFromSearchEnginesIn } from '../../policy/searchEngines'
import type { Article } from '../../payload-types'
import { localeVersions } from './localeVersions'
import { OLDEST_FIRST } from './publishedArticles'
import { articlesPerFile, type SitemapContext } from './sitemapContext'
import { urlsetXml } from './sitemapXml'

/**
 * Article sitemap file `page` (from 1): each published article once per
 * language it is complete in (`availableLocales`; the default language for
 * one complete in none, whose page still shows it), with its last update
 * and hreflang alternates, less the languages editors hid from search
 * engines (src/policy/searchEngines.ts). Undefined when there is no such file.
 */
export async function articleSitemap(context: SitemapContext, page: number): Promise<string | undefined> {
  const result = await context.payload.find({
    collection: 'articles',
    depth: 0,
    limit: articlesPerFile(context),
    // Every language's search-and-sharing group, for the languages hidden from search engines.
    locale: 'all',
    overrideAccess: false,
    page,
    select: { availableLocales: true, meta: { noindex: true }, slug: true, updatedAt: true },
    sort: OLDEST_FIRST,
    where: PUBLISHED,
  })
  const articles = result.docs as unknown as (Pick<Article, 'availableLocales' | 'id' | 'slug' | 'updatedAt'> & { meta?: Record<string, { noindex?: boolean | null }> })[]
  if (articles.length === 0) return undefined

  const urls = articles.flatMap((article) => {
    const available = context.locales.filter((locale) => isReleasedIn(article, locale))
    // A released language has text of its own, so a group of its own; one complete in none shows what is written.
    const ownText = (locale: string) => available.length === 0 || available.includes(locale)
    const locales = (available.length ? available : [context.defaultLocale]).filter((locale) => !hiddenFromSearchEnginesIn(article.meta, locale, ownText))
    return localeVersions(locales, context.defaultLocale, (locale) => context.links.article(locale, article.slug), article.updatedAt)
  })
  return urlsetXml(urls)
}
