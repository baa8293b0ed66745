import { APIError, type CollectionBeforeDeleteHook } from 'payload'

/**
 * A section that still holds articles (published or not) or sub-sections
 * cannot be deleted: the articles would lose their place in the journal.
 */
export const refuseDeletingSectionInUse: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const [articles, children] = await Promise.all([
    req.payload.count({ collection: 'articles', req, where: { section: { equals: id } } }),
    req.payload.count({ collection: 'sections', req, where: { parent: { equals: id } } }),
  ])
  if (articles.totalDocs === 0 && children.totalDocs === 0) return
  const reasons = [
    articles.totalDocs > 0 ? `${articles.totalDocs} article${articles.totalDocs === 1 ? '' : 's'}` : '',
    children.totalDocs > 0 ? `${children.totalDocs} sub-section${children.totalDocs === 1 ? '' : 's'}` : '',
  ].filter(Boolean)
  throw new APIError(
    `This section still has ${reasons.join(' and ')}: move or delete them first, or mark the section inactive.`,
    409,
    null,
    true,
  )
}
