import type { PayloadRequest } from 'payload'

import { type ArticleSummary, articleSummaryPopulate, articleSummarySelect, newestFirst, type SectionSummary } from './articleSummaries'
import type { ReaderQuery } from './readerQuery'

export type HomePage = {
  /** The newest articles of the whole journal. */
  latest: ArticleSummary[]
  /** Each section readers can see that has articles, in display order, with its newest ones. */
  sections: { articles: ArticleSummary[]; section: SectionSummary }[]
}

export type HomePageQuery = ReaderQuery & { perSection: number }

/**
 * The home page in one call. `depth` 1 populates authors, section and image
 * (REST); 0 leaves ids for GraphQL to resolve what the query selects.
 */
export async function homePage(req: PayloadRequest, query: HomePageQuery, depth: number): Promise<HomePage> {
  const latestArticles = (limit: number, sectionId?: number | string) =>
    req.payload.find({
      collection: 'articles',
      depth,
      draft: query.draft,
      limit,
      locale: query.locale,
      overrideAccess: false,
      populate: articleSummaryPopulate,
      req,
      select: articleSummarySelect,
      sort: newestFirst,
      where: sectionId === undefined ? undefined : { section: { equals: sectionId } },
    })

  const [latest, shownSections] = await Promise.all([
    latestArticles(query.limit),
    req.payload.find({
      collection: 'sections',
      depth: 0,
      limit: 100,
      locale: query.locale,
      overrideAccess: false,
      req,
      select: { breadcrumbs: true, slug: true, title: true },
      sort: ['order', 'id'],
    }),
  ])
  const perSection = await Promise.all(
    shownSections.docs.map(async (section) => ({ articles: (await latestArticles(query.perSection, section.id)).docs, section })),
  )
  return {
    latest: latest.docs,
    sections: perSection.filter(({ articles }) => articles.length > 0),
  }
}
