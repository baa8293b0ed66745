import { randomUUID } from 'node:crypto'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { MongoClient } from 'mongodb'

import { deleteEndedWindows, RATE_LIMIT_COUNTERS } from '../../src/database/rateLimitCounters'
import { ConfigurationError } from '../../src/settings/configurationError'
import { readRateLimits, type RateLimitStore } from '../../src/settings/environment'
import { HttpApi } from '../helpers/adminUi'
import { startProductionServer, type RunningServer } from '../helpers/productionServer'
import { testDatabaseUri } from '../helpers/testDatabase'

/**
 * Request budgets through the production server, with small limits. Clients
 * are told apart by address; the server trusts the loopback proxy here, so
 * each test speaks for addresses of its own through X-Forwarded-For. Every
 * test runs with the counts in the server's memory and in the database
 * (RATE_LIMIT_STORE); the last suite runs two servers on one database.
 */

const API_MAX = 6
const AUTH_MAX = 3
const AUTH_ACCOUNT_MAX = 5
const WEBSITE_MAX = 40

let clientSerial = 0

/** A client address no other test uses (in any server of this file). */
const newClient = () => `203.0.${Math.floor(clientSerial / 250) + 113}.${(clientSerial++ % 250) + 1}`

const PASSWORD = 'a long passphrase for the limits editors'
const SPELLING_ACCOUNT = { email: 'limits-spelling@example.org' }
const VICTIM = { email: 'limits-victim@example.org' }

const LIMITS = {
  RATE_LIMIT_API_MAX: String(API_MAX),
  RATE_LIMIT_AUTH_ACCOUNT_MAX: String(AUTH_ACCOUNT_MAX),
  RATE_LIMIT_AUTH_MAX: String(AUTH_MAX),
  RATE_LIMIT_WEBSITE_MAX: String(WEBSITE_MAX),
  TRUST_PROXY: 'loopback',
}

