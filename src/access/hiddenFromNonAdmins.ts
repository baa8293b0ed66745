import { can } from '../policy/roles'

/** For admin.hidden: the user list is shown to admins only (everyone keeps their own account page). */
export const hiddenFromNonAdmins = ({ user }: { user: unknown }): boolean =>
  !can(user, 'administer')
