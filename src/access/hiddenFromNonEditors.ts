import { hasRole } from '../lib/roles'

/** For admin.hidden: content collections stay out of the admin UI of contacts staff. */
export const hiddenFromNonEditors = ({ user }: { user: unknown }): boolean =>
  !hasRole(user as Parameters<typeof hasRole>[0], 'admin', 'editor')
