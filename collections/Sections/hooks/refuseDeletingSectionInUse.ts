import { type CollectionBeforeDeleteHook } from 'payload'
import { ClientError } from '../../../src/http/clientError'

/**
 * A section that still holds articles (published or not) or sub-sections
 * cannot be deleted: the articles would lose their place in the journal.
 * An article is in the section when its current document is, or when its
 * latest version is: a newer draft that moves an article here would
 * otherwise point to a deleted section, and could no longer be published.
 */
export const refuseDeletingSectionInUse: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const [current, latestVersions, children] = await Promise.all([
    req.payload.find({
      collection: 'articles',
      depth: 0,
      pagination: false,
      req,
      select: { section: true },
      where: { section: { equals: id } },
    }),
    req.payload.findVersions({
      collection: 'articles',
      depth: 0,
      pagination: false,
      req,
      where: { and: [{ 'version.section': { equals: id } }, { latest: { equals: true } }] },
    }),
    req.payload.count({ collection: 'sections', req, where: { parent: { equals: id } } }),
  ])
  const articleIds = new Set([
    ...current.docs.map((article) => String(article.id)),
    ...latestVersions.docs.map((version) => String(version.parent)),
  ])
  const articles = articleIds.size
  if (articles === 0 && children.totalDocs === 0) return
  const reasons = [
    articles > 0 ? `${articles} article${articles === 1 ? '' : 's'}` : '',
    children.totalDocs > 0 ? `${children.totalDocs} sub-section${children.totalDocs === 1 ? '' : 's'}` : '',
  ].filter(Boolean)
  throw new ClientError(`This section still has ${reasons.join(' and ')}: move or delete them first, or mark the section inactive.`, 409)
}
