import { ValidationError, type CollectionBeforeOperationHook } from 'payload'

import type { User } from '../../../src/payload-types'
import { passwordProblem } from '../../../src/lib/passwordPolicy'

type ResetData = { password?: unknown; token?: unknown }

/**
 * The password policy for POST /api/users/reset-password, which sets the new
 * password without Payload's create or update (and their validation hooks).
 * An unknown or expired token is left to Payload (403).
 */
export function enforcePasswordPolicyOnReset(minLength: number): CollectionBeforeOperationHook<'users'> {
  return async ({ args, operation, req }) => {
    if (operation !== 'resetPassword') return args
    const { password, token } = (args as { data?: ResetData }).data ?? {}
    if (typeof password !== 'string' || typeof token !== 'string') return args
    const user = await req.payload.db.findOne<User>({
      collection: 'users',
      req,
      where: { resetPasswordToken: { equals: token } },
    })
    if (!user) return args
    const problem = passwordProblem(password, user, minLength)
    if (problem) {
      throw new ValidationError({ collection: 'users', errors: [{ message: problem, path: 'password' }], req })
    }
    return args
  }
}
