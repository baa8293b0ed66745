import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { createRoleUsers, type RoleUsers } from '../helpers/roleUsers'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'

/**
 * The jobs queue (webhook deliveries, imports) runs inside the server. Payload
 * lets any signed-in user trigger it over REST by default; here only admins may.
 */

let suite: SuiteContext
let users: RoleUsers

beforeAll(async () => {
  suite = await startPayloadForSuite('jobs')
  users = await createRoleUsers(suite, 'jobs')
})

afterAll(async () => {
  await suite?.close()
})

describe('running the jobs queue over REST', () => {
  it.each(['editor', 'contacts'] as const)('is refused to %s staff', async (role) => {
    const response = await suite.rest.get('/api/payload-jobs/run', { token: users[role].token })
    expect(response.status).toBe(401)
  })

  it('is refused to anonymous callers', async () => {
    expect((await suite.rest.get('/api/payload-jobs/run')).status).toBe(401)
  })

  it('is allowed to admins', async () => {
    const response = await suite.rest.get('/api/payload-jobs/run', { token: users.admin.token })
    expect(response.status).toBe(200)
  })

  it('never shows the queue itself, not even to admins', async () => {
    const response = await suite.rest.get('/api/payload-jobs', { token: users.admin.token })
    expect(response.status).toBe(403)
  })
})
