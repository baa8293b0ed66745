import { sectionPathOf } from '../feeds/sectionBranch'
import type { Section } from '../../payload-types'
import { localeVersions } from './localeVersions'
import type { ArticleScan } from './publishedArticles'
import type { SitemapContext } from './sitemapContext'
import { urlsetXml } from './sitemapXml'

export type SectionPageFacts = { lastmod: string; path: string }

function later(a: string, b: string | undefined): string {
  return b !== undefined && Date.parse(b) > Date.parse(a) ? b : a
}

/**
 * The section pages readers can see, with their last change: the section's
 * own, or the newest update of a published article anywhere in its branch
 * (shown sections only, as the section page lists them).
 */
export async function sectionPages(context: SitemapContext, scan: ArticleScan): Promise<SectionPageFacts[]> {
  const { docs } = await context.payload.find({
    collection: 'sections',
    depth: 0,
    overrideAccess: false,
    pagination: false,
    select: { breadcrumbs: true, slug: true, updatedAt: true },
    sort: ['order', 'id'],
  })
  const sections = docs as Pick<Section, 'breadcrumbs' | 'id' | 'slug' | 'updatedAt'>[]
  const lastmods = new Map(sections.map((section) => [String(section.id), section.updatedAt]))
  for (const section of sections) {
    const newestArticle = scan.sectionUpdates.get(String(section.id))
    if (newestArticle === undefined) continue
    // The section and every section above it list this section's articles.
    const branchRoots = [String(section.id), ...(section.breadcrumbs ?? []).map((crumb) => String(crumb.doc ?? ''))]
    for (const id of new Set(branchRoots)) {
      const current = lastmods.get(id)
      if (current !== undefined) lastmods.set(id, later(current, newestArticle))
    }
  }
  return sections.map((section) => ({ lastmod: lastmods.get(String(section.id)) ?? section.updatedAt, path: sectionPathOf(section) }))
}

/** The section sitemap: each shown section page in every language. Undefined when there is none. */
export function sectionSitemap(context: SitemapContext, pages: SectionPageFacts[]): string | undefined {
  if (pages.length === 0) return undefined
  return urlsetXml(
    pages.flatMap((page) =>
      localeVersions(context.locales, context.defaultLocale, (locale) => context.links.section(locale, page.path), page.lastmod),
    ),
  )
}
