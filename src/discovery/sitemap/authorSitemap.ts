import type { Author } from '../../payload-types'
import { hasTextIn, hiddenFromSearchEnginesIn } from '../../policy/searchEngines'
import { localeVersions } from './localeVersions'
import type { ArticleScan } from './publishedArticles'
import type { SitemapContext } from './sitemapContext'
import { urlsetXml } from './sitemapXml'

/** `locales`: the languages the page is listed in (those hidden from search engines left out). */
export type AuthorPageFacts = { lastmod: string; locales: string[]; slug: string }

type AuthorInEveryLanguage = Pick<Author, 'id' | 'slug' | 'updatedAt'> & { meta?: Record<string, { noindex?: boolean | null }>; name?: unknown }

/**
 * The author pages worth a search engine's visit: authors with at least one
 * published article (the others have an empty page). Last change: the
 * author's own, or the newest update of one of their published articles.
 * Read in every language for the ones hidden from search engines; an
 * author hidden in all of them is left out.
 */
export async function authorPages(context: SitemapContext, scan: ArticleScan): Promise<AuthorPageFacts[]> {
  const ids = [...scan.authorUpdates.keys()]
  if (ids.length === 0) return []
  const { docs } = await context.payload.find({
    collection: 'authors',
    depth: 0,
    locale: 'all',
    overrideAccess: false,
    pagination: false,
    select: { meta: { noindex: true }, name: true, slug: true, updatedAt: true },
    sort: ['slug', 'id'],
    where: { id: { in: ids } },
  })
  return (docs as unknown as AuthorInEveryLanguage[])
    .map((author) => {
      const newestArticle = scan.authorUpdates.get(String(author.id)) ?? author.updatedAt
      return {
        lastmod: Date.parse(newestArticle) > Date.parse(author.updatedAt) ? newestArticle : author.updatedAt,
        locales: context.locales.filter((locale) => !hiddenFromSearchEnginesIn(author.meta, locale, (language) => hasTextIn(author.name, language))),
        slug: author.slug,
      }
    })
    .filter((page) => page.locales.length > 0)
}

/** The author sitemap: each author page in every language it is listed in. Undefined when there is none. */
export function authorSitemap(context: SitemapContext, pages: AuthorPageFacts[]): string | undefined {
  if (pages.length === 0) return undefined
  return urlsetXml(
    pages.flatMap((page) =>
      localeVersions(page.locales, context.defaultLocale, (locale) => context.links.author(locale, page.slug), page.lastmod),
    ),
  )
}
