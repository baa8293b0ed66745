import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { MongoClient, ObjectId, type Db } from 'mongodb'

import { migrations } from '../../migrations'
import { projectRoot } from '../../src/lib/projectPaths'
import { HttpApi } from '../helpers/adminUi'
import { lexicalDocument } from '../helpers/lexical'
import { filesUnder, photo, uploadForm } from '../helpers/mediaFiles'
import { startObjectStorage, type ObjectStorage } from '../helpers/objectStorage'
import { startProductionServer, type RunningServer } from '../helpers/productionServer'
import { rawGet } from '../helpers/rawHttp'
import { testDatabaseUri } from '../helpers/testDatabase'
import { Receiver } from '../webhooks/receiver'

/**
 * Two production servers (node dist/server.js) on one database and one
 * bucket, as docker-compose.yml runs app-1 and app-2: the migrations applied once by
 * the one-shot command before both start (MIGRATE_ON_START=false), then
 * an upload through one served by the other, saves through one seen by
 * the other's readers and revalidations, one
 * sign-in budget, both jobs runners on and every job run once, and a server
 * killed in the middle of a job whose work the other finishes.
 */

const STALE_AFTER_SECONDS = 3
const AUTH_MAX = 3
const HOME = '/api/website/home'

const databaseUri = testDatabaseUri('two_servers')
const secret = randomBytes(32).toString('hex')
let receiver: Receiver
let storage: ObjectStorage
let a: RunningServer
let b: RunningServer
let client: MongoClient
let db: Db
let token: string
let sectionId: string
let authorId: string
let clientSerial = 0

/** A client address no other test of this file uses (the servers trust the loopback proxy). */
const newClient = () => `198.51.100.${++clientSerial}`

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`)
    await sleep(200)
  }
}

async function api<T>(server: RunningServer, method: string, route: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.url}${route}`, {
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', Authorization: `JWT ${token}`, 'X-Forwarded-For': newClient() },
    method,
  })
  const json = (await response.json()) as T
  if (!response.ok) throw new Error(`${method} ${route} answered ${response.status}: ${JSON.stringify(json)}`)
  return json
}

function article(title: string, status: 'draft' | 'published') {
  return {
    _status: status,
    authors: [authorId],
    body: lexicalDocument([`${title}: the first paragraph.`]),
    lead: `${title}, in short.`,
    section: sectionId,
    slug: `${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${randomBytes(2).toString('hex')}`,
    title,
  }
}

/** `node dist/migrate.js`, as the compose file's one-shot `migrate` service runs it. */
function runMigrateCommand(): Promise<{ code: null | number; output: string }> {
  const child = spawn(process.execPath, ['--conditions=production', path.join(projectRoot, 'dist', 'migrate.js')], {
    cwd: projectRoot,
    env: { DATABASE_URI: databaseUri, HOME: process.env.HOME ?? os.tmpdir(), LOG_LEVEL: 'info', NODE_ENV: 'production', PATH: process.env.PATH ?? '', PAYLOAD_SECRET: secret },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })))
}

type JobRecord = {
  claimedBy?: string
  input?: Record<string, unknown>
  processing: boolean
}

const jobOfDelivery = (deliveryId: string) => db.collection<JobRecord>('payload-jobs').findOne({ 'input.deliveryId': deliveryId, taskSlug: 'deliverWebhook' })

/** The server whose process claimed a job (the claim names host:pid:random). */
function serverNamedBy(claimedBy: string | undefined): RunningServer | undefined {
  return [a, b].find((server) => claimedBy?.split(':')[1] === String(server.process.pid))
}

beforeAll(async () => {
  receiver = await Receiver.start()
  storage = await startObjectStorage()
  const migrated = await runMigrateCommand()
  expect(migrated.output).toContain(`Migrations: applying ${migrations.length} pending migrations`)
  expect(migrated.code).toBe(0)

  const env = {
    // One installation: the same secret, database, public addresses, budgets and webhook endpoints on both
    // (answers carry absolute URLs made from SERVER_URL and WEBSITE_URL: behind one proxy they are one origin).
    SERVER_URL: 'https://cms.example.org',
    WEBSITE_URL: 'https://www.example.org',
    JOBS_AUTORUN_CRON: '* * * * * *',
    JOBS_STALE_AFTER_SECONDS: String(STALE_AFTER_SECONDS),
    LOG_LEVEL: 'warn',
    MIGRATE_ON_START: 'false',
    PAYLOAD_SECRET: secret,
    RATE_LIMIT_API_MAX: '0',
    RATE_LIMIT_AUTH_MAX: String(AUTH_MAX),
    RATE_LIMIT_STORE: 'database',
    TRUST_PROXY: 'loopback',
    WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
    WEBHOOK_ENDPOINTS: JSON.stringify([{ name: 'website', secret: randomBytes(32).toString('hex'), url: receiver.url() }]),
    WEBHOOK_TIMEOUT_MS: '60000',
    ...storage.env,
  }
  // Started together, as compose starts app-1 and app-2 once `migrate` has exited.
  ;[a, b] = await Promise.all([startProductionServer({ databaseUri, env }), startProductionServer({ databaseUri, env })])
  client = await MongoClient.connect(databaseUri)
  db = client.db()

  token = (await new HttpApi(a.url).firstAdmin('instances')).token
  const sections = await api<{ docs: { id: string }[] }>(a, 'GET', '/api/sections?where[slug][equals]=master-forum')
  sectionId = sections.docs[0].id
  authorId = (await api<{ doc: { id: string } }>(a, 'POST', '/api/authors', { name: 'Yuan Zheng', slug: 'yuan-zheng' })).doc.id
}, 300_000)

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()])
  await client?.close()
  await receiver?.stop()
  await storage?.stop()
}, 60_000)

