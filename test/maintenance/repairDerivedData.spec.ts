import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { MongooseAdapter } from '@payloadcms/db-mongodb'

import { readContentState } from '../../src/contentState/contentState'
import { readJobsEnvironment } from '../../src/settings/environment'
import { repairDerivedData } from '../../src/maintenance/repairDerivedData'
import type { Article, Author, Section } from '../../src/payload-types'
import { JournalContent } from '../helpers/journalContent'
import { createRoleUsers } from '../helpers/roleUsers'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'

/**
 * Derived data broken the way a server killed in the middle of a save leaves
 * it (the fallback database has no transactions), then repaired by the
 * check the server runs at start-up and on its schedule.
 */

let suite: SuiteContext
let content: JournalContent
let section: Section
let author: Author

beforeAll(async () => {
  suite = await startPayloadForSuite('repair_derived_data')
  content = new JournalContent(suite.payload)
  section = await content.section({ title: 'Repairs' })
  author = await content.author({ name: 'Repaired author' })
})

afterAll(async () => {
  await suite?.close()
})

function raw(collection: string) {
  return (suite.payload.db as unknown as MongooseAdapter).collections[collection].collection
}

async function entriesOf(docId: string): Promise<number> {
  return raw('search-entries').countDocuments({ docId })
}

async function tombstoneOf(article: Article): Promise<null | { reason: string }> {
  const { docs } = await suite.payload.find({ collection: 'oai-tombstones', depth: 0, where: { article: { equals: article.id } } })
  return (docs[0] as undefined | { reason: string }) ?? null
}

describe('derived data repairs itself', () => {
  it('finds nothing to repair when the hooks kept everything current', async () => {
    await content.article({ authors: [author.id], section: section.id, title: 'Kept current' })
    const report = await repairDerivedData(suite.payload)
    expect(report).toEqual({ searchIndex: { missing: 0, orphaned: 0, rebuilt: false, stale: 0 }, tombstones: { removed: 0, written: 0 } })
  })

  it('rebuilds missing, stale and orphaned search entries, restores lost tombstones, removes wrong ones, and replaces the content state', async () => {
    const unindexed = await content.article({ authors: [author.id], section: section.id, title: 'Lost from the index' })
    const stale = await content.article({ authors: [author.id], section: section.id, title: 'Indexed before its change' })
    const unpublished = await content.article({ authors: [author.id], section: section.id, title: 'Unpublished' })
    await suite.payload.update({ collection: 'articles', data: { _status: 'draft' }, id: unpublished.id, overrideAccess: true })
    expect(await tombstoneOf(unpublished)).toMatchObject({ reason: 'unpublished' })
    const republished = await content.article({ authors: [author.id], section: section.id, title: 'Published again' })

    // What a crash between a document and its derived data leaves behind:
    await raw('search-entries').deleteMany({ docId: unindexed.id })
    await raw('search-entries').updateMany({ docId: stale.id }, { $set: { indexedAt: new Date(Date.parse(stale.updatedAt) - 60_000) } })
    await raw('search-entries').insertOne({ docId: '0123456789abcdef01234567', indexedAt: new Date(), key: 'article:0123456789abcdef01234567:en', kind: 'article', language: 'en' })
    await raw('oai-tombstones').deleteMany({})
    await suite.payload.create({ collection: 'oai-tombstones', data: { article: republished.id, deletedAt: new Date().toISOString(), reason: 'unpublished', setSpecs: [] }, overrideAccess: true })
    const stateBefore = await readContentState(suite.payload)

    const report = await repairDerivedData(suite.payload)

    expect(report).toEqual({ searchIndex: { missing: 1, orphaned: 1, rebuilt: true, stale: 1 }, tombstones: { removed: 1, written: 1 } })
    expect(await entriesOf(unindexed.id)).toBeGreaterThan(0)
    expect(await raw('search-entries').countDocuments({ docId: stale.id, indexedAt: { $lt: new Date(stale.updatedAt) } })).toBe(0)
    expect(await entriesOf('0123456789abcdef01234567')).toBe(0)
    expect(await tombstoneOf(unpublished)).toMatchObject({ reason: 'unpublished' })
    expect(await tombstoneOf(republished)).toBeNull()
    expect(await readContentState(suite.payload)).not.toBe(stateBefore)
    // Search finds the article that had dropped out of the index.
    const found = await suite.rest.get(`/api/search?q=${encodeURIComponent('Lost from the index')}`)
    expect(JSON.stringify(await found.json())).toContain(unindexed.id)

    expect((await repairDerivedData(suite.payload)).searchIndex.rebuilt).toBe(false)
  })

  it('is a scheduled job of the default queue, and the job repairs', async () => {
    const task = suite.payload.config.jobs.tasks?.find((candidate) => candidate.slug === 'repairDerivedData')
    // Queued once per run however many servers reach the tick (src/jobs/config.ts, scheduleOnceEverywhere).
    expect(task?.schedule).toEqual([{ cron: '0 30 3 * * *', hooks: { beforeSchedule: expect.any(Function) }, queue: 'default' }])
    const article = await content.article({ authors: [author.id], section: section.id, title: 'Repaired by the job' })
    await raw('search-entries').deleteMany({ docId: article.id })
    await suite.payload.jobs.queue({ input: {}, task: 'repairDerivedData' })
    await suite.payload.jobs.run({ queue: 'default' })
    expect(await entriesOf(article.id)).toBeGreaterThan(0)
  })

  it('DERIVED_DATA_REPAIR_CRON sets the schedule, off leaves the check to start-ups, and a wrong value stops the server with its name', () => {
    expect(readJobsEnvironment({}).repairCron).toBe('0 30 3 * * *')
    expect(readJobsEnvironment({ DERIVED_DATA_REPAIR_CRON: '0 0 * * * *' }).repairCron).toBe('0 0 * * * *')
    expect(readJobsEnvironment({ DERIVED_DATA_REPAIR_CRON: 'off' }).repairCron).toBeNull()
    expect(() => readJobsEnvironment({ DERIVED_DATA_REPAIR_CRON: 'nightly' })).toThrow(/^DERIVED_DATA_REPAIR_CRON must be a cron expression/)
  })

  it('the schedules’ bookkeeping (the payload-jobs-stats global) is for admins only', async () => {
    const users = await createRoleUsers(suite, 'repair')
    for (const role of ['editor', 'contributor'] as const) {
      expect((await suite.rest.get('/api/globals/payload-jobs-stats', { token: users[role].token })).status).toBe(403)
      expect((await suite.rest.request('POST', '/api/globals/payload-jobs-stats', { body: { stats: {} }, token: users[role].token })).status).toBe(403)
    }
    expect((await suite.rest.get('/api/globals/payload-jobs-stats')).status).toBe(403)
    expect((await suite.rest.get('/api/globals/payload-jobs-stats', { token: users.admin.token })).status).toBe(200)
  })
})
