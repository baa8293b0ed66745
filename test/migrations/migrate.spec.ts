import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { MongoClient, type Db } from 'mongodb'

import { runPayloadCli } from '../helpers/payloadCli'
import { testDatabaseUri } from '../helpers/testDatabase'

const USERS_ROLES_INDEX = '20261128_122023_users_roles_index'
const SEED_SECTIONS_AND_DIRECTORY = '20261128_125346_seed_sections_and_directory'
const BUILD_SEARCH_INDEX = '20261128_160000_build_search_index'
const BACKFILL_ARTICLE_WORKFLOW = '20261128_180000_backfill_article_workflow'
const BUILD_SECTION_SHELVES = '20261201_120000_build_section_shelves'
const LOCALIZE_MEDIA_ALT = '20261202_090000_localize_media_alt'
const SEED_JOURNAL_TITLE = '20261202_091000_seed_journal_title'
const ALL_MIGRATIONS = [USERS_ROLES_INDEX, SEED_SECTIONS_AND_DIRECTORY, BUILD_SEARCH_INDEX, BACKFILL_ARTICLE_WORKFLOW, BUILD_SECTION_SHELVES, LOCALIZE_MEDIA_ALT, SEED_JOURNAL_TITLE]

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

/** The site global as stored. */
async function storedSite(): Promise<{ journalTitle?: Record<string, string> } | null> {
  return db.collection<{ journalTitle?: Record<string, string> }>('globals').findOne({ globalType: 'site' })
}

async function storedMedia(): Promise<{ alt?: unknown; caption?: unknown } | null> {
  return db.collection<{ alt?: unknown; caption?: unknown }>('media').findOne({ filename: 'harbour.jpg' })
}

beforeAll(async () => {
  client = await MongoClient.connect(databaseUri)
  db = client.db()
  // An image stored before alt text and captions were per language.
  await db.collection('media').insertOne({ alt: 'A harbour at dawn', caption: 'Tianjin, 2018', filename: 'harbour.jpg', mimeType: 'image/jpeg' })
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
    for (const name of ALL_MIGRATIONS) expect(output).toMatch(new RegExp(`Migrated:\\s+${name}`))
    // In order: the log lines of a run may interleave, the records are written one migration after the other.
    const records = await db.collection('payload-migrations').find({ name: { $ne: 'dev' } }).sort({ _id: 1 }).toArray()
    expect(records.map((record) => String(record.name))).toEqual(ALL_MIGRATIONS)
    expect(await usersIndexNames()).toContain('roles_1')
    expect(await seededCounts()).toEqual({ contacts: 11, sections: 2 })
    expect(await appliedMigrations()).toEqual(ALL_MIGRATIONS)
    expect(await storedMedia()).toMatchObject({ alt: { en: 'A harbour at dawn' }, caption: { en: 'Tianjin, 2018' } })
    expect((await storedSite())?.journalTitle).toEqual({ en: 'Peace and Development', zh: '和平与发展' })
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
    expect(await storedMedia()).toMatchObject({ alt: 'A harbour at dawn', caption: 'Tianjin, 2018' })
    expect((await storedSite())?.journalTitle ?? {}).toEqual({})
  }, 150_000)
})