describe.each<RateLimitStore>(['memory', 'database'])('counted in %s', (store) => {
  let server: RunningServer
  let databaseUri: string
  let websiteKey: string

  function get(path: string, client: string, headers: Record<string, string> = {}) {
    return fetch(`${server.url}${path}`, { headers: { 'X-Forwarded-For': client, ...headers } })
  }

  function post(path: string, client: string, body: unknown) {
    return fetch(`${server.url}${path}`, {
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': client },
      method: 'POST',
    })
  }

  function graphql(client: string, query: string) {
    return post('/api/graphql', client, { query })
  }

  function login(client: string, email: string, password: string) {
    return fetch(`${server.url}/api/users/login`, {
      body: JSON.stringify({ email, password }),
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': client },
      method: 'POST',
    })
  }

  beforeAll(async () => {
    databaseUri = testDatabaseUri(`server_rate_limits_${store}`)
    server = await startProductionServer({ databaseUri, env: { ...LIMITS, RATE_LIMIT_STORE: store } })
    // The set-up speaks from addresses of its own, so it spends no test's budget.
    const api = new HttpApi(server.url)
    const admin = await api.firstAdmin('limits')
    websiteKey = randomUUID()
    const account = await api.request('POST', '/api/users', {
      body: { apiKey: websiteKey, email: 'website-limits@example.org', enableAPIKey: true, name: 'Website', password: randomUUID(), roles: ['website'] },
      token: admin.token,
    })
    expect(account.status).toBe(201)
    for (const email of [SPELLING_ACCOUNT.email, VICTIM.email]) {
      const created = await api.request('POST', '/api/users', { body: { email, name: email, password: PASSWORD, roles: ['editor'] }, token: admin.token })
      expect(created.status).toBe(201)
    }
  }, 180_000)

  afterAll(async () => {
    await server?.stop()
  }, 60_000)

  describe('the API budget per client address', () => {
    it('answers 429 with Retry-After and a JSON message once a client has spent it, and serves other clients', async () => {
      const client = newClient()
      for (let request = 1; request <= API_MAX; request += 1) {
        expect((await get('/api/articles?depth=0', client)).status).toBe(200)
      }
      const refused = await get('/api/articles?depth=0', client)
      expect(refused.status).toBe(429)
      const retryAfter = Number(refused.headers.get('retry-after'))
      expect(retryAfter).toBeGreaterThanOrEqual(1)
      expect(retryAfter).toBeLessThanOrEqual(60)
      expect(refused.headers.get('cache-control')).toBe('no-store')
      expect(await refused.json()).toEqual({ errors: [{ message: expect.stringMatching(/^Too many API requests: try again in \d+ seconds$/) }] })
      // Feeds and the sitemap are rewritten to /api and count too.
      expect((await get('/sitemap.xml', client)).status).toBe(429)

      expect((await get('/api/articles?depth=0', newClient())).status).toBe(200)
      // Health checks are not part of the API.
      expect((await get('/healthz', client)).status).toBe(200)
    })

    it('gives the website’s API key a budget of its own, and a made-up key none', async () => {
      const client = newClient()
      for (let request = 1; request <= API_MAX * 3; request += 1) {
        const response = await get('/api/articles?depth=0', client, { Authorization: `users API-Key ${websiteKey}` })
        expect(response.status).toBe(200)
      }
      const anonymousAfterwards = await get('/api/articles?depth=0', client)
      expect(anonymousAfterwards.status).toBe(200)

      const impostor = newClient()
      const statuses: number[] = []
      for (let request = 1; request <= API_MAX + 1; request += 1) {
        statuses.push((await get('/api/articles?depth=0', impostor, { Authorization: `users API-Key ${randomUUID()}` })).status)
      }
      expect(statuses.at(-1)).toBe(429)
    })
  })

  describe('the sign-in budget per client address', () => {
    it('stops password guessing from one address with 429, the right password included, before the account locks', async () => {
      const client = newClient()
      for (let attempt = 1; attempt <= AUTH_MAX; attempt += 1) {
        expect((await login(client, 'limits-admin@example.org', `wrong guess ${attempt}`)).status).toBe(401)
      }
      const refused = await login(client, 'limits-admin@example.org', 'a long passphrase for the limits admin')
      expect(refused.status).toBe(429)
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(60)
      expect(await refused.json()).toEqual({ errors: [{ message: expect.stringMatching(/^Too many sign-in requests/) }] })

      // The guesses stopped short of the lockout: the admin still signs in from elsewhere.
      expect((await login(newClient(), 'limits-admin@example.org', 'a long passphrase for the limits admin')).status).toBe(200)
    })

    it('counts password resets and first-user registration too', async () => {
      const client = newClient()
      const forgot = () =>
        fetch(`${server.url}/api/users/forgot-password`, {
          body: JSON.stringify({ email: 'nobody@example.org' }),
          headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': client },
          method: 'POST',
        })
      const statuses: number[] = []
      for (let attempt = 1; attempt <= AUTH_MAX + 1; attempt += 1) statuses.push((await forgot()).status)
      expect(statuses.slice(0, AUTH_MAX).every((status) => status < 429)).toBe(true)
      expect(statuses.at(-1)).toBe(429)
    })
  })

  describe('every way to reach a sign-in or password operation', () => {
    it('REST in any spelling Payload routes and GraphQL spend one budget per address; once it is spent, the right password gets no token', async () => {
      const client = newClient()
      const wrong = { email: SPELLING_ACCOUNT.email, password: 'a wrong guess' }
      expect((await post('/api/users/login', client, wrong)).status).toBe(401)
      // Payload's routes match endpoint names whatever their case; escaped letters name nothing there.
      expect((await post('/api/users/LOGIN', client, wrong)).status).toBe(401)
      expect((await post('/api/users/%6Cogin', client, wrong)).status).toBe(404)
      const guessed = await graphql(client, `mutation { loginUser(email: "${wrong.email}", password: "${wrong.password}") { token } }`)
      expect(guessed.status).not.toBe(429)
      expect(JSON.stringify(await guessed.json())).not.toMatch(/"token":"/)

      const right = { email: SPELLING_ACCOUNT.email, password: PASSWORD }
      // Six requests in all: within this client's API budget.
      const refused = await post('/api/users/LOGIN', client, right)
      expect(refused.status).toBe(429)
      expect(await refused.text()).not.toMatch(/token/)
      const overGraphql = await graphql(client, `mutation { loginUser(email: "${right.email}", password: "${right.password}") { token } }`)
      expect(overGraphql.status).toBe(429)
      expect(Number(overGraphql.headers.get('retry-after'))).toBeGreaterThan(60)
      expect(await overGraphql.json()).toEqual({ errors: [{ message: expect.stringMatching(/^Too many sign-in requests/) }] })

      expect((await post('/api/users/login', newClient(), right)).status).toBe(200)
    })

    it('GraphQL’s password mutations count like their REST endpoints', async () => {
      const client = newClient()
      for (let attempt = 1; attempt <= AUTH_MAX; attempt += 1) {
        expect((await graphql(client, 'mutation { forgotPasswordUser(email: "nobody-graphql@example.org") }')).status).toBe(200)
      }
      for (const query of [
        'mutation { resetPasswordUser(token: "guessed", password: "a guessed new passphrase") { token } }',
        'mutation { unlockUser(email: "nobody-graphql@example.org") }',
        'mutation { forgotPasswordUser(email: "nobody-graphql@example.org") }',
      ]) {
        expect({ query, status: (await graphql(client, query)).status }).toEqual({ query, status: 429 })
      }
      expect((await post('/api/users/forgot-password', client, { email: 'nobody-graphql@example.org' })).status).toBe(429)
    })

    it(`one account gets at most ${AUTH_ACCOUNT_MAX} reset mails and sign-in attempts per window, from any number of addresses, existing or not`, async () => {
      for (const email of [VICTIM.email, 'limits-no-such-account@example.org']) {
        for (let attempt = 1; attempt <= AUTH_ACCOUNT_MAX; attempt += 1) {
          expect((await post('/api/users/forgot-password', newClient(), { email })).status).toBe(200)
        }
        const refused = await post('/api/users/forgot-password', newClient(), { email: email.toUpperCase() })
        expect(refused.status).toBe(429)
        expect(await refused.json()).toEqual({ errors: [{ message: expect.stringMatching(/^Too many sign-in requests/) }] })
        expect((await graphql(newClient(), `mutation { forgotPasswordUser(email: "${email}") }`)).status).toBe(429)
        expect((await post('/api/users/login', newClient(), { email, password: PASSWORD })).status).toBe(429)
      }
    })
  })

  if (store === 'database') {
    describe('the counters in the database', () => {
      let client: MongoClient
      beforeAll(async () => {
        client = await MongoClient.connect(databaseUri)
      })
      afterAll(async () => {
        await client?.close()
      })
      const counters = () => client.db().collection(RATE_LIMIT_COUNTERS)

      it('are one document per budget and key, under a unique index on the key, and hold no client or e-mail address', async () => {
        const indexes = await counters().listIndexes().toArray()
        expect(indexes).toEqual(
          expect.arrayContaining([expect.objectContaining({ key: { key: 1 }, unique: true }), expect.objectContaining({ expireAfterSeconds: 0, key: { expire: 1 } })]),
        )
        const documents = await counters().find().toArray()
        expect(new Set(documents.map((document) => String(document.key).split(':')[0]))).toEqual(new Set(['api', 'auth-account', 'auth-address', 'website']))
        expect(new Set(documents.map((document) => document.key)).size).toBe(documents.length)
        expect(JSON.stringify(documents)).not.toMatch(/203\.0\.|127\.0\.0\.1|example\.org/)
      })

      it('whose window has ended are deleted, and those still running kept', async () => {
        const signIn = await counters().countDocuments({ key: /^auth-/ })
        expect(signIn).toBeGreaterThan(0)
        // In a minute and a second, every API window (60 s) has ended and no sign-in window (900 s).
        expect(await deleteEndedWindows(client.db(), new Date(Date.now() + 61_000))).toBeGreaterThan(0)
        expect(await counters().countDocuments({ key: /^(api|website):/ })).toBe(0)
        expect(await counters().countDocuments({ key: /^auth-/ })).toBe(signIn)
      })
    })
  }
})

describe('two servers on one database, RATE_LIMIT_STORE=database', () => {
  let first: RunningServer
  let second: RunningServer
  const admin = { email: 'limits-admin@example.org', password: 'a long passphrase for the limits admin' }

  const send = (server: RunningServer, path: string, client: string, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': client },
      method: body === undefined ? 'GET' : 'POST',
    })

  beforeAll(async () => {
    const databaseUri = testDatabaseUri('server_rate_limits_shared')
    // One installation: the same secret, so both sign the same tokens and count under the same keys.
    const env = { ...LIMITS, PAYLOAD_SECRET: randomUUID().repeat(2), RATE_LIMIT_STORE: 'database' }
    // One after the other, so that one of them applies the migrations.
    first = await startProductionServer({ databaseUri, env })
    second = await startProductionServer({ databaseUri, env })
    await new HttpApi(first.url).firstAdmin('limits')
  }, 240_000)

  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()])
  }, 60_000)

  it('the sign-in budget an address spends on one server is spent on the other', async () => {
    const client = newClient()
    for (let attempt = 1; attempt <= AUTH_MAX; attempt += 1) {
      const server = attempt % 2 ? first : second
      expect((await send(server, '/api/users/login', client, { email: admin.email, password: `wrong guess ${attempt}` })).status).toBe(401)
    }
    for (const server of [first, second]) {
      const refused = await send(server, '/api/users/login', client, admin)
      expect(refused.status).toBe(429)
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(60)
      expect(await refused.json()).toEqual({ errors: [{ message: expect.stringMatching(/^Too many sign-in requests: try again in \d+ seconds$/) }] })
    }
    expect((await send(second, '/api/users/login', newClient(), admin)).status).toBe(200)
  })

  it('so does the budget of an account named from many addresses', async () => {
    const email = 'limits-shared-account@example.org'
    for (let attempt = 1; attempt <= AUTH_ACCOUNT_MAX; attempt += 1) {
      expect((await send(attempt % 2 ? first : second, '/api/users/forgot-password', newClient(), { email })).status).toBe(200)
    }
    expect((await send(first, '/api/users/forgot-password', newClient(), { email })).status).toBe(429)
    expect((await send(second, '/api/users/forgot-password', newClient(), { email })).status).toBe(429)
  })

  it('and the API budget of an address', async () => {
    const client = newClient()
    for (let request = 1; request <= API_MAX; request += 1) {
      expect((await send(request % 2 ? first : second, '/api/articles?depth=0', client)).status).toBe(200)
    }
    expect((await send(first, '/api/articles?depth=0', client)).status).toBe(429)
    expect((await send(second, '/api/articles?depth=0', client)).status).toBe(429)
  })
})

describe('the settings', () => {
  it('are validated with a message naming the setting', () => {
    expect(() => readRateLimits({ RATE_LIMIT_STORE: 'redis' })).toThrow(ConfigurationError)
    expect(() => readRateLimits({ RATE_LIMIT_STORE: 'redis' })).toThrow(/^RATE_LIMIT_STORE must be memory \(one server process\) or database .* \(got "redis"\)$/)
    expect(readRateLimits({ RATE_LIMIT_STORE: 'database' }).store).toBe('database')
    expect(() => readRateLimits({ RATE_LIMIT_API_MAX: 'many' })).toThrow(ConfigurationError)
    expect(() => readRateLimits({ RATE_LIMIT_API_MAX: 'many' })).toThrow(/RATE_LIMIT_API_MAX/)
    expect(() => readRateLimits({ RATE_LIMIT_AUTH_MAX: '0' })).toThrow(/RATE_LIMIT_AUTH_MAX/)
    expect(readRateLimits({})).toEqual({
      api: { max: 600, windowSeconds: 60 },
      auth: { max: 20, windowSeconds: 900 },
      authAccount: { max: 10, windowSeconds: 900 },
      store: 'memory',
      website: { max: 6000, windowSeconds: 60 },
    })
  })
})
