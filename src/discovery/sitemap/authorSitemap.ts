import type { Author } from '../../payload-types'
import { localeVersions } from './localeVersions'
import type { ArticleScan } from './publishedArticles'
import type { SitemapContext } from './sitemapContext'
import { urlsetXml } from './sitemapXml'

export type AuthorPageFacts = { lastmod: string; slug: string }

/**
 * The author pages worth a search engine's visit: authors with at least one
 * published article (the others have an empty page). Last change: the
 * author's own, or the newest update of one of their published articles.
 */
export async function authorPages(context: SitemapContext, scan: ArticleScan): Promise<AuthorPageFacts[]> {
  const ids = [...scan.authorUpdates.keys()]
  if (ids.length === 0) return []
  const { docs } = await context.payload.find({
    collection: 'authors',
    depth: 0,
    overrideAccess: false,
    pagination: false,
    select: { slug: true, updatedAt: true },
    sort: ['slug', 'id'],
    where: { id: { in: ids } },
  })
  return (docs as Pick<Author, 'id' | 'slug' | 'updatedAt'>[]).map((author) => {
    const newestArticle = scan.authorUpdates.get(String(author.id)) ?? author.updatedAt
    return {
      lastmod: Date.parse(newestArticle) > Date.parse(author.updatedAt) ? newestArticle : author.updatedAt,
      slug: author.slug,
    }
  })
}

/** The author sitemap: each author page in every language. Undefined when there is none. */
export function authorSitemap(context: SitemapContext, pages: AuthorPageFacts[]): string | undefined {
  if (pages.length === 0) return undefined
  return urlsetXml(
    pages.flatMap((page) =>
      localeVersions(context.locales, context.defaultLocale, (locale) => context.links.author(locale, page.slug), page.lastmod),
    ),
  )
}
