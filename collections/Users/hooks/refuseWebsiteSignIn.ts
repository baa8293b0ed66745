import { type CollectionBeforeLoginHook } from 'payload'

import type { User } from '../../../src/payload-types'
import { can } from '../../../src/policy/roles'
import { ClientError } from '../../../src/http/clientError'

/**
 * The website's account authenticates with its API key only. Without a
 * password sign-in it holds no session or token that would outlive its key:
 * revoking the key shuts it out completely.
 */
export const refuseWebsiteSignIn: CollectionBeforeLoginHook<User> = ({ user }) => {
  if (can(user, 'apiKeyOnly')) {
    throw new ClientError('The website account cannot sign in with a password: it sends its API key instead', 403)
  }
  return user
}
