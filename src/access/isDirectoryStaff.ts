import type { Access, FieldAccess } from 'payload'

import { hasRole } from '../lib/roles'

/** Who keeps the contact directory: contacts staff, editors and admins. */
export const isDirectoryStaff: Access = ({ req: { user } }) => hasRole(user, 'admin', 'editor', 'contacts')

export const isDirectoryStaffField: FieldAccess = ({ req: { user } }) => hasRole(user, 'admin', 'editor', 'contacts')
