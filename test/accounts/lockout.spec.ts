import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { readJson, type ApiErrorBody } from '../helpers/responses'
import { createRoleUsers, type RoleUsers } from '../helpers/roleUsers'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'

/**
 * Lockout after repeated wrong passwords, with the limits from the
 * environment: here LOGIN_MAX_ATTEMPTS=3 and LOGIN_LOCK_TIME_MS=3000, so that
 * a lock runs out within the test. A locked account refuses even the right
 * password; guessing on while it is locked does not make the lock longer; it
 * unlocks by itself when the lock time is over, or when an admin unlocks it
 * (and only an admin can).
 */

const MAX_ATTEMPTS = 3
const LOCK_TIME_MS = 3000
const LOCKED_MESSAGE = /locked/i

let suite: SuiteContext
let users: RoleUsers
const previous = { attempts: process.env.LOGIN_MAX_ATTEMPTS, lockTime: process.env.LOGIN_LOCK_TIME_MS }
let serial = 0
/** An editor signed in at the start of the suite (see the last test). */
let working: { email: string; signedInAt: number; token: string }

type LockState = { lockUntil: null | string; loginAttempts: number }

async function account(label: string): Promise<{ email: string; id: string; password: string }> {
  serial += 1
  const email = `${label}-${serial}@example.org`
  const password = `the right passphrase of ${label} ${serial}`
  const { id } = await suite.payload.create({ collection: 'users', data: { email, name: `${label} ${serial}`, password, roles: ['editor'] } })
  return { email, id, password }
}

function login(email: string, password: string) {
  return readJson<ApiErrorBody & { token?: string }>(suite.rest.post('/api/users/login', { body: { email, password } }))
}

async function lockState(id: string): Promise<LockState> {
  const user = await suite.payload.findByID({ collection: 'users', id, showHiddenFields: true })
  return { lockUntil: user.lockUntil ?? null, loginAttempts: user.loginAttempts ?? 0 }
}

/** Wrong passwords until the account is locked, as a guesser would. */
async function lockOut(email: string): Promise<void> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const { body, status } = await login(email, `wrong guess number ${attempt}`)
    expect(status).toBe(401)
    expect(body.errors?.[0]?.message).toEqual(expect.any(String))
  }
}

beforeAll(async () => {
  process.env.LOGIN_MAX_ATTEMPTS = String(MAX_ATTEMPTS)
  process.env.LOGIN_LOCK_TIME_MS = String(LOCK_TIME_MS)
  suite = await startPayloadForSuite('accounts_lockout')
  users = await createRoleUsers(suite, 'lockout')
  // Signed in now, locked out by the last test: the other tests run while Payload's window passes.
  const { email, password } = await account('working')
  working = { email, signedInAt: Date.now(), token: await suite.rest.login(email, password) }
})

afterAll(async () => {
  await suite?.close()
  for (const [name, value] of [['LOGIN_MAX_ATTEMPTS', previous.attempts], ['LOGIN_LOCK_TIME_MS', previous.lockTime]] as const) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
})

describe('lockout after repeated wrong passwords', () => {
  it('takes its limits from the environment', () => {
    const { lockTime, maxLoginAttempts } = suite.payload.collections.users.config.auth
    expect({ lockTime, maxLoginAttempts }).toEqual({ lockTime: LOCK_TIME_MS, maxLoginAttempts: MAX_ATTEMPTS })
  })

  it('fewer wrong passwords than the limit lock nothing, and a right one starts the count again', async () => {
    const { email, id, password } = await account('nearly')
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) expect((await login(email, 'a wrong guess')).status).toBe(401)
    expect((await login(email, password)).status).toBe(200)
    expect(await lockState(id)).toEqual({ lockUntil: null, loginAttempts: 0 })
  })

  it('a locked account refuses even the right password, with a 401 and a JSON message', async () => {
    const { email, id, password } = await account('locked')
    await lockOut(email)
    const state = await lockState(id)
    expect(new Date(state.lockUntil ?? 0).getTime()).toBeGreaterThan(Date.now())
    expect(new Date(state.lockUntil ?? 0).getTime()).toBeLessThanOrEqual(Date.now() + LOCK_TIME_MS)

    const { body, status } = await login(email, password)
    expect(status).toBe(401)
    expect(body.token).toBeUndefined()
    expect(body.errors?.[0]?.message).toMatch(LOCKED_MESSAGE)
  })

  it('guessing on during the lock does not make it longer, and it unlocks by itself after the lock time', async () => {
    const { email, id, password } = await account('waits')
    await lockOut(email)
    const locked = await lockState(id)
    for (let attempt = 0; attempt < 3; attempt++) expect((await login(email, 'still guessing')).status).toBe(401)
    expect((await lockState(id)).lockUntil).toBe(locked.lockUntil)

    const wait = new Date(locked.lockUntil ?? 0).getTime() - Date.now() + 100
    await new Promise((resolve) => setTimeout(resolve, Math.max(wait, 0)))
    const { body, status } = await login(email, password)
    expect(status).toBe(200)
    expect(body.token).toEqual(expect.any(String))
    expect(await lockState(id)).toEqual({ lockUntil: null, loginAttempts: 0 })
  })

  it('after a lock runs out, locking again takes the full number of wrong passwords', async () => {
    const { email, id, password } = await account('relocked')
    await lockOut(email)
    await new Promise((resolve) => setTimeout(resolve, LOCK_TIME_MS + 100))
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) expect((await login(email, 'a new wrong guess')).status).toBe(401)
    expect((await login(email, password)).status).toBe(200)
    expect((await lockState(id)).lockUntil).toBeNull()
  })
})

