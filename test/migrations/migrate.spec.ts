import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { MongoClient, type Db } from 'mongodb'

import { runPayloadCli } from '../helpers/payloadCli'
import { testDatabaseUri } from '../helpers/testDatabase'

const USERS_ROLES_INDEX = '20261128_122023_users_roles_index'
const SEED_SECTIONS_AND_DIRECTORY = '20261128_125346_seed_sections_and_directory'
const BUILD_SEARCH_INDEX = '20261128_160000_build_search_index'
const BACKFILL_ARTICLE_WORKFLOW = '20261128_180000_backfill_article_workflow'
const BUILD_SECTION_SHELVES = '20261201_120000_build_section_shelves'
const ALL_MIGRATIONS = [USERS_ROLES_INDEX, SEED_SECTIONS_AND_DIRECTORY, BUILD_SEARCH_INDEX, BACKFILL_ARTICLE_WORKFLOW, BUILD_SECTION_SHELVES]

const databaseUri = testDatabaseUri('migrations')
let client: MongoClient
let db: Db

/** Runs `npm run <script>` the way a user does (tsx scripts/payload.ts …), against the suite's database. */
const runScript = (args: string[]) => runPayloadCli(args, databaseUri)

async function usersIndexNames(): Promise<string[]> {
  const exists = await db.listCollections({ name: 'users' }).hasNext()
  if (!exists) return []
  return (await db.collection('users').indexes()).map((index) => String(index.name))
}

async function appliedMigrations(): Promise<string[]> {
  const records = await db.collection('payload-migrations').find({}).toArray()
  return records
    .map((record) => String(record.name))
    .filter((name) => name !== 'dev')
    .sort()
}

async function seededCounts(): Promise<{ contacts: number; sections: number }> {
  return {
    contacts: await db.collection('contacts').countDocuments({ seededBy: 'seed_sections_and_directory' }),
    sections: await db.collection('sections').countDocuments({ slug: { $in: ['journals', 'master-forum'] } }),
  }
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
  it('`npm run migrate` applies the migrations in migrations/, in order, and records them', async () => {
    expect(await usersIndexNames()).not.toContain('roles_1')
    const { output, status } = runScript(['migrate'])
    expect(status).toBe(0)
    expect(output).toMatch(
      new RegExp(`Migrated:\\s+${USERS_ROLES_INDEX}[\\s\\S]*Migrated:\\s+${SEED_SECTIONS_AND_DIRECTORY}[\\s\\S]*Migrated:\\s+${BUILD_SEARCH_INDEX}[\\s\\S]*Migrated:\\s+${BACKFILL_ARTICLE_WORKFLOW}[\\s\\S]*Migrated:\\s+${BUILD_SECTION_SHELVES}`),
    )
    expect(await usersIndexNames()).toContain('roles_1')
    expect(await seededCounts()).toEqual({ contacts: 11, sections: 2 })
    expect(await appliedMigrations()).toEqual(ALL_MIGRATIONS)
  }, 150_000)

  it('running it again applies nothing twice', async () => {
    const { output, status } = runScript(['migrate'])
    expect(status).toBe(0)
    expect(output).not.toMatch(/Migrated:/)
    expect(await seededCounts()).toEqual({ contacts: 11, sections: 2 })
    expect(await appliedMigrations()).toEqual(ALL_MIGRATIONS)
  }, 150_000)

  it('`npm run migrate:down` reverses the last batch: every migration', async () => {
    const { output, status } = runScript(['migrate:down'])
    expect(status).toBe(0)
    expect(output).toMatch(new RegExp(`Migrated down:\\s+${USERS_ROLES_INDEX}`))
    expect(output).toMatch(new RegExp(`Migrated down:\\s+${SEED_SECTIONS_AND_DIRECTORY}`))
    expect(output).toMatch(new RegExp(`Migrated down:\\s+${BUILD_SEARCH_INDEX}`))
    expect(output).toMatch(new RegExp(`Migrated down:\\s+${BACKFILL_ARTICLE_WORKFLOW}`))
    expect(output).toMatch(new RegExp(`Migrated down:\\s+${BUILD_SECTION_SHELVES}`))
    expect(await usersIndexNames()).not.toContain('roles_1')
    expect(await seededCounts()).toEqual({ contacts: 0, sections: 0 })
    expect(await appliedMigrations()).toEqual([])
  }, 150_000)
})
