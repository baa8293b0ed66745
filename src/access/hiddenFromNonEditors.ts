import { can } from '../policy/roles'

/** For admin.hidden: content collections stay out of the admin UI of contacts staff. */
export const hiddenFromNonEditors = ({ user }: { user: unknown }): boolean =>
  !can(user, 'editJournal')
