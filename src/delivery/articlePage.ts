import type { PayloadRequest } from 'payload'

import type { Article } from '../payload-types'
import type { ReaderQuery } from '../policy/readerQuery'
import { notFound } from '../http/clientError'
import { articleSeo, type PageSeo } from '../seo/pageSeo'

/** What an article page shows of related documents. */
const articlePagePopulate = {
  authors: { affiliation: true, name: true, photo: true, position: true, slug: true },
  sections: { breadcrumbs: true, slug: true, title: true },
} as const

/**
 * An article page in one call: the whole article with its authors (name,
 * position, affiliation, slug, photo), section and breadcrumbs. With
 * `depth` 1 (REST) the authors' photos are filled in too, in one query for
 * all of them; with 0 (GraphQL) ids are left for the query to resolve.
 * `seo` is what the page prints in its head (src/seo/pageSeo.ts).
 */
export async function articlePage(
  req: PayloadRequest,
  slug: string,
  query: Pick<ReaderQuery, 'draft' | 'locale'>,
  depth: number,
): Promise<Article & { seo: null | PageSeo }> {
  const found = await req.payload.find({
    collection: 'articles',
    depth,
    draft: query.draft,
    limit: 1,
    locale: query.locale,
    overrideAccess: false,
    pagination: false,
    populate: articlePagePopulate,
    req,
    where: { slug: { equals: slug } },
  })
  const article = found.docs[0]
  if (!article) throw notFound(`There is no published article "${slug}"`)
  if (depth > 0) await fillInAuthorPhotos(req, article, query.locale)
  return { ...article, seo: await articleSeo(req, article, query) }
}

async function fillInAuthorPhotos(req: PayloadRequest, article: Article, locale: ReaderQuery['locale']): Promise<void> {
  const authors = (article.authors ?? []).filter((author) => typeof author === 'object')
  const photoIds = [...new Set(authors.map((author) => author.photo).filter((photo) => typeof photo === 'string' || typeof photo === 'number'))]
  if (photoIds.length === 0) return
  const photos = await req.payload.find({
    collection: 'media',
    depth: 0,
    limit: photoIds.length,
    locale,
    overrideAccess: false,
    pagination: false,
    req,
    where: { id: { in: photoIds } },
  })
  const byId = new Map(photos.docs.map((photo) => [String(photo.id), photo]))
  for (const author of authors) {
    if (author.photo !== null && author.photo !== undefined && typeof author.photo !== 'object') {
      author.photo = byId.get(String(author.photo)) ?? author.photo
    }
  }
}
