import type { Access, Where } from 'payload'

import { hasRole } from '../lib/roles'

export const PUBLISHED: Where = { _status: { equals: 'published' } }

/**
 * Editors read drafts, and so does the website's preview key (which gets them
 * only when it asks, with `draft=true`: see
 * collections/Articles/hooks/readPublishedVersionsOnly.ts); everyone else
 * reads what is published.
 */
export const publishedOrPreview: Access = ({ req: { user } }) => {
  if (hasRole(user, 'admin', 'editor', 'website')) return true
  return PUBLISHED
}
