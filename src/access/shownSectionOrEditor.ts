import type { Access } from 'payload'

import { hasRole } from '../lib/roles'

/**
 * Editors see every section; the public only those shown on the website: the
 * section and every section above it active (`shownToReaders`, kept by a hook).
 */
export const shownSectionOrEditor: Access = ({ req: { user } }) => {
  if (hasRole(user, 'admin', 'editor')) return true
  return { shownToReaders: { equals: true } }
}
