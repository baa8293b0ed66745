import type { Access } from 'payload'

import { hasRole } from '../lib/roles'

/** Directory staff see every entry; the public only the visible ones. */
export const visibleOrDirectoryStaff: Access = ({ req: { user } }) => {
  if (hasRole(user, 'admin', 'editor', 'contacts')) return true
  return { visible: { equals: true } }
}
