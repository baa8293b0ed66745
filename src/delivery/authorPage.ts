import type { PayloadRequest } from 'payload'

import type { Author } from '../payload-types'
import { type ArticleSummary, findArticleSummaries } from './articleSummaries'
import { type Page, pageOf } from './paginated'
import type { ReaderQuery } from '../policy/readerQuery'
import { notFound } from '../http/clientError'
import { authorSeo, type PageSeo } from '../seo/pageSeo'

export type AuthorPage = {
  /** The author's published articles, newest first (lean: no bodies). */
  articles: Page<ArticleSummary>
  author: Partial<Author> & Pick<Author, 'id' | 'name' | 'slug'>
  /** What the page prints in its head (src/seo/pageSeo.ts). */
  seo: null | PageSeo
}

/** An author page in one call: the author (with photo) and a page of their articles. */
export async function authorPage(req: PayloadRequest, slug: string, query: ReaderQuery, depth: number): Promise<AuthorPage> {
  const found = await req.payload.find({
    collection: 'authors',
    depth,
    limit: 1,
    locale: query.locale,
    overrideAccess: false,
    pagination: false,
    req,
    // The `articles` join is replaced by the paginated list below.
    select: { affiliation: true, bio: true, meta: true, name: true, orcid: true, photo: true, position: true, slug: true },
    where: { slug: { equals: slug } },
  })
  const author = found.docs[0]
  if (!author) throw notFound(`There is no author "${slug}"`)

  const articles = await findArticleSummaries(req, query, depth, { authors: { in: [author.id] } })
  return { articles: pageOf(articles), author, seo: await authorSeo(req, author, query) }
}
