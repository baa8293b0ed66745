import type { Access } from 'payload'

import { PUBLISHED } from '../policy/readerVisibility'
import { can } from '../policy/roles'
import { publishedOrOwnDraft } from './ownArticles'

/**
 * Editors read drafts, and so does the website's preview key (which gets them
 * only when it asks, with `draft=true`: see
 * collections/Articles/hooks/readPublishedVersionsOnly.ts); everyone else
 * reads what is published. Contributors also read their own drafts.
 */
export const publishedOrPreview: Access = ({ req: { user } }) => {
  if (can(user, 'publish') || can(user, 'readDraftsOnRequest')) return true
  if (user && can(user, 'writeArticles')) return publishedOrOwnDraft(user.id)
  return PUBLISHED
}
