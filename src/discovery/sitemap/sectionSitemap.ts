import { sectionPathOf } from '../feeds/sectionBranch'
import type { Section } from '../../payload-types'
import { hasTextIn, hiddenFromSearchEnginesIn } from '../../policy/searchEngines'
import { localeVersions } from './localeVersions'
import type { ArticleScan } from './publishedArticles'
import type { SitemapContext } from './sitemapContext'
import { urlsetXml } from './sitemapXml'

/** `locales`: the languages the page is listed in (those hidden from search engines left out). */
export type SectionPageFacts = { lastmod: string; locales: string[]; path: string }

type SectionInEveryLanguage = Pick<Section, 'id' | 'slug' | 'updatedAt'> & {
  breadcrumbs?: Section['breadcrumbs'] | Record<string, Section['breadcrumbs']>
  meta?: Record<string, { noindex?: boolean | null }>
  title?: unknown
}

function later(a: string, b: string | undefined): string {
  return b !== undefined && Date.parse(b) > Date.parse(a) ? b : a
}

/**
 * The section pages readers can see, with their last change: the section's
 * own, or the newest update of a published article anywhere in its branch
 * (shown sections only, as the section page lists them). Read in every
 * language for the ones hidden from search engines; a section hidden in
 * all of them is left out.
 */
export async function sectionPages(context: SitemapContext, scan: ArticleScan): Promise<SectionPageFacts[]> {
  const { docs } = await context.payload.find({
    collection: 'sections',
    depth: 0,
    locale: 'all',
    overrideAccess: false,
    pagination: false,
    select: { breadcrumbs: true, meta: { noindex: true }, slug: true, title: true, updatedAt: true },
    sort: ['order', 'id'],
  })
  const read = docs as unknown as SectionInEveryLanguage[]
  // Breadcrumbs are kept per language, their URLs (made of slugs) the same in each: the default language's.
  const sections = read.map((section) => ({
    ...section,
    breadcrumbs: Array.isArray(section.breadcrumbs) ? section.breadcrumbs : (section.breadcrumbs?.[context.defaultLocale] ?? Object.values(section.breadcrumbs ?? {})[0] ?? []),
  }))
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
  return sections
    .map((section) => ({
      lastmod: lastmods.get(String(section.id)) ?? section.updatedAt,
      locales: context.locales.filter((locale) => !hiddenFromSearchEnginesIn(section.meta, locale, (language) => hasTextIn(section.title, language))),
      path: sectionPathOf(section),
    }))
    .filter((page) => page.locales.length > 0)
}

/** The section sitemap: each shown section page in every language it is listed in. Undefined when there is none. */
export function sectionSitemap(context: SitemapContext, pages: SectionPageFacts[]): string | undefined {
  if (pages.length === 0) return undefined
  return urlsetXml(
    pages.flatMap((page) =>
      localeVersions(page.locales, context.defaultLocale, (locale) => context.links.section(locale, page.path), page.lastmod),
    ),
  )
}
