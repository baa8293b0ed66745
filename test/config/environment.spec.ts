import { describe, expect, it } from '@jest/globals'

import { ConfigurationError } from '../../src/settings/configurationError'
import { readServerEnvironment } from '../../src/settings/environment'

const secret = 'x'.repeat(40)

function errorOf(env: Record<string, string>): string {
  try {
    readServerEnvironment(env)
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError)
    return (error as Error).message
  }
  throw new Error('expected a ConfigurationError')
}

describe('server settings from the environment', () => {
  it('needs nothing in development: embedded database, generated secret, port 3000', () => {
    const environment = readServerEnvironment({})
    expect(environment).toMatchObject({
      corsOrigins: [],
      databaseUri: undefined,
      embeddedDatabase: { choice: 'auto', maxHeap: undefined },
      nodeEnv: 'development',
      payloadSecret: undefined,
      port: 3000,
      serverUrl: 'http://localhost:3000',
      trustProxy: false,
    })
  })

  it('requires DATABASE_URI and PAYLOAD_SECRET in production', () => {
    expect(errorOf({ NODE_ENV: 'production', PAYLOAD_SECRET: secret })).toMatch(/DATABASE_URI is required in production/)
    expect(errorOf({ DATABASE_URI: 'mongodb://db/journal', NODE_ENV: 'production' })).toMatch(
      /PAYLOAD_SECRET is required in production/,
    )
  })

  it('refuses a short secret, a non-MongoDB URI, a bad port and a bad NODE_ENV, naming the setting', () => {
    expect(errorOf({ PAYLOAD_SECRET: 'short' })).toMatch(/PAYLOAD_SECRET must be at least 32 characters/)
    expect(errorOf({ DATABASE_URI: 'postgres://db/journal' })).toMatch(/DATABASE_URI must be a MongoDB connection string/)
    expect(errorOf({ PORT: '70000' })).toMatch(/PORT must be a whole number from 0 to 65535/)
    expect(errorOf({ PORT: '30x' })).toMatch(/PORT/)
    expect(errorOf({ NODE_ENV: 'staging' })).toMatch(/NODE_ENV must be development, production or test/)
  })

  it('reads DATABASE_TIMEOUT_MS: 10 s unless set, 0 for no limit, and nothing from 1 to 999 ms', () => {
    expect(readServerEnvironment({}).databaseTimeoutMs).toBe(10_000)
    expect(readServerEnvironment({ DATABASE_TIMEOUT_MS: '0' }).databaseTimeoutMs).toBe(0)
    expect(readServerEnvironment({ DATABASE_TIMEOUT_MS: '30000' }).databaseTimeoutMs).toBe(30_000)
    expect(errorOf({ DATABASE_TIMEOUT_MS: '500' })).toMatch(/DATABASE_TIMEOUT_MS must be 0 \(no limit\) or from 1000/)
    expect(errorOf({ DATABASE_TIMEOUT_MS: 'soon' })).toMatch(/DATABASE_TIMEOUT_MS/)
  })

  it('reads DATABASE_SELECTION_TIMEOUT_MS: 2 s unless set, from 100 ms to 2 minutes', () => {
    expect(readServerEnvironment({}).databaseSelectionTimeoutMs).toBe(2000)
    expect(readServerEnvironment({ DATABASE_SELECTION_TIMEOUT_MS: '15000' }).databaseSelectionTimeoutMs).toBe(15_000)
    expect(errorOf({ DATABASE_SELECTION_TIMEOUT_MS: '50' })).toMatch(/DATABASE_SELECTION_TIMEOUT_MS/)
  })

  it('takes SERVER_URL as an origin and refuses one with a path', () => {
    expect(readServerEnvironment({ SERVER_URL: 'https://cms.example.org/' }).serverUrl).toBe('https://cms.example.org')
    expect(errorOf({ SERVER_URL: 'https://cms.example.org/admin' })).toMatch(/SERVER_URL must be an origin/)
    expect(errorOf({ SERVER_URL: 'ftp://cms.example.org' })).toMatch(/SERVER_URL must use http or https/)
  })

  it('reads CORS_ORIGINS as a list of origins', () => {
    expect(
      readServerEnvironment({ CORS_ORIGINS: 'https://www.example.org, http://localhost:4321/' }).corsOrigins,
    ).toEqual(['https://www.example.org', 'http://localhost:4321'])
    expect(errorOf({ CORS_ORIGINS: 'https://www.example.org/path' })).toMatch(/CORS_ORIGINS entries must be origins/)
    expect(errorOf({ CORS_ORIGINS: 'www.example.org' })).toMatch(/CORS_ORIGINS/)
  })

  it('reads TRUST_PROXY as Express takes it', () => {
    expect(readServerEnvironment({ TRUST_PROXY: 'true' }).trustProxy).toBe(true)
    expect(readServerEnvironment({ TRUST_PROXY: '2' }).trustProxy).toBe(2)
    expect(readServerEnvironment({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toEqual(['loopback', '10.0.0.0/8'])
    expect(errorOf({ TRUST_PROXY: 'everyone' })).toMatch(/TRUST_PROXY/)
  })

  it('warms the admin UI in development unless DEV_WARM_ADMIN=false, never in production', () => {
    expect(readServerEnvironment({}).devWarmAdmin).toBe(true)
    expect(readServerEnvironment({ DEV_WARM_ADMIN: 'false' }).devWarmAdmin).toBe(false)
    expect(readServerEnvironment({ DATABASE_URI: 'mongodb://db:27017/journal', DEV_WARM_ADMIN: 'true', NODE_ENV: 'production', PAYLOAD_SECRET: secret }).devWarmAdmin).toBe(false)
    expect(errorOf({ DEV_WARM_ADMIN: 'yes' })).toBe('DEV_WARM_ADMIN must be true or false (got "yes")')
  })

  it('reads WEBSITE_URL as an origin, the CMS origin by default', () => {
    expect(readServerEnvironment({ PORT: '4000' }).websiteUrl).toBe('http://localhost:4000')
    expect(readServerEnvironment({ WEBSITE_URL: 'https://www.example.org/' }).websiteUrl).toBe('https://www.example.org')
    expect(errorOf({ WEBSITE_URL: 'https://www.example.org/journal' })).toMatch(/WEBSITE_URL must be an origin/)
  })

  it('reads how long anonymous API answers may be cached, in seconds', () => {
    expect(readServerEnvironment({}).apiCache).toEqual({ maxAge: 60, sMaxAge: 300, staleWhileRevalidate: 600 })
    expect(readServerEnvironment({ CACHE_MAX_AGE: '0', CACHE_S_MAXAGE: '3600', CACHE_STALE_WHILE_REVALIDATE: '86400' }).apiCache).toEqual({
      maxAge: 0,
      sMaxAge: 3600,
      staleWhileRevalidate: 86400,
    })
    expect(errorOf({ CACHE_MAX_AGE: 'a minute' })).toMatch(/CACHE_MAX_AGE must be a whole number from 0 to 31536000/)
    expect(errorOf({ CACHE_S_MAXAGE: '-5' })).toMatch(/CACHE_S_MAXAGE/)
  })
})
