import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import type { Collection, Document } from 'mongodb'
import { ObjectId } from 'mongodb'

import { INSTANCE_ID, JOBS_COLLECTION, MAX_TAKEOVERS, claimScheduleSlot } from '../../src/database/jobClaims'
import { collectionModel, nativeDatabase } from '../../src/database/payloadInternals'
import type { WebhookDelivery } from '../../src/payload-types'
import { readJobsEnvironment, readMigrateOnStart } from '../../src/settings/environment'
import { JournalContent } from '../helpers/journalContent'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'
import { Receiver } from '../webhooks/receiver'

/**
 * Jobs run once, whoever runs the queue: two runners at once in one process
 * meet the same race as two servers (Payload finds free jobs, then marks the
 * ids it found, whether or not another runner took them meanwhile). A job
 * claimed by a process that stopped is taken over after JOBS_STALE_AFTER_SECONDS.
 * The two-server version, with a real kill, is test/instances/twoServers.spec.ts.
 */

const STALE_AFTER_SECONDS = 3
const ENVIRONMENT_KEYS = ['JOBS_AUTORUN_CRON', 'JOBS_STALE_AFTER_SECONDS', 'WEBHOOK_ALLOW_PRIVATE_TARGETS', 'WEBHOOK_ENDPOINTS', 'WEBHOOK_RETRY_DELAY_MS']
const savedEnvironment = Object.fromEntries(ENVIRONMENT_KEYS.map((key) => [key, process.env[key]]))

let suite: SuiteContext
let content: JournalContent
let website: Receiver

