import type { PayloadRequest } from 'payload'

import { type ArticleSummary, articleSummaryPopulate, articleSummarySelect, findSectionSummaries, newestFirst, type SectionSummary } from './articleSummaries'
import { MAX_PAGE_SIZE as MAX_LIMIT, type ReaderQuery } from '../policy/readerQuery'
import { SECTION_SHELVES_SLUG } from './shelves/sectionShelves'
import { homeSeo, type PageSeo } from '../seo/pageSeo'

export type HomePage = {
  /** The newest articles of the whole journal. */
  latest: ArticleSummary[]
  /** Each section readers can see that has articles, in display order, with its newest ones. */
  sections: { articles: ArticleSummary[]; section: SectionSummary }[]
  /** What the page prints in its head (src/seo/pageSeo.ts). */
  seo: null | PageSeo
}

export type HomePageQuery = ReaderQuery & { perSection: number }

type ArticleQuery = { ids?: (number | string)[]; limit: number; section?: number | string }

/**
 * The home page in one call. `depth` 1 populates authors, section and image
 * (REST); 0 leaves ids for GraphQL to resolve what the query selects.
 *
 * Readers' home page asks the database the same few questions however many
 * sections there are: the newest articles, the shown sections, their
 * shelves (each section's newest published articles, src/delivery/shelves/),
 * and the articles on them (one read per 100 of them), read through Payload with the readers' access
 * like any other read. A preview of drafts (`draft=true`) has no shelves to
 * go by and asks for each section's newest instead.
 */
export async function homePage(req: PayloadRequest, query: HomePageQuery, depth: number): Promise<HomePage> {
  const articles = ({ ids, limit, section }: ArticleQuery) =>
    req.payload.find({
      collection: 'articles',
      depth,
      draft: query.draft,
      limit,
      locale: query.locale,
      overrideAccess: false,
      pagination: false,
      populate: articleSummaryPopulate,
      req,
      select: articleSummarySelect,
      sort: newestFirst,
      where: ids ? { id: { in: ids } } : section !== undefined ? { section: { equals: section } } : undefined,
    })

  const [latest, shownSections] = await Promise.all([
    articles({ limit: query.limit }),
    findSectionSummaries(req, query.locale),
  ])
  const sections = shownSections.docs
  const perSection = query.draft ? await newestOfEachSection() : await fromShelves()
  return {
    latest: latest.docs,
    sections: sections.map((section, index) => ({ articles: perSection[index], section })).filter(({ articles }) => articles.length > 0),
    seo: await homeSeo(req, query),
  }

  async function newestOfEachSection(): Promise<ArticleSummary[][]> {
    return Promise.all(sections.map(async (section) => (await articles({ limit: query.perSection, section: section.id })).docs))
  }

  async function fromShelves(): Promise<ArticleSummary[][]> {
    if (sections.length === 0) return []
    const shelves = await req.payload.find({
      collection: SECTION_SHELVES_SLUG,
      depth: 0,
      limit: 0,
      overrideAccess: true,
      pagination: false,
      req,
      where: { section: { in: sections.map((section) => section.id) } },
    })
    const shelfOf = new Map(shelves.docs.map((shelf) => [String(typeof shelf.section === 'object' ? shelf.section.id : shelf.section), shelf.articles ?? []]))
    // A few more than shown from each shelf, in case readers may not get one of them after all.
    const wanted = sections.map((section) => (shelfOf.get(String(section.id)) ?? []).slice(0, query.perSection + 2))
    const ids = [...new Set(wanted.flat())]
    if (ids.length === 0) return sections.map(() => [])
    // Read in pages of the readers' own limit: one read for up to MAX_LIMIT shelf entries (20 sections at the default 3 a section).
    const pages: (number | string)[][] = []
    for (let start = 0; start < ids.length; start += MAX_LIMIT) pages.push(ids.slice(start, start + MAX_LIMIT))
    const found = await Promise.all(pages.map((page) => articles({ ids: page, limit: page.length })))
    const byId = new Map<string, ArticleSummary>(found.flatMap((page) => page.docs).map((article) => [String(article.id), article]))
    return wanted.map((shelf) =>
      shelf
        .map((id) => byId.get(id))
        .filter((article): article is ArticleSummary => article !== undefined)
        .slice(0, query.perSection),
    )
  }
}
