import { can } from '../policy/roles'

/** For admin.hidden: articles (and their media) are shown to editors, admins and contributors. */
export const hiddenFromNonWriters = ({ user }: { user: unknown }): boolean =>
  !can(user, 'writeArticles')
