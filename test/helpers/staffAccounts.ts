import type { Role } from '../../src/policy/roles'
import type { SuiteContext } from './startPayloadForSuite'

export type StaffAccount = { email: string; id: string; token: string }

/**
 * A signed-in user with one role, made with the Local API and logged in over
 * REST. Make the admin first: the first account always becomes an admin.
 */
export async function createStaffAccount(suite: SuiteContext, role: Role, label: string): Promise<StaffAccount> {
  const email = `${label}-${role}@example.org`
  const password = `a long passphrase for ${label} ${role}`
  const user = await suite.payload.create({
    collection: 'users',
    data: { email, name: `${role} of ${label}`, password, roles: [role] },
  })
  if (user.roles?.join() !== role) throw new Error(`${email} got roles ${user.roles?.join()}: create the admin first`)
  return { email, id: user.id, token: await suite.rest.login(email, password) }
}
