import type { Access } from 'payload'

import { VISIBLE_CONTACT } from '../policy/readerVisibility'
import { can } from '../policy/roles'

/** Directory staff see every entry; the public only the visible ones. */
export const visibleOrDirectoryStaff: Access = ({ req: { user } }) => {
  return can(user, 'editDirectory') || VISIBLE_CONTACT
}