describe('migrations', () => {
  it('were applied once, by the one-shot command, and by neither server', async () => {
    const applied = await db.collection<{ name: string }>('payload-migrations').find({}).toArray()
    expect(applied.map(({ name }) => name).sort()).toEqual(migrations.map(({ name }) => name).sort())
    for (const server of [a, b]) expect(server.output()).not.toMatch(/Migrating:/)
  })
})

describe('media', () => {
  type Size = { filename?: null | string; url?: null | string }
  it('an upload through one server is served by the other, the original and every image size, from the one bucket', async () => {
    const original = await photo({ height: 900, width: 1600 }, 'jpeg')
    const response = await fetch(`${a.url}/api/media`, {
      body: uploadForm({ bytes: original, filename: 'harbour-two-servers.jpg', type: 'image/jpeg' }, { alt: 'A harbour at dusk' }),
      headers: { Authorization: `JWT ${token}`, 'X-Forwarded-For': newClient() },
      method: 'POST',
    })
    expect(response.status).toBe(201)
    const { doc } = (await response.json()) as { doc: { filename: string; sizes: Record<string, Size>; url: string } }
    const sizes = Object.values(doc.sizes).filter((size) => size.filename)
    expect(sizes.length).toBeGreaterThan(0)
    // Stored in the bucket, not on A's disk (nor B's).
    expect(await storage.keys()).toEqual([doc.filename, ...sizes.map((size) => size.filename as string)].sort())
    for (const server of [a, b]) expect(filesUnder(server.uploadsDir)).toEqual([])

    const servedOnB = await rawGet(`${b.url}${new URL(doc.url, b.url).pathname}`)
    expect(servedOnB.status).toBe(200)
    expect(Buffer.compare(servedOnB.body, original)).toBe(0)
    for (const size of sizes) {
      const path = new URL(size.url as string, b.url).pathname
      const onB = await rawGet(`${b.url}${path}`)
      expect({ path, status: onB.status, type: onB.headers['content-type'] }).toEqual({ path, status: 200, type: 'image/webp' })
      expect(Buffer.compare(onB.body, (await storage.read(size.filename as string)).bytes)).toBe(0)
    }
  })
})

describe('a save through one server', () => {
  it('is seen by the other’s readers and revalidations: no 304 for an answer the save made old, on either', async () => {
    const saved = await api<{ doc: { id: string } }>(a, 'POST', '/api/articles', article('The US-Japan Alliance', 'published'))
    const first = await rawGet(`${b.url}${HOME}`)
    expect(first.status).toBe(200)
    const before = String(first.headers.etag)
    expect(JSON.parse(first.body.toString()).latest[0].title).toBe('The US-Japan Alliance')
    // Both servers build the same answer, and remember it with the content state.
    for (const server of [a, b]) expect((await rawGet(`${server.url}${HOME}`, { 'If-None-Match': before })).status).toBe(304)

    await api(a, 'PATCH', `/api/articles/${saved.doc.id}`, { title: 'The US-Japan Alliance, revised' })

    const onB = await rawGet(`${b.url}${HOME}`, { 'If-None-Match': before })
    expect(onB.status).toBe(200)
    const after = String(onB.headers.etag)
    expect(after).not.toBe(before)
    expect(JSON.parse(onB.body.toString()).latest[0].title).toBe('The US-Japan Alliance, revised')
    expect((await rawGet(`${a.url}${HOME}`, { 'If-None-Match': before })).status).toBe(200)
    for (const server of [a, b]) expect((await rawGet(`${server.url}${HOME}`, { 'If-None-Match': after })).status).toBe(304)

    // A single document read, on B, after a save through A.
    const single = `/api/articles/${saved.doc.id}?depth=0`
    const read = await rawGet(`${b.url}${single}`)
    await api(a, 'PATCH', `/api/articles/${saved.doc.id}`, { title: 'The US-Japan Alliance, revised again' })
    const reread = await rawGet(`${b.url}${single}`, { 'If-None-Match': String(read.headers.etag) })
    expect(reread.status).toBe(200)
    expect(JSON.parse(reread.body.toString()).title).toBe('The US-Japan Alliance, revised again')
  })
})

