import type { CollectionBeforeOperationHook } from 'payload'

import { hasRole } from '../../../src/lib/roles'

const READ_OPERATIONS = new Set(['find', 'findByID', 'read'])

/**
 * Readers (everyone but editors and admins) get the published version of an
 * article even when they ask for drafts (`?draft=true`, GraphQL `draft: true`).
 * Access control already keeps never-published articles from them, but a
 * drafts query looks only at each article's latest version: a published
 * article with a newer unpublished draft would drop out of their lists.
 * Calls that override access (the Local API in hooks, scripts, migrations)
 * get what they ask for.
 */
export const readPublishedVersionsOnly: CollectionBeforeOperationHook<'articles'> = ({ args, operation, overrideAccess, req }) => {
  if (!READ_OPERATIONS.has(operation) || overrideAccess) return args
  if (!('draft' in args) || !args.draft || hasRole(req.user, 'admin', 'editor')) return args
  return { ...args, draft: false }
}
