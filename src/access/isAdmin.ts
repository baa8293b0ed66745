import type { Access, FieldAccess } from 'payload'

import { can } from '../policy/roles'

export const isAdmin: Access = ({ req: { user } }) => can(user, 'administer')

export const isAdminField: FieldAccess = ({ req: { user } }) => can(user, 'administer')
