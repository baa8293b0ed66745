import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'

let suite: SuiteContext

beforeAll(async () => {
  suite = await startPayloadForSuite('rest')
})

afterAll(async () => {
  await suite?.close()
})

const admin = { email: 'admin@example.org', name: 'First Admin', password: 'a long passphrase 1' }

describe('REST', () => {
  it('creates the first user through first-register and makes it an admin', async () => {
    const response = await suite.rest.post('/api/users/first-register', { body: admin })
    expect(response.status).toBe(200)
    const json = (await response.json()) as { token?: string; user: { email: string; roles: string[] } }
    expect(json.user.email).toBe(admin.email)
    expect(json.user.roles).toEqual(['admin'])
    expect(json.token).toEqual(expect.any(String))
  })

  it('refuses a second first-register once a user exists', async () => {
    const response = await suite.rest.post('/api/users/first-register', {
      body: { email: 'intruder@example.org', name: 'Intruder', password: 'another passphrase 2' },
    })
    expect(response.status).toBe(403)
    const { totalDocs } = await suite.payload.count({ collection: 'users' })
    expect(totalDocs).toBe(1)
  })

  it('logs in and answers /api/users/me with the signed-in user', async () => {
    const token = await suite.rest.login(admin.email, admin.password)
    const response = await suite.rest.get('/api/users/me', { token })
    expect(response.status).toBe(200)
    const json = (await response.json()) as { user: { email: string; name: string } }
    expect(json.user).toMatchObject({ email: admin.email, name: admin.name })
  })

  it('refuses a wrong password with 401 and a JSON message', async () => {
    const response = await suite.rest.post('/api/users/login', {
      body: { email: admin.email, password: 'not the password' },
    })
    expect(response.status).toBe(401)
    const json = (await response.json()) as { errors: { message: string }[] }
    expect(json.errors[0].message).toEqual(expect.any(String))
  })

  it('refuses an anonymous create with 403 and writes nothing', async () => {
    const response = await suite.rest.post('/api/users', {
      body: { email: 'anon@example.org', name: 'Anon', password: 'whatever passphrase 3', roles: ['admin'] },
    })
    expect(response.status).toBe(403)
    const json = (await response.json()) as { errors: { message: string }[] }
    expect(json.errors[0].message).toMatch(/not allowed/i)
    const { totalDocs } = await suite.payload.count({ collection: 'users' })
    expect(totalDocs).toBe(1)
  })

  it('answers malformed JSON with 400 and a JSON message', async () => {
    const token = await suite.rest.login(admin.email, admin.password)
    const response = await suite.rest.post('/api/users', {
      body: '{"email": "broken@example.org", ',
      headers: { 'Content-Type': 'application/json' },
      token,
    })
    expect(response.status).toBe(400)
    expect(response.headers.get('content-type')).toMatch(/application\/json/)
    const json = (await response.json()) as { errors: { message: string }[] }
    expect(json.errors[0].message).toMatch(/json/i)
  })

  it('answers an unknown API route with 404 JSON', async () => {
    const response = await suite.rest.get('/api/no-such-collection')
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toMatch(/application\/json/)
    const json = (await response.json()) as { message: string }
    expect(json.message).toMatch(/not found/i)
  })

  it('keeps roles admin-only: an editor cannot raise their own role', async () => {
    const adminToken = await suite.rest.login(admin.email, admin.password)
    const created = await suite.rest.post('/api/users', {
      body: { email: 'editor@example.org', name: 'Editor', password: 'editor passphrase 4', roles: ['editor'] },
      token: adminToken,
    })
    expect(created.status).toBe(201)
    const { doc } = (await created.json()) as { doc: { id: string } }
    const editorToken = await suite.rest.login('editor@example.org', 'editor passphrase 4')
    const raised = await suite.rest.patch(`/api/users/${doc.id}`, { body: { roles: ['admin'] }, token: editorToken })
    expect(raised.status).toBe(403)
    const stored = await suite.payload.findByID({ collection: 'users', id: doc.id })
    expect(stored.roles).toEqual(['editor'])
  })
  it('refuses a second account with the same e-mail with 400 naming the email field', async () => {
    const token = await suite.rest.login(admin.email, admin.password)
    const response = await suite.rest.post('/api/users', {
      body: { email: admin.email.toUpperCase(), name: 'Twin', password: 'twin passphrase 6', roles: ['editor'] },
      token,
    })
    expect(response.status).toBe(400)
    const json = (await response.json()) as { errors: { data?: { errors?: { path: string }[] } }[] }
    expect(json.errors[0].data?.errors?.map((error) => error.path)).toEqual(['email'])
    const { totalDocs } = await suite.payload.count({ collection: 'users', where: { name: { equals: 'Twin' } } })
    expect(totalDocs).toBe(0)
  })
})

describe('GraphQL', () => {
  it('answers a query for the signed-in user', async () => {
    const token = await suite.rest.login(admin.email, admin.password)
    const response = await suite.rest.graphql('{ meUser { user { email name roles } } }', {}, { token })
    expect(response.status).toBe(200)
    const json = (await response.json()) as { data: { meUser: { user: { email: string; roles: string[] } } } }
    expect(json.data.meUser.user).toMatchObject({ email: admin.email, roles: ['admin'] })
  })

  it('runs a mutation and the change is in the database', async () => {
    const token = await suite.rest.login(admin.email, admin.password)
    const me = await suite.payload.find({ collection: 'users', where: { email: { equals: admin.email } } })
    const id = me.docs[0].id
    const response = await suite.rest.graphql(
      'mutation Rename($id: String!, $name: String!) { updateUser(id: $id, data: { name: $name }) { id name } }',
      { id, name: 'Renamed Admin' },
      { token },
    )
    expect(response.status).toBe(200)
    const json = (await response.json()) as { data: { updateUser: { name: string } }; errors?: unknown }
    expect(json.errors).toBeUndefined()
    expect(json.data.updateUser.name).toBe('Renamed Admin')
    const stored = await suite.payload.findByID({ collection: 'users', id })
    expect(stored.name).toBe('Renamed Admin')
  })

  it('refuses an anonymous mutation', async () => {
    const response = await suite.rest.graphql(
      'mutation { createUser(data: { email: "x@example.org", name: "X", password: "p passphrase 5", roles: admin }) { id } }',
    )
    const json = (await response.json()) as { data?: unknown; errors?: { message: string }[] }
    expect(json.errors?.[0].message).toMatch(/not allowed/i)
    const { totalDocs } = await suite.payload.count({ collection: 'users' })
    expect(totalDocs).toBe(2)
  })
})