type JobRecord = Document & {
  claimId?: null | string
  claimedBy?: null | string
  completedAt?: Date | null
  error?: { message?: string } | null
  hasError?: boolean
  log?: { state: string }[]
  processing: boolean
  takeovers?: number
  totalTried?: number
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function jobs(): Collection<JobRecord> {
  return nativeDatabase(suite.payload).collection<JobRecord>(collectionModel(suite.payload, JOBS_COLLECTION).collection.collectionName)
}

/** The delivery job of one author's change, and the delivery. */
async function authorChange(name: string): Promise<{ delivery: WebhookDelivery; jobId: ObjectId }> {
  const author = await content.author({ name })
  const { docs } = await suite.payload.find({ collection: 'webhook-deliveries', depth: 0, where: { documentId: { equals: author.id } } })
  expect(docs).toHaveLength(1)
  const job = await jobs().findOne({ 'input.deliveryId': docs[0].id, taskSlug: 'deliverWebhook' })
  if (!job) throw new Error(`no job for the delivery ${docs[0].id}`)
  return { delivery: docs[0], jobId: job._id as ObjectId }
}

/** Waits until the receiver has the delivery's request (it may be holding its answer). */
async function untilSent(deliveryId: string): Promise<void> {
  const deadline = Date.now() + 15_000
  while (website.requestsFor(deliveryId).length === 0) {
    if (Date.now() > deadline) throw new Error(`the delivery ${deliveryId} was not sent`)
    await sleep(20)
  }
}

const runWebhooks = () => suite.payload.jobs.run({ limit: 10, queue: 'webhooks', silent: true })

beforeAll(async () => {
  website = await Receiver.start()
  Object.assign(process.env, {
    JOBS_STALE_AFTER_SECONDS: String(STALE_AFTER_SECONDS),
    WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
    WEBHOOK_ENDPOINTS: JSON.stringify([{ collections: ['authors'], name: 'website', secret: randomBytes(32).toString('hex'), url: website.url() }]),
    WEBHOOK_RETRY_DELAY_MS: '200',
  })
  delete process.env.JOBS_AUTORUN_CRON
  suite = await startPayloadForSuite('job_claims')
  content = new JournalContent(suite.payload)
})

afterAll(async () => {
  await suite?.close()
  await website?.stop()
  for (const [key, value] of Object.entries(savedEnvironment)) {
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
})

beforeEach(async () => {
  // Every test starts from an empty queue.
  await runWebhooks()
  await jobs().deleteMany({})
  website.requests.length = 0
})

describe('two runners of one queue at once', () => {
  it('deliver every queued change once, each taken by one runner', async () => {
    const changes = await Promise.all(['Yuan Zheng', 'Chen Jing', 'Li Wei', 'Wang Fang', 'Zhao Lei', 'Sun Mei'].map(authorChange))
    const [first, second] = await Promise.all([runWebhooks(), runWebhooks()])

    const ran = [...Object.keys(first.jobStatus ?? {}), ...Object.keys(second.jobStatus ?? {})]
    expect(ran.sort()).toEqual(changes.map(({ jobId }) => String(jobId)).sort())
    const received = website.requests.map((request) => request.headers['journal-delivery'])
    expect(received.sort()).toEqual(changes.map(({ delivery }) => delivery.id).sort())
    // Payload deletes a job once it completed (deleteJobOnComplete).
    expect(await jobs().countDocuments({ _id: { $in: changes.map(({ jobId }) => jobId) } })).toBe(0)
  })
})

describe('a job whose process stopped', () => {
  it('is left alone while its heartbeat is fresh, and taken over once it is older than JOBS_STALE_AFTER_SECONDS', async () => {
    const { delivery, jobId } = await authorChange('Yuan Zheng')
    // As another server leaves a job it claimed when it dies: processing, with its last heartbeat.
    await jobs().updateOne({ _id: jobId }, { $set: { claimId: 'claim-of-a-dead-server', claimedBy: 'gone:1:dead', heartbeatAt: new Date(), processing: true } })

    await runWebhooks()
    expect(website.requestsFor(delivery.id)).toHaveLength(0)
    expect(await jobs().findOne({ _id: jobId })).toMatchObject({ claimedBy: 'gone:1:dead', processing: true })

    await sleep(STALE_AFTER_SECONDS * 1000 + 500)
    // Taken over, with its run under this process's claim: seen from inside the run, before the job completes.
    const seenInside: unknown[] = []
    const release = website.hold()
    const running = runWebhooks()
    await untilSent(delivery.id)
    seenInside.push(await jobs().findOne({ _id: jobId }))
    release()
    await running
    expect(seenInside[0]).toMatchObject({ claimedBy: INSTANCE_ID, processing: true, takeovers: 1 })
    expect(website.requestsFor(delivery.id)).toHaveLength(1)
    // Completed (and so deleted, deleteJobOnComplete), and delivered once.
    expect(await jobs().findOne({ _id: jobId })).toBeNull()
    expect(await suite.payload.findByID({ collection: 'webhook-deliveries', id: delivery.id })).toMatchObject({ attempts: 1, status: 'delivered' })
  })

  it(`is failed instead after ${MAX_TAKEOVERS} takeovers, so it cannot stop every server in turn`, async () => {
    const { delivery, jobId } = await authorChange('Chen Jing')
    const longAgo = new Date(Date.now() - 3_600_000)
    await jobs().updateOne({ _id: jobId }, { $set: { claimId: 'x', claimedBy: 'gone:2:dead', heartbeatAt: longAgo, processing: true, takeovers: MAX_TAKEOVERS } })
    await sleep(1100)
    await runWebhooks()
    expect(website.requestsFor(delivery.id)).toHaveLength(0)
    expect(await jobs().findOne({ _id: jobId })).toMatchObject({
      error: { message: expect.stringMatching(/^Given up: its process \(gone:2:dead\) stopped answering/) },
      hasError: true,
      processing: false,
      takeovers: MAX_TAKEOVERS + 1,
    })
  })

  it('is not run by runByID while another process holds it', async () => {
    const { delivery, jobId } = await authorChange('Li Wei')
    await jobs().updateOne({ _id: jobId }, { $set: { claimId: 'y', claimedBy: 'busy:3:alive', heartbeatAt: new Date(), processing: true } })
    await suite.payload.jobs.runByID({ id: String(jobId), silent: true })
    expect(website.requestsFor(delivery.id)).toHaveLength(0)
    expect(await jobs().findOne({ _id: jobId })).toMatchObject({ claimedBy: 'busy:3:alive', processing: true })
  })
})

describe('a run whose job was taken over while it ran', () => {
  it('writes nothing more to the job, nor deletes it as completed: it cannot complete it a second time', async () => {
    const release = website.hold()
    const { delivery, jobId } = await authorChange('Wang Fang')
    const running = runWebhooks()
    await untilSent(delivery.id)
    // Meanwhile another server found the job stale and claimed it.
    await jobs().updateOne({ _id: jobId }, { $set: { claimId: 'claim-of-the-other-server', claimedBy: 'other:4:alive', heartbeatAt: new Date() } })
    release()
    await running

    const job = await jobs().findOne({ _id: jobId })
    expect(job).toMatchObject({ claimId: 'claim-of-the-other-server', claimedBy: 'other:4:alive', processing: true })
    expect(job?.completedAt ?? null).toBeNull()
    expect(job?.log ?? []).toEqual([])
    expect(job?.totalTried ?? 0).toBe(0)
  })
})

describe('a cron schedule reached by two servers on the same tick', () => {
  it('queues its run once', async () => {
    await Promise.all([suite.payload.jobs.handleSchedules({ queue: 'default' }), suite.payload.jobs.handleSchedules({ queue: 'default' })])
    for (const taskSlug of ['removeBlankDrafts', 'repairDerivedData']) {
      expect(await jobs().countDocuments({ 'meta.scheduled': true, taskSlug })).toBe(1)
    }
  })

  it('is taken by the first server to insert its slot', async () => {
    const key = `default:someTask:${new Date().toISOString()}`
    expect(await Promise.all([claimScheduleSlot(suite.payload, key), claimScheduleSlot(suite.payload, key)])).toEqual(expect.arrayContaining([true, false]))
  })
})

describe('the settings', () => {
  it('JOBS_STALE_AFTER_SECONDS is a number of seconds from 3 to 86400, 60 by default', () => {
    expect(readJobsEnvironment({}).staleAfterSeconds).toBe(60)
    expect(readJobsEnvironment({ JOBS_STALE_AFTER_SECONDS: '300' }).staleAfterSeconds).toBe(300)
    expect(() => readJobsEnvironment({ JOBS_STALE_AFTER_SECONDS: '1' })).toThrow(/^JOBS_STALE_AFTER_SECONDS must be a whole number from 3 to 86400 \(got "1"\)$/)
    expect(() => readJobsEnvironment({ JOBS_STALE_AFTER_SECONDS: 'a minute' })).toThrow(/JOBS_STALE_AFTER_SECONDS/)
  })

  it('MIGRATE_ON_START is true or false, true by default', () => {
    expect(readMigrateOnStart({})).toBe(true)
    expect(readMigrateOnStart({ MIGRATE_ON_START: 'false' })).toBe(false)
    expect(() => readMigrateOnStart({ MIGRATE_ON_START: 'no' })).toThrow(/^MIGRATE_ON_START must be true or false \(got "no"\)$/)
  })
})
