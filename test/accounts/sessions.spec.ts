import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { readJson, type ApiErrorBody } from '../helpers/responses'
import { createRoleUsers, type RoleUsers } from '../helpers/roleUsers'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'

/**
 * Server-side sessions: a token works only while the session it names is on
 * the account. Signing out, a password change, a role change and deleting the
 * account each end it; whoever holds the old token is anonymous from then on.
 */

let suite: SuiteContext
let users: RoleUsers
let serial = 0

type Me = { user: null | { email: string; id: string; roles: string[] } }

/** A fresh editor account, signed in over REST. */
async function signedInEditor(label: string) {
  serial += 1
  const email = `${label}-${serial}@example.org`
  const password = `the passphrase of ${label} ${serial}`
  const { id } = await suite.payload.create({ collection: 'users', data: { email, name: `${label} ${serial}`, password, roles: ['editor'] } })
  return { email, id, password, token: await suite.rest.login(email, password) }
}

async function whoIs(token: string): Promise<Me['user']> {
  const { body, status } = await readJson<Me>(suite.rest.get('/api/users/me', { token }))
  expect(status).toBe(200)
  return body.user
}

/** Tries to create a section with the token: the write an editor may make. Returns the status; checks nothing was saved on refusal. */
async function sectionWrite(token: string, slug: string): Promise<number> {
  const response = await suite.rest.post('/api/sections', { body: { slug, title: `Section ${slug}` }, token })
  const { body, status } = await readJson<ApiErrorBody>(response)
  if (status !== 201) {
    expect(body.errors?.[0]?.message).toEqual(expect.any(String))
    expect((await suite.payload.count({ collection: 'sections', where: { slug: { equals: slug } } })).totalDocs).toBe(0)
  }
  return status
}

beforeAll(async () => {
  suite = await startPayloadForSuite('accounts_sessions')
  users = await createRoleUsers(suite, 'sessions')
})

afterAll(async () => {
  await suite?.close()
})

