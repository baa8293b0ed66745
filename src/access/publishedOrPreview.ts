import type { Access, Where } from 'payload'

import { hasRole } from '../lib/roles'
import { publishedOrOwnDraft } from './ownArticles'

export const PUBLISHED: Where = { _status: { equals: 'published' } }

/**
 * Editors read drafts, and so does the website's preview key (which gets them
 * only when it asks, with `draft=true`: see
 * collections/Articles/hooks/readPublishedVersionsOnly.ts); everyone else
 * reads what is published. Contributors also read their own drafts.
 */
export const publishedOrPreview: Access = ({ req: { user } }) => {
  if (hasRole(user, 'admin', 'editor', 'website')) return true
  if (user && hasRole(user, 'contributor')) return publishedOrOwnDraft(user.id)
  return PUBLISHED
}
