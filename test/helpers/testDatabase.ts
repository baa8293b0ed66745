import { randomBytes } from 'node:crypto'
import type { DatabaseCapabilities } from '../../src/database/serverCapabilities'

/**
 * The database server of the whole test run is started by globalSetup, which
 * leaves its connection string (without a database name) in TEST_DATABASE_URL.
 * Each suite gets a database of its own on it.
 */
export function testDatabaseUri(suite: string): string {
  const base = process.env.TEST_DATABASE_URL
  if (!base) throw new Error('TEST_DATABASE_URL is not set: run the tests with `npm test`')
  const name = `test_${suite.replace(/[^a-z0-9]/gi, '_')}_${randomBytes(3).toString('hex')}`
  const url = new URL(base)
  url.pathname = `/${name}`
  return url.toString()
}

/** What the run's database server can do, as globalSetup found it (src/database/serverCapabilities.ts). */
export function testDatabaseCapabilities(): DatabaseCapabilities {
  const recorded = process.env.TEST_DATABASE_CAPABILITIES
  if (!recorded) throw new Error('TEST_DATABASE_CAPABILITIES is not set: run the tests with `npm test`')
  return JSON.parse(recorded) as DatabaseCapabilities
}