describe('sessions are on the server', () => {
  it('Payload keeps sessions on the account (useSessions)', () => {
    expect(suite.payload.collections.users.config.auth.useSessions).toBe(true)
  })

  it('a token works until its holder signs out, then it is anonymous and cannot write', async () => {
    const editor = await signedInEditor('signs-out')
    expect((await whoIs(editor.token))?.email).toBe(editor.email)
    expect(await sectionWrite(editor.token, 'before-logout')).toBe(201)

    const logout = await suite.rest.post('/api/users/logout', { token: editor.token })
    expect(logout.status).toBe(200)

    expect(await whoIs(editor.token)).toBeNull()
    expect(await sectionWrite(editor.token, 'after-logout')).toBe(403)
    const rename = await suite.rest.patch(`/api/users/${editor.id}`, { body: { name: 'Renamed after logout' }, token: editor.token })
    expect(rename.status).toBe(403)
    expect((await suite.payload.findByID({ collection: 'users', id: editor.id })).name).not.toBe('Renamed after logout')
  })

  it('signing out ends only that session: the same person signed in elsewhere stays signed in', async () => {
    const editor = await signedInEditor('two-devices')
    const otherDevice = await suite.rest.login(editor.email, editor.password)
    expect((await suite.rest.post('/api/users/logout', { token: editor.token })).status).toBe(200)
    expect(await whoIs(editor.token)).toBeNull()
    expect((await whoIs(otherDevice))?.email).toBe(editor.email)
  })

  it('changing one\'s own password ends every other session; the one that made the change goes on', async () => {
    const editor = await signedInEditor('changes-password')
    const otherDevice = await suite.rest.login(editor.email, editor.password)
    const change = await suite.rest.patch(`/api/users/${editor.id}`, {
      body: { password: 'a brand new passphrase for me' },
      token: editor.token,
    })
    expect(change.status).toBe(200)

    expect(await whoIs(otherDevice)).toBeNull()
    expect(await sectionWrite(otherDevice, 'after-own-password-change')).toBe(403)
    expect((await whoIs(editor.token))?.email).toBe(editor.email)
    expect((await suite.rest.post('/api/users/login', { body: { email: editor.email, password: editor.password } })).status).toBe(401)
  })

  it('an admin setting a new password ends all of the account\'s sessions', async () => {
    const editor = await signedInEditor('password-reset-by-admin')
    const change = await suite.rest.patch(`/api/users/${editor.id}`, {
      body: { password: 'set by the admin, passphrase' },
      token: users.admin.token,
    })
    expect(change.status).toBe(200)
    expect(await whoIs(editor.token)).toBeNull()
    expect(await sectionWrite(editor.token, 'after-admin-password-change')).toBe(403)
    // The admin's own session is untouched.
    expect((await whoIs(users.admin.token))?.email).toBe(users.admin.email)
  })

  it('a role change ends the account\'s sessions: the old token cannot act with the old role, nor with the new one', async () => {
    const editor = await signedInEditor('demoted')
    expect(await sectionWrite(editor.token, 'before-demotion')).toBe(201)
    const change = await suite.rest.patch(`/api/users/${editor.id}`, { body: { roles: ['contacts'] }, token: users.admin.token })
    expect(change.status).toBe(200)

    expect(await whoIs(editor.token)).toBeNull()
    expect(await sectionWrite(editor.token, 'after-demotion')).toBe(403)
    const stored = await suite.payload.findByID({ collection: 'users', id: editor.id, showHiddenFields: true })
    expect(stored.sessions ?? []).toEqual([])

    // Signing in again gives a session with the new role only.
    const again = await suite.rest.login(editor.email, editor.password)
    expect((await whoIs(again))?.roles).toEqual(['contacts'])
    expect(await sectionWrite(again, 'demoted-signed-in-again')).toBe(403)
  })

  it('a promotion ends the sessions too (they sign in again as what they now are)', async () => {
    const editor = await signedInEditor('promoted')
    const change = await suite.rest.patch(`/api/users/${editor.id}`, { body: { roles: ['editor', 'admin'] }, token: users.admin.token })
    expect(change.status).toBe(200)
    expect(await whoIs(editor.token)).toBeNull()
  })

  it('an admin changing their own roles keeps the session they did it from; their other sessions end', async () => {
    const email = 'self-changing-admin@example.org'
    const password = 'a self changing admin passphrase'
    const { id } = await suite.payload.create({ collection: 'users', data: { email, name: 'Self-changing Admin', password, roles: ['admin'] } })
    const here = await suite.rest.login(email, password)
    const elsewhere = await suite.rest.login(email, password)
    const change = await suite.rest.patch(`/api/users/${id}`, { body: { roles: ['admin', 'editor'] }, token: here })
    expect(change.status).toBe(200)
    expect((await whoIs(here))?.roles).toEqual(['admin', 'editor'])
    expect(await whoIs(elsewhere)).toBeNull()
  })

  it('saving an account without changing its roles keeps its sessions', async () => {
    const editor = await signedInEditor('renamed')
    const change = await suite.rest.patch(`/api/users/${editor.id}`, {
      body: { name: 'Renamed by the admin', roles: ['editor'] },
      token: users.admin.token,
    })
    expect(change.status).toBe(200)
    expect((await whoIs(editor.token))?.email).toBe(editor.email)
  })

  it('deleting an account ends its tokens: nothing can be read or written with them, and it cannot sign in', async () => {
    const editor = await signedInEditor('deleted')
    const removal = await suite.rest.delete(`/api/users/${editor.id}`, { token: users.admin.token })
    expect(removal.status).toBe(200)

    expect(await whoIs(editor.token)).toBeNull()
    expect(await sectionWrite(editor.token, 'after-deletion')).toBe(403)
    const login = await readJson<ApiErrorBody>(
      suite.rest.post('/api/users/login', { body: { email: editor.email, password: editor.password } }),
    )
    expect(login.status).toBe(401)
    expect(login.body.errors?.[0]?.message).toEqual(expect.any(String))
  })
})

describe('first-user registration', () => {
  it('is closed once any user exists: refused with a JSON message, no account made, no token given', async () => {
    const before = (await suite.payload.count({ collection: 'users' })).totalDocs
    expect(before).toBeGreaterThan(0)
    const { body, status } = await readJson<ApiErrorBody & { token?: string }>(
      suite.rest.post('/api/users/first-register', {
        body: { email: 'late-founder@example.org', name: 'Late Founder', password: 'a late founder passphrase' },
      }),
    )
    expect(status).toBe(403)
    expect(body.token).toBeUndefined()
    expect(body.errors?.[0]?.message).toEqual(expect.any(String))
    expect((await suite.payload.count({ collection: 'users' })).totalDocs).toBe(before)
    expect((await suite.payload.count({ collection: 'users', where: { email: { equals: 'late-founder@example.org' } } })).totalDocs).toBe(0)
  })

  it('is closed to signed-in users as well (an editor cannot make an admin through it)', async () => {
    const response = await suite.rest.post('/api/users/first-register', {
      body: { email: 'sneaky-admin@example.org', name: 'Sneaky', password: 'a sneaky admin passphrase' },
      token: users.editor.token,
    })
    expect(response.status).toBe(403)
    expect((await suite.payload.count({ collection: 'users', where: { email: { equals: 'sneaky-admin@example.org' } } })).totalDocs).toBe(0)
  })
})
