import type { CollectionConfig } from 'payload'

import { hasAnyRole } from '../../src/access/hasAnyRole'
import { hiddenFromNonAdmins } from '../../src/access/hiddenFromNonAdmins'
import { isAdmin, isAdminField } from '../../src/access/isAdmin'
import { isAdminOrSelf } from '../../src/access/isAdminOrSelf'
import { ROLES } from '../../src/lib/roles'
import { assignAdminToFirstUser } from './hooks/assignAdminToFirstUser'

export const USERS_SLUG = 'users'

export const Users: CollectionConfig<'users'> = {
  slug: USERS_SLUG,
  access: {
    admin: hasAnyRole,
    create: isAdmin,
    delete: isAdmin,
    read: isAdminOrSelf,
    // Payload's default lets any signed-in user unlock any account by its e-mail address: anyone
    // with a staff login could undo the lockout that stops password guessing, and probe which
    // addresses have accounts (403 for an unknown one). Unlocking is managing users: admins only.
    unlock: isAdmin,
    update: isAdminOrSelf,
  },
  admin: {
    defaultColumns: ['name', 'email', 'roles'],
    group: 'Administration',
    hidden: hiddenFromNonAdmins,
    useAsTitle: 'name',
  },
  auth: true,
  fields: [
    {
      name: 'name',
      type: 'text',
      required: true,
    },
    {
      name: 'roles',
      type: 'select',
      access: {
        create: isAdminField,
        update: isAdminField,
      },
      admin: {
        // Hidden on the create-first-user form (nobody is signed in yet): that account becomes an admin.
        condition: (_data, _siblingData, { user }) => Boolean(user),
        description: 'Admins manage everything; editors the journal; contacts only the directory.',
      },
      defaultValue: ['editor'],
      hasMany: true,
      options: ROLES.map((role) => ({ label: role[0].toUpperCase() + role.slice(1), value: role })),
      required: true,
      saveToJWT: true,
    },
  ],
  hooks: {
    beforeChange: [assignAdminToFirstUser],
  },
  timestamps: true,
}
