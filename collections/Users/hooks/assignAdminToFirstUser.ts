import type { CollectionBeforeChangeHook } from 'payload'

import type { User } from '../../../src/payload-types'

/**
 * The first account of a new installation becomes its administrator; every
 * later account gets the roles an admin gives it (field access keeps roles
 * admin-only).
 */
export const assignAdminToFirstUser: CollectionBeforeChangeHook<User> = async ({ data, operation, req }) => {
  if (operation !== 'create') return data
  const { totalDocs } = await req.payload.count({ collection: 'users', req })
  if (totalDocs === 0) {
    req.payload.logger.info(`First user ${data.email ?? ''} is made an admin`)
    return { ...data, roles: ['admin'] }
  }
  return data
}
