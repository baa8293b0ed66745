import type { StaffRole } from '../../src/policy/roles'
import type { SuiteContext } from './startPayloadForSuite'

/** Who makes a request: nobody signed in, or a user holding exactly one staff role. */
export type Viewer = 'anonymous' | StaffRole

export const VIEWERS: readonly Viewer[] = ['anonymous', 'contacts', 'editor', 'admin']

/** How test names speak of each viewer: "contacts staff cannot create articles". */
export const VIEWER_LABELS: Record<Viewer, string> = {
  admin: 'admins',
  anonymous: 'anonymous visitors',
  contacts: 'contacts staff',
  contributor: 'contributors',
  editor: 'editors',
}

export type RoleUser = {
  email: string
  id: string
  name: string
  password: string
  role: StaffRole
  token: string
}

export type RoleUsers = Record<StaffRole, RoleUser>

async function failure(response: Response, what: string): Promise<Error> {
  return new Error(`${what} failed (${response.status}): ${await response.text()}`)
}

/**
 * One signed-in user per role, made the way the project makes them: the first
 * account through /api/users/first-register (it becomes the admin), the
 * others created by that admin over REST with their role.
 */
export async function createRoleUsers(suite: SuiteContext, prefix: string): Promise<RoleUsers> {
  const account = (role: StaffRole) => ({
    email: `${prefix}-${role}@example.org`,
    name: `${role[0].toUpperCase()}${role.slice(1)} of ${prefix}`,
    password: `a long ${role} passphrase for ${prefix}`,
  })

  const first = account('admin')
  const registered = await suite.rest.post('/api/users/first-register', { body: first })
  if (registered.status !== 200) throw await failure(registered, 'first-register')
  // First-register signs the new admin in (one password check fewer than logging in again).
  const { token: adminToken, user } = (await registered.json()) as { token?: string; user: { id: string; roles: string[] } }
  if (user.roles.join() !== 'admin') throw new Error(`the first user got roles ${user.roles.join()}, not admin`)
  if (!adminToken) throw new Error('first-register answered without a token')
  const users: Partial<RoleUsers> = { admin: { ...first, id: user.id, role: 'admin', token: adminToken } }

  for (const role of ['editor', 'contacts', 'contributor'] as const) {
    const details = account(role)
    const created = await suite.rest.post('/api/users', { body: { ...details, roles: [role] }, token: adminToken })
    if (created.status !== 201) throw await failure(created, `creating the ${role} user`)
    const { doc } = (await created.json()) as { doc: { id: string } }
    users[role] = { ...details, id: doc.id, role, token: await suite.rest.login(details.email, details.password) }
  }
  return users as RoleUsers
}

/** The JWT to send for a viewer (none for anonymous visitors). */
export function tokenOf(users: RoleUsers, viewer: Viewer): string | undefined {
  return viewer === 'anonymous' ? undefined : users[viewer].token
}
