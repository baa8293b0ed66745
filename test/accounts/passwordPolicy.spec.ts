import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { dictionary } from '@zxcvbn-ts/language-common'

import { invalidFieldPaths, readJson, type ApiErrorBody } from '../helpers/responses'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'

/**
 * The password policy (default: PASSWORD_MIN_LENGTH 12) on every way a
 * password is set: the first user, an account an admin creates, a password
 * change and a reset by e-mail. A refused password is a 400 naming the
 * password field and what is wrong with it, and nothing is saved.
 */

let suite: SuiteContext
let adminToken: string

const founder = { email: 'founder@example.org', name: 'Founding Editor', password: 'a founding editor passphrase' }

async function expectPasswordRefused(response: Promise<Response>, problem: RegExp): Promise<void> {
  const { body, status } = await readJson<ApiErrorBody>(response)
  expect(status).toBe(400)
  expect(body.errors?.[0]?.name).toBe('ValidationError')
  expect(invalidFieldPaths(body)).toEqual(['password'])
  expect(body.errors?.[0]?.data?.errors?.[0]?.message).toMatch(problem)
}

const usersWithEmail = async (email: string) =>
  (await suite.payload.count({ collection: 'users', where: { email: { equals: email } } })).totalDocs

const TOO_SHORT = /at least 12 characters long \(this one has \d+\)/
const COMMON = /one of the most common passwords/
const OWN = /own e-mail address or name/

beforeAll(async () => {
  suite = await startPayloadForSuite('accounts_password_policy')
})

afterAll(async () => {
  await suite?.close()
})

describe('the first user', () => {
  it('is held to the policy too: a weak password makes no account', async () => {
    await expectPasswordRefused(
      suite.rest.post('/api/users/first-register', { body: { ...founder, password: 'short pass' } }),
      TOO_SHORT,
    )
    await expectPasswordRefused(
      suite.rest.post('/api/users/first-register', { body: { ...founder, password: 'qwerty123456' } }),
      COMMON,
    )
    expect((await suite.payload.count({ collection: 'users' })).totalDocs).toBe(0)
  })

  it('registers with a good password', async () => {
    const { body, status } = await readJson<{ token: string; user: { roles: string[] } }>(
      suite.rest.post('/api/users/first-register', { body: founder }),
    )
    expect(status).toBe(200)
    expect(body.user.roles).toEqual(['admin'])
    adminToken = await suite.rest.login(founder.email, founder.password)
  })
})

describe('creating an account', () => {
  const create = (email: string, password: string, name = 'New Colleague') =>
    suite.rest.post('/api/users', { body: { email, name, password, roles: ['editor'] }, token: adminToken })

  it('refuses a password shorter than 12 characters, counting characters rather than bytes', async () => {
    await expectPasswordRefused(create('short@example.org', 'elevenchars'), /this one has 11\)/)
    // Eleven characters, 33 bytes in UTF-8.
    await expectPasswordRefused(create('short@example.org', '国际关系研究所的期刊编辑'.slice(0, 11)), /this one has 11\)/)
    expect(await usersWithEmail('short@example.org')).toBe(0)
  })

  it('refuses common passwords whatever their case', async () => {
    const common = dictionary['passwords-common'].filter((password) => password.length >= 12).slice(0, 3)
    expect(common.length).toBe(3)
    for (const password of [...common, '1QAZ2WSX3EDC', 'QwErTy123456']) {
      await expectPasswordRefused(create('common@example.org', password), COMMON)
    }
    expect(await usersWithEmail('common@example.org')).toBe(0)
  })

  it('refuses the account\'s own e-mail address or name as its password', async () => {
    await expectPasswordRefused(create('margaret.hamilton@example.org', 'Margaret.Hamilton@example.org'), OWN)
    await expectPasswordRefused(create('margaret.hamilton@example.org', 'margaret.hamilton'), OWN)
    await expectPasswordRefused(create('mh@example.org', 'Margaret Hamilton', 'Margaret Hamilton'), OWN)
    expect(await usersWithEmail('margaret.hamilton@example.org')).toBe(0)
    expect(await usersWithEmail('mh@example.org')).toBe(0)
  })

  it('accepts a long, uncommon password (12 characters is enough)', async () => {
    expect((await create('twelve@example.org', 'tea & 3 owls')).status).toBe(201)
    expect((await create('passphrase@example.org', 'correct horse battery staple')).status).toBe(201)
    expect((await suite.rest.post('/api/users/login', { body: { email: 'twelve@example.org', password: 'tea & 3 owls' } })).status).toBe(200)
  })

  it('applies to accounts made with the Local API (scripts, imports) too', async () => {
    await expect(
      suite.payload.create({ collection: 'users', data: { email: 'script@example.org', name: 'Script', password: 'password1234', roles: ['editor'] } }),
    ).rejects.toThrow(/password/)
    expect(await usersWithEmail('script@example.org')).toBe(0)
  })
})

