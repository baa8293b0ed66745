import { ValidationError, type CollectionBeforeValidateHook } from 'payload'

import type { User } from '../../../src/payload-types'
import { passwordProblem } from '../../../src/lib/passwordPolicy'

type UserData = Partial<User> & { password?: unknown }

/**
 * Holds every new password to the policy (src/lib/passwordPolicy.ts) when an
 * account is created, the first user included, and when a password is
 * changed: a 400 with a ValidationError on the password field, and nothing
 * saved. Resetting a password by e-mail is checked by
 * enforcePasswordPolicyOnReset.
 */
export function enforcePasswordPolicy(minLength: number): CollectionBeforeValidateHook<User> {
  return ({ data, originalDoc, req }) => {
    const change = data as undefined | UserData
    // An empty password on an update leaves the password as it is; on a create Payload requires one.
    if (typeof change?.password !== 'string' || change.password === '') return data
    const owner = { email: change.email ?? originalDoc?.email, name: change.name ?? originalDoc?.name }
    const problem = passwordProblem(change.password, owner, minLength)
    if (problem) {
      throw new ValidationError({ collection: 'users', errors: [{ message: problem, path: 'password' }], req })
    }
    return data
  }
}
