import type { Access } from 'payload'

import { hasRole } from '../lib/roles'

/** Admins reach every user; everyone else only their own account. */
export const isAdminOrSelf: Access = ({ req: { user } }) => {
  if (!user) return false
  if (hasRole(user, 'admin')) return true
  return { id: { equals: user.id } }
}
