import { combineQueries, NotFound, type CollectionBeforeOperationHook } from 'payload'

import { PUBLISHED } from '../../../src/policy/readerVisibility'
import { can } from '../../../src/policy/roles'

/** `read` is both find and findByID (the latter with an `id`). */
const FILTERED_OPERATIONS = new Set(['count', 'read', 'readDistinct'])

/**
 * Readers (everyone but editors, admins, contributors and the website's preview key) get
 * the published version of an article even when they ask for drafts
 * (`?draft=true`, GraphQL `draft: true`). Access control already keeps
 * never-published articles from them, but a drafts query looks only at each
 * article's latest version: a published article with a newer unpublished
 * draft would drop out of their lists.
 *
 * The preview key may read drafts (see publishedOrPreview) but gets them only
 * when it asks for them: without `draft=true` it reads what the public reads,
 * so a website that sends its key with every request still never shows an
 * unpublished article on a public page.
 *
 * Calls that override access (the Local API in hooks, scripts, migrations)
 * get what they ask for.
 */
export const readPublishedVersionsOnly: CollectionBeforeOperationHook<'articles'> = async ({ args, operation, overrideAccess, req }) => {
  if (!FILTERED_OPERATIONS.has(operation) || overrideAccess || can(req.user, 'readDrafts')) return args
  const asksForDrafts = 'draft' in args && Boolean(args.draft)
  if (!can(req.user, 'readDraftsOnRequest')) return asksForDrafts ? { ...args, draft: false } : args
  if (asksForDrafts) return args

  if ('id' in args && args.id !== undefined) {
    const { totalDocs } = await req.payload.count({
      collection: 'articles',
      overrideAccess: true,
      req,
      where: combineQueries({ id: { equals: args.id } }, PUBLISHED),
    })
    if (totalDocs === 0) throw new NotFound(req.t)
    return args
  }
  const where = 'where' in args ? args.where : undefined
  return { ...args, where: combineQueries(where ?? {}, PUBLISHED) }
}
