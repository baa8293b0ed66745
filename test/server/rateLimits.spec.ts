import { randomUUID } from 'node:crypto'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { ConfigurationError } from '../../src/lib/configurationError'
import { readRateLimits } from '../../src/lib/environment'
import { HttpApi } from '../helpers/adminUi'
import { startProductionServer, type RunningServer } from '../helpers/productionServer'
import { testDatabaseUri } from '../helpers/testDatabase'

/**
 * Request budgets through the production server, with small limits. Clients
 * are told apart by address; the server trusts the loopback proxy here, so
 * each test speaks for addresses of its own through X-Forwarded-For.
 */

const API_MAX = 6
const AUTH_MAX = 3
const WEBSITE_MAX = 40

let server: RunningServer
let websiteKey: string
let clientSerial = 0

/** A client address no other test uses. */
const newClient = () => `203.0.113.${(clientSerial += 1)}`

function get(path: string, client: string, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${path}`, { headers: { 'X-Forwarded-For': client, ...headers } })
}

function login(client: string, email: string, password: string) {
  return fetch(`${server.url}/api/users/login`, {
    body: JSON.stringify({ email, password }),
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': client },
    method: 'POST',
  })
}

beforeAll(async () => {
  server = await startProductionServer({
    databaseUri: testDatabaseUri('server_rate_limits'),
    env: {
      RATE_LIMIT_API_MAX: String(API_MAX),
      RATE_LIMIT_AUTH_MAX: String(AUTH_MAX),
      RATE_LIMIT_WEBSITE_MAX: String(WEBSITE_MAX),
      TRUST_PROXY: 'loopback',
    },
  })
  // The set-up speaks from addresses of its own, so it spends no test's budget.
  const api = new HttpApi(server.url)
  const admin = await api.firstAdmin('limits')
  websiteKey = randomUUID()
  const account = await api.request('POST', '/api/users', {
    body: { apiKey: websiteKey, email: 'website-limits@example.org', enableAPIKey: true, name: 'Website', password: randomUUID(), roles: ['website'] },
    token: admin.token,
  })
  expect(account.status).toBe(201)
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

describe('the settings', () => {
  it('are validated with a message naming the setting', () => {
    expect(() => readRateLimits({ RATE_LIMIT_API_MAX: 'many' })).toThrow(ConfigurationError)
    expect(() => readRateLimits({ RATE_LIMIT_API_MAX: 'many' })).toThrow(/RATE_LIMIT_API_MAX/)
    expect(() => readRateLimits({ RATE_LIMIT_AUTH_MAX: '0' })).toThrow(/RATE_LIMIT_AUTH_MAX/)
    expect(readRateLimits({})).toEqual({
      api: { max: 600, windowSeconds: 60 },
      auth: { max: 20, windowSeconds: 900 },
      website: { max: 6000, windowSeconds: 60 },
    })
  })
})
