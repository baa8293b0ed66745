import type { Access } from 'payload'

import { SHOWN_SECTION } from '../policy/readerVisibility'
import { can } from '../policy/roles'

/**
 * Editors see every section; the public only those shown on the website: the
 * section and every section above it active (`shownToReaders`, kept by a hook).
 */
export const shownSectionOrEditor: Access = ({ req: { user } }) => {
  return can(user, 'editJournal') || SHOWN_SECTION
}