describe('changing a password', () => {
  const email = 'changer@example.org'
  const password = 'the changer original passphrase'
  let id: string
  let token: string

  beforeAll(async () => {
    ;({ id } = await suite.payload.create({ collection: 'users', data: { email, name: 'Pat Changer', password, roles: ['editor'] } }))
    token = await suite.rest.login(email, password)
  })

  it('refuses a weak new password and keeps the old one', async () => {
    await expectPasswordRefused(suite.rest.patch(`/api/users/${id}`, { body: { password: 'too short' }, token }), TOO_SHORT)
    await expectPasswordRefused(suite.rest.patch(`/api/users/${id}`, { body: { password: 'qwertyuiop12' }, token }), COMMON)
    await expectPasswordRefused(suite.rest.patch(`/api/users/${id}`, { body: { password: 'PatChanger' }, token: adminToken }), TOO_SHORT)
    await expectPasswordRefused(suite.rest.patch(`/api/users/${id}`, { body: { password: email }, token }), OWN)
    // Changing the name and the password at once is checked against the new name.
    await expectPasswordRefused(
      suite.rest.patch(`/api/users/${id}`, { body: { name: 'Patricia Changer-Smith', password: 'patricia changer-smith' }, token }),
      OWN,
    )
    expect((await suite.payload.findByID({ collection: 'users', id })).name).toBe('Pat Changer')
    expect((await suite.rest.post('/api/users/login', { body: { email, password } })).status).toBe(200)
  })

  it('accepts a good one', async () => {
    const next = 'a changed and uncommon passphrase'
    expect((await suite.rest.patch(`/api/users/${id}`, { body: { password: next }, token })).status).toBe(200)
    expect((await suite.rest.post('/api/users/login', { body: { email, password: next } })).status).toBe(200)
  })

  it('leaves the password alone when an update does not set one', async () => {
    expect((await suite.rest.patch(`/api/users/${id}`, { body: { name: 'Pat Changer' }, token })).status).toBe(200)
  })
})

describe('resetting a password by e-mail', () => {
  const email = 'forgetful@example.org'
  let resetToken: string

  beforeAll(async () => {
    await suite.payload.create({
      collection: 'users',
      data: { email, name: 'Forgetful Author', password: 'a long forgotten passphrase', roles: ['editor'] },
    })
    const response = await suite.rest.post('/api/users/forgot-password', { body: { email } })
    expect(response.status).toBe(200)
    const [user] = (await suite.payload.find({ collection: 'users', showHiddenFields: true, where: { email: { equals: email } } })).docs
    resetToken = user.resetPasswordToken ?? ''
    expect(resetToken).not.toBe('')
  })

  it('refuses a weak new password, and the reset link still works afterwards', async () => {
    const reset = (password: string) => suite.rest.post('/api/users/reset-password', { body: { password, token: resetToken } })
    await expectPasswordRefused(reset('2short'), TOO_SHORT)
    await expectPasswordRefused(reset('Password1234'), COMMON)
    await expectPasswordRefused(reset('Forgetful Author'), OWN)
    expect((await suite.rest.post('/api/users/login', { body: { email, password: 'a long forgotten passphrase' } })).status).toBe(200)

    const good = 'remembered at last, passphrase'
    expect((await reset(good)).status).toBe(200)
    expect((await suite.rest.post('/api/users/login', { body: { email, password: good } })).status).toBe(200)
  })

  it('an unknown reset token is refused as before (403), whatever the password', async () => {
    const response = await readJson<ApiErrorBody>(
      suite.rest.post('/api/users/reset-password', { body: { password: 'short', token: 'not-a-real-token' } }),
    )
    expect(response.status).toBe(403)
    expect(response.body.errors?.[0]?.message).toEqual(expect.any(String))
  })
})

describe('hashing', () => {
  it('stores PBKDF2-SHA256 hashes with a random salt per account (Payload\'s default)', async () => {
    const [a, b] = (await suite.payload.find({ collection: 'users', limit: 2, showHiddenFields: true, sort: 'createdAt' })).docs
    const stored = await suite.payload.db.findOne<{ hash: string; id: string; salt: string }>({ collection: 'users', where: { id: { equals: a.id } } })
    expect(stored?.hash).toMatch(/^pbkdf2-sha256-v1:[0-9a-f]{64}$/)
    const other = await suite.payload.db.findOne<{ hash: string; id: string; salt: string }>({ collection: 'users', where: { id: { equals: b.id } } })
    expect(stored?.salt).not.toBe(other?.salt)
  })
})
