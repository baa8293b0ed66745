import type { Access, FieldAccess } from 'payload'

import { can } from '../policy/roles'

/** Who keeps the contact directory: contacts staff, editors and admins. */
export const isDirectoryStaff: Access = ({ req: { user } }) => can(user, 'editDirectory')

export const isDirectoryStaffField: FieldAccess = ({ req: { user } }) => can(user, 'editDirectory')
