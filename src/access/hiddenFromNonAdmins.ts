import { hasRole } from '../lib/roles'

/** For admin.hidden: the user list is shown to admins only (everyone keeps their own account page). */
export const hiddenFromNonAdmins = ({ user }: { user: unknown }): boolean =>
  !hasRole(user as Parameters<typeof hasRole>[0], 'admin')
