import type { Access } from 'payload'

import { hasRole } from '../lib/roles'

/** Editors read drafts too; everyone else only what is published. */
export const publishedOrEditor: Access = ({ req: { user } }) => {
  if (hasRole(user, 'admin', 'editor')) return true
  return { _status: { equals: 'published' } }
}
