import type { Access } from 'payload'

import { hasRole } from '../lib/roles'

/** Editors see every section; the public only the active ones. */
export const activeOrEditor: Access = ({ req: { user } }) => {
  if (hasRole(user, 'admin', 'editor')) return true
  return { active: { equals: true } }
}
