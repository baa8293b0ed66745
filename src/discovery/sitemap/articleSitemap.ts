import { isReleasedIn, PUBLISHED } from '../../policy/readerVisibility'
import type { Article } from '../../payload-types'
import { localeVersions } from './localeVersions'
import { OLDEST_FIRST } from './publishedArticles'
import { articlesPerFile, type SitemapContext } from './sitemapContext'
import { urlsetXml } from './sitemapXml'

/**
 * Article sitemap file `page` (from 1): each published article once per
 * language it is complete in (`availableLocales`; the default language for
 * one complete in none, whose page still shows it), with its last update
 * and hreflang alternates. Undefined when there is no such file.
 */
export async function articleSitemap(context: SitemapContext, page: number): Promise<string | undefined> {
  const result = await context.payload.find({
    collection: 'articles',
    depth: 0,
    limit: articlesPerFile(context),
    overrideAccess: false,
    page,
    select: { availableLocales: true, slug: true, updatedAt: true },
    sort: OLDEST_FIRST,
    where: PUBLISHED,
  })
  const articles = result.docs as Pick<Article, 'availableLocales' | 'id' | 'slug' | 'updatedAt'>[]
  if (articles.length === 0) return undefined

  const urls = articles.flatMap((article) => {
    const available = context.locales.filter((locale) => isReleasedIn(article, locale))
    const locales = available.length ? available : [context.defaultLocale]
    return localeVersions(locales, context.defaultLocale, (locale) => context.links.article(locale, article.slug), article.updatedAt)
  })
  return urlsetXml(urls)
}
