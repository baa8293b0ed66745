import type { CollectionConfig } from 'payload'
import { select } from 'payload/shared'

import { hiddenFromNonAdmins } from '../../src/access/hiddenFromNonAdmins'
import { isAdmin, isAdminField } from '../../src/access/isAdmin'
import { isAdminOrSelf } from '../../src/access/isAdminOrSelf'
import { isStaff } from '../../src/access/isStaff'
import { readAccountsEnvironment, readRateLimits } from '../../src/settings/environment'
import { ROLES, rolesCan } from '../../src/policy/roles'
import { usersAuthSettings } from './authSettings'
import { answerUnknownAccountsAlike } from './hooks/answerUnknownAccountsAlike'
import { assignAdminToFirstUser } from './hooks/assignAdminToFirstUser'
import { endSessionsOnRoleChange } from './hooks/endSessionsOnRoleChange'
import { enforcePasswordPolicy } from './hooks/enforcePasswordPolicy'
import { enforcePasswordPolicyOnReset } from './hooks/enforcePasswordPolicyOnReset'
import { keepAPIKeysOnWebsiteAccount } from './hooks/keepAPIKeysOnWebsiteAccount'
import { limitAuthOperations } from './hooks/limitAuthOperations'
import { refuseWebsiteSignIn } from './hooks/refuseWebsiteSignIn'
import { participation } from '../../src/lib/collectionParticipation'

export const USERS_SLUG = 'users'

const accountsEnvironment = readAccountsEnvironment()
const { passwordMinLength } = accountsEnvironment

export const Users: CollectionConfig<'users'> = {
  // Accounts are staff only: nothing readers get shows them.
  custom: participation({ readerContent: false }),
  slug: USERS_SLUG,
  access: {
    // Staff only: the website's account never opens the admin UI. It cannot
    // change its own account either (src/access/readOnlyWebsiteAccount.ts
    // keeps it from writing anywhere).
    admin: isStaff,
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
  // Sessions, lockout, cookies and API keys: see authSettings.ts.
  auth: usersAuthSettings(),
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
        description:
          'Admins manage everything; editors the journal; contributors write their own article drafts and submit them for review (they cannot publish); contacts only the directory. Website: the account whose API key the website sends (reads drafts for preview, changes nothing, never signs in); it takes no other role.',
      },
      defaultValue: ['editor'],
      hasMany: true,
      options: ROLES.map((role) => ({ label: role[0].toUpperCase() + role.slice(1), value: role })),
      required: true,
      saveToJWT: true,
      validate: (value, options) => {
        if (Array.isArray(value) && rolesCan(value, 'apiKeyOnly') && value.length > 1) {
          return 'The website role cannot be combined with other roles: use a separate account for the website'
        }
        return select(value, options)
      },
    },
    {
      // Shows Payload's API key block on the website's account only (the key is refused on others).
      name: 'websiteAccountApiKey',
      type: 'ui',
      admin: { components: { Field: '/admin/WebsiteAccountApiKey#WebsiteAccountApiKey' } },
    },
    {
      // Payload's own API key field, with its access narrowed: only admins set,
      // rotate or revoke keys (Payload's default lets every user who can open the
      // admin UI do so on any account they can edit). Nobody reads a key back.
      // Hidden among the fields: the account form's API key block edits it, and
      // the create-first-user form (whose account is never the website's) shows neither.
      name: 'apiKey',
      type: 'text',
      access: {
        create: isAdminField,
        update: isAdminField,
      },
      admin: { hidden: true },
    },
    // Payload's flag of an account with a key, likewise left out of the forms.
    { name: 'hasAPIKey', type: 'checkbox', admin: { hidden: true }, virtual: true },
  ],
  hooks: {
    beforeChange: [assignAdminToFirstUser, keepAPIKeysOnWebsiteAccount, endSessionsOnRoleChange],
    beforeLogin: [refuseWebsiteSignIn],
    // Budgets first: a refused sign-in checks no password.
    beforeOperation: [limitAuthOperations(readRateLimits()), answerUnknownAccountsAlike(accountsEnvironment), enforcePasswordPolicyOnReset(passwordMinLength)],
    beforeValidate: [enforcePasswordPolicy(passwordMinLength)],
  },
  timestamps: true,
}