describe('what a lock does not do', () => {
  it('the owner gets back in by resetting the password by e-mail, which lifts the lock', async () => {
    const { email, id } = await account('resets')
    await lockOut(email)
    expect((await suite.rest.post('/api/users/forgot-password', { body: { email } })).status).toBe(200)
    const user = await suite.payload.findByID({ collection: 'users', id, showHiddenFields: true })
    const reset = await suite.rest.post('/api/users/reset-password', {
      body: { password: 'a fresh passphrase after the lock', token: user.resetPasswordToken },
    })
    expect(reset.status).toBe(200)
    expect(await lockState(id)).toEqual({ lockUntil: null, loginAttempts: 0 })
    expect((await login(email, 'a fresh passphrase after the lock')).status).toBe(200)
  })
})

describe('unlocking', () => {
  for (const role of ['editor', 'contacts', 'contributor'] as const) {
    it(`${role} staff cannot unlock an account: 403, and it stays locked`, async () => {
      const { email, id, password } = await account(`kept-locked-by-${role}`)
      await lockOut(email)
      const before = await lockState(id)
      const { body, status } = await readJson<ApiErrorBody>(suite.rest.post('/api/users/unlock', { body: { email }, token: users[role].token }))
      expect(status).toBe(403)
      expect(body.errors?.[0]?.message).toEqual(expect.any(String))
      expect(await lockState(id)).toEqual(before)
      expect((await login(email, password)).body.errors?.[0]?.message).toMatch(LOCKED_MESSAGE)
    })
  }

  it('anonymous visitors cannot unlock an account, not even their own', async () => {
    const { email, id, password } = await account('self-unlock')
    await lockOut(email)
    const before = await lockState(id)
    expect((await suite.rest.post('/api/users/unlock', { body: { email } })).status).toBe(403)
    expect(await lockState(id)).toEqual(before)
    expect((await login(email, password)).status).toBe(401)
  })

  it('the lock stops the guessing, not the person: an admin unlocks the account and the right password works at once', async () => {
    const { email, id, password } = await account('admin-unlocks')
    await lockOut(email)
    const { status } = await readJson(suite.rest.post('/api/users/unlock', { body: { email }, token: users.admin.token }))
    expect(status).toBe(200)
    expect(await lockState(id)).toEqual({ lockUntil: null, loginAttempts: 0 })
    expect((await login(email, password)).status).toBe(200)
  })
})

describe('an address without an account answers like an account and a wrong password', () => {
  type Answer = { message?: string; status: number }

  async function attempts(email: string): Promise<Answer[]> {
    const answers: Answer[] = []
    for (let attempt = 1; attempt <= MAX_ATTEMPTS + 1; attempt++) {
      const { body, status } = await login(email, `a wrong guess ${attempt}`)
      answers.push({ message: body.errors?.[0]?.message, status })
    }
    return answers
  }

  it('the same answers, in the same order: wrong, then locked, for LOGIN_LOCK_TIME_MS', async () => {
    const { email } = await account('enumerated')
    const real = await attempts(email)
    const unknown = await attempts('no-account-here@example.org')
    expect(unknown).toEqual(real)
    expect(real.at(-1)?.message).toMatch(LOCKED_MESSAGE)
    expect(real[0].message).toBe('The email or password provided is incorrect.')
    // The made-up lock runs out like a real one.
    await new Promise((resolve) => setTimeout(resolve, LOCK_TIME_MS + 200))
    expect((await login('no-account-here@example.org', 'a wrong guess')).body.errors?.[0]?.message).toBe(real[0].message)
  })

  it('the same time: the password is checked as hard for an address without an account', async () => {
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
    const timed = async (email: string) => {
      const started = performance.now()
      expect((await login(email, 'a wrong guess')).status).toBe(401)
      return performance.now() - started
    }
    const known: number[] = []
    const unknown: number[] = []
    for (let round = 0; round < 5; round++) {
      // A fresh account each round: a locked one answers without checking the password.
      known.push(await timed((await account('timed')).email))
      unknown.push(await timed(`nobody-${round}@example.org`))
    }
    // Before: about 10 ms against about 150 ms. The check is the same PBKDF2 work, so the medians are close.
    expect(median(unknown) / median(known)).toBeGreaterThan(0.5)
  })

  it('the check made for an address without an account is the kind Payload stores: PBKDF2-SHA256 with a 32-byte key', async () => {
    const user = await suite.payload.db.findOne<{ hash?: string; id: string }>({ collection: 'users', where: { email: { equals: users.editor.email } } })
    expect(user?.hash).toMatch(/^pbkdf2-sha256-v1:[0-9a-f]{64}$/)
  })
})

describe('a lock and the sessions already open', () => {
  it('it does not sign out an editor who is already working (a session begun before the guessing)', async () => {
    const { email, signedInAt, token } = working
    // Payload ends sessions begun in the 20 seconds before a lock, in case a guess raced it:
    // the editor signed in during set-up, and whatever is left of the window is waited out here.
    await new Promise((resolve) => setTimeout(resolve, Math.max(signedInAt + 21_000 - Date.now(), 0)))
    await lockOut(email)
    const { body } = await readJson<{ user: null | { email: string } }>(suite.rest.get('/api/users/me', { token }))
    expect(body.user?.email).toBe(email)
    const write = await suite.rest.post('/api/sections', { body: { slug: 'written-while-locked', title: 'Written while locked' }, token })
    expect(write.status).toBe(201)
  }, 60_000)
})
