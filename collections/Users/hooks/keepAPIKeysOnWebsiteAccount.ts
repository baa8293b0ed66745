import { ValidationError, type CollectionBeforeChangeHook, type PayloadRequest } from 'payload'

import type { User } from '../../../src/payload-types'
import { rolesCan } from '../../../src/policy/roles'

type UserChange = Partial<User> & { apiKeyIndex?: null | string }

const holdsWebsiteRole = (roles: null | readonly string[] | undefined): boolean => rolesCan(roles, 'apiKeyOnly')

/** The admin UI generates UUIDs (36 characters); a key set over the API is held to the same strength. */
const KEY_LENGTH = { max: 128, min: 32 }

function refuseKey(message: string, req: PayloadRequest): ValidationError {
  return new ValidationError({ collection: 'users', errors: [{ message, path: 'apiKey' }], req })
}

/**
 * API keys belong to the website's account and to no other: a key never
 * expires and passes no password check, so on a staff account a leaked key
 * would hand out editing rights until someone noticed. Hence:
 * - setting a key on an account without the website role is refused (400);
 * - taking the website role away revokes the account's key;
 * - giving an account the website role ends its signed-in sessions (from then
 *   on it authenticates with its key only).
 * Only admins reach the key at all (field access on `apiKey`).
 */
export const keepAPIKeysOnWebsiteAccount: CollectionBeforeChangeHook<User> = ({ data, operation, originalDoc, req }) => {
  const change = data as UserChange
  const wasWebsite = operation === 'update' && holdsWebsiteRole(originalDoc?.roles)
  const isWebsite = holdsWebsiteRole(change.roles ?? originalDoc?.roles)
  const newKey = typeof change.apiKey === 'string' && change.apiKey !== '' ? change.apiKey : undefined
  if (!isWebsite) {
    if (newKey) throw refuseKey('Only the website account can have an API key: give this account the website role (and no other) first', req)
    if (wasWebsite) {
      req.payload.logger.info(`The website role was taken from ${originalDoc?.email ?? 'an account'}: its API key is revoked`)
      return { ...change, apiKey: null, apiKeyIndex: null, enableAPIKey: false }
    }
    return change
  }
  if (newKey && (newKey.length < KEY_LENGTH.min || newKey.length > KEY_LENGTH.max)) {
    throw refuseKey(`An API key must be ${KEY_LENGTH.min} to ${KEY_LENGTH.max} characters long: generate one in the admin UI`, req)
  }
  if (operation === 'update' && !wasWebsite) return { ...change, sessions: [] }
  return change
}
