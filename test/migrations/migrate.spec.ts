import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { MongoClient, type Db } from 'mongodb'

import { projectRoot } from '../../src/lib/projectPaths'
import { testDatabaseUri } from '../helpers/testDatabase'

const databaseUri = testDatabaseUri('migrations')
let client: MongoClient
let db: Db

/** Runs `npm run <script>` the way a user does (tsx scripts/payload.ts …), against the suite's database. */
function runScript(args: string[]): { output: string; status: number | null } {
  const result = spawnSync(path.join(projectRoot, 'node_modules', '.bin', 'tsx'), ['scripts/payload.ts', ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: {
      ...process.env,
      DATABASE_URI: databaseUri,
      LOG_LEVEL: 'info',
      NODE_ENV: 'development',
      PAYLOAD_SECRET: randomBytes(32).toString('hex'),
    },
    timeout: 120_000,
  })
  return { output: `${result.stdout}${result.stderr}`, status: result.status }
}

async function usersIndexNames(): Promise<string[]> {
  const exists = await db.listCollections({ name: 'users' }).hasNext()
  if (!exists) return []
  return (await db.collection('users').indexes()).map((index) => String(index.name))
}

async function appliedMigrations(): Promise<string[]> {
  const records = await db.collection('payload-migrations').find({}).toArray()
  return records.map((record) => String(record.name)).filter((name) => name !== 'dev')
}

beforeAll(async () => {
  client = await MongoClient.connect(databaseUri)
  db = client.db()
})

afterAll(async () => {
  await db?.dropDatabase()
  await client?.close()
})

describe('migrations', () => {
  it('`npm run migrate` applies the migrations in migrations/ and records them', async () => {
    expect(await usersIndexNames()).not.toContain('roles_1')
    const { output, status } = runScript(['migrate'])
    expect(status).toBe(0)
    expect(output).toMatch(/Migrated:\s+20261128_122023_users_roles_index/)
    expect(await usersIndexNames()).toContain('roles_1')
    expect(await appliedMigrations()).toEqual(['20261128_122023_users_roles_index'])
  }, 150_000)

  it('running it again applies nothing twice', async () => {
    const { output, status } = runScript(['migrate'])
    expect(status).toBe(0)
    expect(output).not.toMatch(/Migrated:/)
    expect(await appliedMigrations()).toEqual(['20261128_122023_users_roles_index'])
  }, 150_000)

  it('`npm run migrate:down` reverses the last batch', async () => {
    const { output, status } = runScript(['migrate:down'])
    expect(status).toBe(0)
    expect(output).toMatch(/20261128_122023_users_roles_index/)
    expect(await usersIndexNames()).not.toContain('roles_1')
    expect(await appliedMigrations()).toEqual([])
  }, 150_000)
})
