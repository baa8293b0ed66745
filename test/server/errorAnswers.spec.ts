import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { HttpApi, type Account } from '../helpers/adminUi'
import { startProductionServer, type RunningServer } from '../helpers/productionServer'
import { testDatabaseUri } from '../helpers/testDatabase'

/**
 * What the production server (dist/server.js with Next's production build)
 * answers when a client gets something wrong. The admin UI puts a refused
 * save's messages at their fields only when the answer names the fields
 * (`errors[].data.errors[].path`): the production build once dropped them,
 * leaving the editor a toast that named the field but not what to enter.
 */

let server: RunningServer
let api: HttpApi
let admin: Account
let contacts: Account

type FieldError = { label?: string; message: string; path: string }
type ErrorBody = { errors: { data?: { errors?: FieldError[] }; message: string; name?: string }[] }

beforeAll(async () => {
  server = await startProductionServer({ databaseUri: testDatabaseUri('server_error_answers') })
  api = new HttpApi(server.url)
  admin = await api.firstAdmin('answers')
  contacts = await api.account(admin, 'contacts', 'answers')
}, 120_000)

afterAll(async () => {
  await server?.stop()
}, 60_000)

describe('a refused save', () => {
  it('names each field with what to enter, for a field’s own check', async () => {
    const { body: directory } = await api.request<{ docs: { id: string }[] }>('GET', '/api/contacts?limit=1&depth=0&sort=order')
    const { body, status } = await api.request<ErrorBody>('PATCH', `/api/contacts/${directory.docs[0].id}`, {
      body: { phones: [{ number: 'call the switchboard' }] },
      token: contacts.token,
    })
    expect(status).toBe(400)
    expect(body.errors[0]).toMatchObject({ message: 'The following field is invalid: Phones 1 > Number', name: 'ValidationError' })
    expect(body.errors[0].data?.errors).toEqual([
      { label: 'Phones 1 > Number', message: 'Enter a telephone number such as 86-10-82005566 or +86 10 8200 5566', path: 'phones.0.number' },
    ])
  })

  it('names the field for a check made by a hook (the password policy)', async () => {
    const { body, status } = await api.request<ErrorBody>('POST', '/api/users', {
      body: { email: 'short-password@example.org', name: 'Short Password', password: 'too short', roles: ['editor'] },
      token: admin.token,
    })
    expect(status).toBe(400)
    expect(body.errors[0].data?.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/^The password must be at least 12 characters long/), path: 'password' })])
  })
})

describe('a refused read', () => {
  it('is answered with its message and not logged as an error', async () => {
    const logged = server.output().length
    const { body, status } = await api.request<ErrorBody>('GET', '/api/contacts?limit=500')
    expect(status).toBe(400)
    expect(body.errors[0].message).toBe('limit must be a whole number from 1 to 100 (got 500)')
    // The server logs at "warn" and above here: an error-level line (50) would be printed.
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(server.output().slice(logged)).not.toMatch(/"level":(50|60)/)
  })
})
