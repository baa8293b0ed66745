import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { MongoClient, ObjectId } from 'mongodb'

import { HttpApi } from '../helpers/adminUi'
import { startProductionServer, type RunningServer } from '../helpers/productionServer'
import { testDatabaseUri } from '../helpers/testDatabase'

/**
 * SIGTERM while editors are saving: the production server finishes what it
 * accepted before it stops, so every write it acknowledged is in the database,
 * and no request is answered with a 5xx on the way down.
 *
 * Six writers create contacts and draft articles (a document and its version)
 * over REST on keep-alive connections; the signal comes once writes are
 * flowing; the writers go on until the server is gone. The database is then
 * read directly.
 */

const WRITERS = 6
/** Acknowledged writes wanted before the signal (or WARM_UP_MS, whichever comes first). */
const ACKNOWLEDGED_BEFORE_SIGNAL = 30
const WARM_UP_MS = 6_000
/** Bounds on the whole load, whatever the server does. */
const MAX_REQUESTS_PER_WRITER = 300
const LOAD_LIMIT_MS = 45_000

type Kind = 'article' | 'contact'

type Outcome = {
  /** The client's error code when no HTTP answer came (ECONNREFUSED, ECONNRESET, …). */
  error?: string
  endedAt: number
  id?: string
  kind: Kind
  /** The name (contact) or English title (article) sent. */
  label: string
  startedAt: number
  status?: number
}

const databaseUri = testDatabaseUri('server_shutdown_under_load')
let server: RunningServer
let editorToken: string
let sectionId: string
let authorId: string

beforeAll(async () => {
  server = await startProductionServer({
    databaseUri,
    // The load is one client address: no API budget here. The shutdown time limit is the default.
    env: { LOG_LEVEL: 'info', RATE_LIMIT_API_MAX: '0', SHUTDOWN_TIMEOUT_MS: '10000' },
  })
  const api = new HttpApi(server.url)
  const admin = await api.firstAdmin('shutdown')
  const editor = await api.account(admin, 'editor', 'shutdown')
  editorToken = editor.token
  const section = await api.request<{ doc: { id: string } }>('POST', '/api/sections', {
    body: { slug: 'shutdown-section', title: 'Shutdown section' },
    token: admin.token,
  })
  expect(section.status).toBe(201)
  sectionId = section.body.doc.id
  const author = await api.request<{ doc: { id: string } }>('POST', '/api/authors', {
    body: { name: 'Shutdown Author', slug: 'shutdown-author' },
    token: admin.token,
  })
  expect(author.status).toBe(201)
  authorId = author.body.doc.id
}, 180_000)

afterAll(async () => {
  // Normally already stopped by the test.
  await server?.stop()
  const client = new MongoClient(databaseUri)
  try {
    await client.connect()
    await client.db().dropDatabase()
  } finally {
    await client.close()
  }
}, 60_000)

/** A contact, or a draft article (which Payload saves with a version). */
function writeRequest(kind: Kind, label: string): { body: unknown; path: string } {
  if (kind === 'contact') {
    return { body: { kind: 'office', name: label, organization: 'association' }, path: '/api/contacts?depth=0' }
  }
  return {
    body: { _status: 'draft', authors: [authorId], section: sectionId, title: label },
    path: '/api/articles?depth=0&draft=true',
  }
}

function errorCode(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.name : String(error))
}

