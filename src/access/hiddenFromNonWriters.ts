import { hasRole } from '../lib/roles'

/** For admin.hidden: articles (and their media) are shown to editors, admins and contributors. */
export const hiddenFromNonWriters = ({ user }: { user: unknown }): boolean =>
  !hasRole(user as Parameters<typeof hasRole>[0], 'admin', 'editor', 'contributor')
