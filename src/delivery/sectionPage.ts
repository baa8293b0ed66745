import type { PayloadRequest } from 'payload'

import { type ArticleSummary, findArticleSummaries, findSectionSummaries, type SectionSummary } from './articleSummaries'
import { type Page, pageOf } from './paginated'
import type { ReaderQuery } from '../policy/readerQuery'
import { notFound } from '../http/clientError'
import { type PageSeo, sectionSeo } from '../seo/pageSeo'

export type SectionPage = {
  /** Articles of the section and of every section below it, newest first. */
  articles: Page<ArticleSummary>
  /** The sub-sections readers can see, in display order. */
  children: SectionSummary[]
  section: SectionSummary
  /** What the page prints in its head (src/seo/pageSeo.ts). */
  seo: null | PageSeo
}

const sectionSelect = { breadcrumbs: true, description: true, meta: true, parent: true, slug: true, title: true } as const

/**
 * A section page in one call: the section with its breadcrumbs, its
 * sub-sections and a page of its articles (lean: no bodies).
 */
export async function sectionPage(req: PayloadRequest, slug: string, query: ReaderQuery, depth: number): Promise<SectionPage> {
  const found = await req.payload.find({
    collection: 'sections',
    depth: 0,
    limit: 1,
    locale: query.locale,
    overrideAccess: false,
    pagination: false,
    req,
    select: sectionSelect,
    where: { slug: { equals: slug } },
  })
  const section = found.docs[0]
  if (!section) throw notFound(`There is no section "${slug}"`)

  const [branch, children] = await Promise.all([
    // Every section readers can see whose breadcrumbs pass through this one, itself included.
    req.payload.find({
      collection: 'sections',
      depth: 0,
      limit: 100,
      overrideAccess: false,
      pagination: false,
      req,
      select: { slug: true },
      where: { 'breadcrumbs.doc': { equals: section.id } },
    }),
    findSectionSummaries(req, query.locale, { parent: { equals: section.id } }),
  ])
  const sectionIds = [section.id, ...branch.docs.map((doc) => doc.id).filter((id) => id !== section.id)]

  const articles = await findArticleSummaries(req, query, depth, { section: { in: sectionIds } })
  return { articles: pageOf(articles), children: children.docs, section, seo: await sectionSeo(req, section, query) }
}
