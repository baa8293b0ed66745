import type { Access } from 'payload'

import { can } from '../policy/roles'

/** Admins reach every user; everyone else only their own account. */
export const isAdminOrSelf: Access = ({ req: { user } }) => {
  if (!user) return false
  if (can(user, 'administer')) return true
  return { id: { equals: user.id } }
}