describe('the sign-in budget', () => {
  it('an address spends on one server is spent on the other', async () => {
    const address = newClient()
    const login = (server: RunningServer, password: string) =>
      fetch(`${server.url}/api/users/login`, {
        body: JSON.stringify({ email: 'instances-admin@example.org', password }),
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': address },
        method: 'POST',
      })
    for (let attempt = 1; attempt <= AUTH_MAX; attempt += 1) expect((await login(a, `wrong guess ${attempt}`)).status).toBe(401)
    const refused = await login(b, 'a long passphrase for the instances admin')
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
  })
})

describe('with both servers running the jobs queue', () => {
  it('a scheduled publication and its change notification happen once', async () => {
    const draft = await api<{ doc: { id: string } }>(a, 'POST', '/api/articles?draft=true', article('Due in two seconds', 'draft'))
    const id = draft.doc.id
    const at = new Date(Date.now() + 2000).toISOString()
    const scheduled = await api<{ job: string }>(a, 'POST', `/api/articles/${id}/schedule`, { at, type: 'publish' })

    await waitFor('the article is published on B', async () => ((await fetch(`${b.url}/api/articles/${id}?depth=0`)).status === 200 ? true : undefined))
    const deliveries = await waitFor('its notification is delivered', async () => {
      const found = await db.collection<{ _id: unknown; eventType: string; status: string }>('webhook-deliveries').find({ documentId: id, eventType: 'article.published' }).toArray()
      return found.length > 0 && found.every((delivery) => delivery.status === 'delivered') ? found : undefined
    })
    // Both runners tick every second: give a second run, if there were one, the time to show.
    await sleep(3000)

    // Completed, so deleted (Payload's deleteJobOnComplete), and published once: one published version.
    expect(await db.collection('payload-jobs').findOne({ _id: new ObjectId(scheduled.job) })).toBeNull()
    const publications = await db.collection('_articles_versions').countDocuments({ parent: new ObjectId(id), 'version._status': 'published' })
    expect(publications).toBe(1)

    expect(deliveries).toHaveLength(1)
    const deliveryId = String(deliveries[0]._id)
    expect(receiver.requestsFor(deliveryId)).toHaveLength(1)
    expect(await jobOfDelivery(deliveryId)).toBeNull()
  }, 90_000)

  it('a server killed in the middle of a delivery leaves it to the other after JOBS_STALE_AFTER_SECONDS, which completes it once', async () => {
    // The receiver is slow: the server that sends the delivery is still in the middle of the job when it is killed.
    const release = receiver.hold()
    await api(b, 'PATCH', `/api/authors/${authorId}`, { affiliation: 'Institute of American Studies, CASS' })
    const deliveryId = await waitFor('a server sends the delivery', async () => {
      const sent = receiver.requests.find((request) => JSON.parse(request.body).type === 'author.updated')
      return sent ? String(sent.headers['journal-delivery']) : undefined
    })
    const claimed = await jobOfDelivery(deliveryId)
    const runner = serverNamedBy(claimed?.claimedBy)
    if (!runner) throw new Error(`the job was claimed by ${claimed?.claimedBy}, neither server`)
    const survivor = runner === a ? b : a

    runner.process.kill('SIGKILL')
    await runner.stop()
    release()

    const delivery = await waitFor('the other server delivers it', async () => {
      const found = await db.collection<{ attempts: number; status: string }>('webhook-deliveries').findOne({ _id: new ObjectId(deliveryId) })
      return found?.status === 'delivered' ? found : undefined
    })
    expect(delivery.attempts).toBe(1)
    // Sent twice (at least once): the first by the killed server, never recorded; receivers tell them apart by the delivery id.
    expect(receiver.requestsFor(deliveryId)).toHaveLength(2)
    // Completed by the survivor, so deleted; given back to the queue once, by the survivor's sweep.
    await waitFor('the job is completed', async () => ((await jobOfDelivery(deliveryId)) === null ? true : undefined))
    const takeover = `Job ${String(claimed?._id)} given back to the queue: its process (${claimed?.claimedBy}) stopped answering for more than ${STALE_AFTER_SECONDS} s (takeover 1 of 3)`
    expect(survivor.output()).toContain(takeover)
    expect(runner.output()).not.toContain('given back to the queue')
  }, 90_000)
})