describe('graceful shutdown under load', () => {
  it('loses no acknowledged write, answers no request with a 5xx, and exits 0', async () => {
    const outcomes: Outcome[] = []
    const loadDeadline = Date.now() + LOAD_LIMIT_MS
    let exited = false
    const exitCode = new Promise<number | null>((resolve) =>
      server.process.once('exit', (code) => {
        exited = true
        resolve(code)
      }),
    )

    const writer = async (writerIndex: number) => {
      const kind: Kind = writerIndex % 2 === 0 ? 'contact' : 'article'
      for (let serial = 0; serial < MAX_REQUESTS_PER_WRITER && Date.now() < loadDeadline; serial += 1) {
        // Once the process is gone, one more attempt shows the port closed, then the writer stops.
        const lastAttempt = exited
        const label = `${kind} ${writerIndex}-${serial}`
        const { body, path } = writeRequest(kind, label)
        const outcome: Outcome = { endedAt: 0, kind, label, startedAt: performance.now() }
        try {
          const response = await fetch(`${server.url}${path}`, {
            body: JSON.stringify(body),
            headers: { Authorization: `JWT ${editorToken}`, 'Content-Type': 'application/json' },
            method: 'POST',
            signal: AbortSignal.timeout(30_000),
          })
          outcome.status = response.status
          const text = await response.text()
          if (response.ok) outcome.id = (JSON.parse(text) as { doc: { id: string } }).doc.id
        } catch (error) {
          outcome.error = errorCode(error)
        }
        outcome.endedAt = performance.now()
        outcomes.push(outcome)
        if (lastAttempt) return
        // Refused connections come back at once: do not spin on them.
        if (outcome.error) await new Promise((resolve) => setTimeout(resolve, 25))
      }
    }

    const writers = Array.from({ length: WRITERS }, (_, index) => writer(index))

    const warmUpEnds = Date.now() + WARM_UP_MS
    while (outcomes.filter((outcome) => outcome.id).length < ACKNOWLEDGED_BEFORE_SIGNAL && Date.now() < warmUpEnds) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const signalAt = performance.now()
    server.process.kill('SIGTERM')
    await Promise.all(writers)
    const code = await exitCode

    const acknowledged = outcomes.filter((outcome) => outcome.status !== undefined && outcome.status >= 200 && outcome.status < 300)
    const inFlightAtSignal = outcomes.filter((outcome) => outcome.startedAt < signalAt && outcome.endedAt > signalAt)
    const acknowledgedAfterSignal = acknowledged.filter((outcome) => outcome.endedAt > signalAt)
    const serverErrors = outcomes.filter((outcome) => outcome.status !== undefined && outcome.status >= 500)
    const otherAnswers = outcomes.filter((outcome) => outcome.status !== undefined && outcome.status !== 201)
    const connectionErrors = outcomes.filter((outcome) => outcome.error)
    const errorCounts: Record<string, number> = {}
    for (const outcome of connectionErrors) errorCounts[outcome.error!] = (errorCounts[outcome.error!] ?? 0) + 1
    process.stdout.write(
      `shutdown under load: ${outcomes.length} requests, ${acknowledged.length} acknowledged ` +
        `(${acknowledgedAfterSignal.length} after the signal, ${acknowledgedAfterSignal.filter((outcome) => outcome.startedAt > signalAt).length} of them sent after it), ` +
        `${inFlightAtSignal.length} in flight at the signal ` +
        `(${inFlightAtSignal.filter((outcome) => outcome.id).length} of them acknowledged), ` +
        `connection errors ${JSON.stringify(errorCounts)}, exit code ${code}\n`,
    )

    // The test could have failed: writes were flowing and some were under way at the signal.
    expect(acknowledged.length).toBeGreaterThanOrEqual(ACKNOWLEDGED_BEFORE_SIGNAL / 2)
    expect(inFlightAtSignal.length).toBeGreaterThan(0)
    // Answers were 201 Created, never a 5xx; what could not be sent was refused, not cut.
    expect(serverErrors.map(({ label, status }) => ({ label, status }))).toEqual([])
    expect(otherAnswers.map(({ label, status }) => ({ label, status }))).toEqual([])
    // Requests under way at the signal were finished. (One sent on an idle keep-alive connection
    // just as the server closed it may fail to connect; the database check below shows it was not
    // half-done.) Then the server took no more work: a busy keep-alive connection was closed after
    // its answer instead of serving its client until the time limit cut it mid-request.
    expect(inFlightAtSignal.filter((outcome) => outcome.id).length).toBeGreaterThan(0)
    const startedAfterSignal = acknowledged.filter((outcome) => outcome.startedAt > signalAt)
    expect(startedAfterSignal.length).toBeLessThanOrEqual(WRITERS)

    expect(code).toBe(0)
    expect(server.output()).toMatch(/SIGTERM received/)
    expect(server.output()).toMatch(/Stopped/)
    expect(server.output()).not.toMatch(/Shutdown time limit reached/)
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow()

    // Every acknowledged write is in the database with what was sent; nothing unacknowledged is.
    const client = new MongoClient(databaseUri)
    try {
      await client.connect()
      const database = client.db()
      const contacts = await database.collection('contacts').find({}).toArray()
      const articles = await database.collection('articles').find({}).toArray()
      const versions = await database.collection('_articles_versions').find({}).toArray()

      const storedLabels = new Map<string, string>()
      for (const contact of contacts) storedLabels.set(String(contact._id), (contact.name as { en?: string }).en ?? '')
      for (const article of articles) storedLabels.set(String(article._id), (article.title as { en?: string }).en ?? '')
      const versionedLabels = new Map<string, string>()
      for (const version of versions) {
        versionedLabels.set(String(version.parent), ((version.version as { title?: { en?: string } }).title?.en ?? ''))
      }

      const lost = acknowledged.filter((outcome) => storedLabels.get(outcome.id!) !== outcome.label)
      expect(lost.map(({ id, label }) => ({ id, label, stored: storedLabels.get(id!) ?? null }))).toEqual([])
      const withoutVersion = acknowledged.filter((outcome) => outcome.kind === 'article' && versionedLabels.get(outcome.id!) !== outcome.label)
      expect(withoutVersion.map(({ id, label }) => ({ id, label }))).toEqual([])
      expect(acknowledged.every((outcome) => ObjectId.isValid(outcome.id!))).toBe(true)

      // (The directory's own contacts, seeded at the first start, are not the test's.)
      const written = [...storedLabels.values()].filter((label) => /^(article|contact) \d+-\d+$/.test(label))
      const acknowledgedLabels = new Set(acknowledged.map((outcome) => outcome.label))
      expect(written.filter((label) => !acknowledgedLabels.has(label))).toEqual([])
      expect(written).toHaveLength(acknowledged.length)
    } finally {
      await client.close()
    }
  }, 120_000)
})
