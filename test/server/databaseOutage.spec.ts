import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { MongoClient } from 'mongodb'

import type { EmbeddedDatabase } from '../../src/database/embeddedDatabase'
import { HttpApi } from '../helpers/adminUi'
import { startDedicatedDatabase } from '../helpers/dedicatedDatabase'
import { startProductionServer, type RunningServer } from '../helpers/productionServer'

/**
 * The database process killed (`kill -9`) under a running production server,
 * then started again: every request that needs the database answers 503 with
 * Retry-After within a few seconds (signed-in checks included: no 403, no
 * "signed out"), and no write that was answered with an error, or abandoned
 * by its client, turns up in the database afterwards; the API budget, counted
 * in the database, falls back to counting in the process meanwhile.
 */

const DATABASE_NAME = 'server_database_outage'
/** Far below the driver's default of 30 s before this server gave up on a missing database. */
const ANSWERED_WITHIN_MS = 6_000

let database: EmbeddedDatabase & { remove(): Promise<void> }
let server: RunningServer
let editorToken: string
let authorId: string

beforeAll(async () => {
  database = await startDedicatedDatabase()
  server = await startProductionServer({
    databaseUri: database.uri(DATABASE_NAME),
    // All the load comes from one address: its API budget is too large to run out, and counted in the
    // database, so the outage meets the rate limiter too. The production default for waiting on the database.
    env: { DATABASE_SELECTION_TIMEOUT_MS: '2000', RATE_LIMIT_API_MAX: '1000000', RATE_LIMIT_STORE: 'database' },
  })
  const api = new HttpApi(server.url)
  const admin = await api.firstAdmin('outage')
  editorToken = (await api.account(admin, 'editor', 'outage')).token
  const author = await api.request<{ doc: { id: string } }>('POST', '/api/authors?depth=0', { body: { name: 'Outage Author' }, token: admin.token })
  expect(author.status).toBe(201)
  authorId = author.body.doc.id
}, 180_000)

afterAll(async () => {
  await server?.stop()
  await database?.remove()
}, 60_000)

function killDatabase(): void {
  const pid = database.pid()
  if (!pid) throw new Error('the database is not running')
  process.kill(pid, 'SIGKILL')
}

/** Starts the database again if an earlier test left it killed. */
async function ensureDatabaseRuns(): Promise<void> {
  const pid = database.pid()
  const alive = pid !== undefined && (() => {
    try {
      process.kill(pid, 0)
      return true
    } catch {
      return false
    }
  })()
  if (!alive) await database.start()
  expect(await waitFor('/readyz', 200)).toBe(200)
}

type Answer = { body: string; elapsedMs: number; retryAfter: null | string; status: number }

async function timed(path: string, init: RequestInit = {}): Promise<Answer> {
  const started = Date.now()
  const response = await fetch(`${server.url}${path}`, { ...init, signal: AbortSignal.timeout(40_000) })
  const body = await response.text()
  return { body, elapsedMs: Date.now() - started, retryAfter: response.headers.get('retry-after'), status: response.status }
}

const asEditor = (init: RequestInit = {}): RequestInit => ({ ...init, headers: { ...init.headers, Authorization: `JWT ${editorToken}`, 'Content-Type': 'application/json' } })

function graphql(query: string, init: RequestInit = {}): RequestInit {
  return { ...init, body: JSON.stringify({ query }), headers: { 'Content-Type': 'application/json', ...init.headers }, method: 'POST' }
}

async function waitFor(path: string, status: number, init: RequestInit = {}, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const answer = await fetch(`${server.url}${path}`, init).then((response) => response.status, () => 0)
    if (answer === status || Date.now() > deadline) return answer
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

describe('the database killed', () => {
  it('every request that needs it answers 503 with Retry-After within seconds, signed-in ones too, and all serve again once it is back', async () => {
    await ensureDatabaseRuns()
    expect((await timed('/api/users/me', asEditor())).status).toBe(200)
    killDatabase()

    const checks: [string, string, RequestInit][] = [
      // The first request after the kill meets a connection the server closed (not a 500).
      ['anonymous list, first after the kill', '/api/articles?depth=0', {}],
      ['anonymous list', '/api/authors?depth=0', {}],
      ['the signed-in account', '/api/users/me', asEditor()],
      ['an editor’s write', `/api/authors/${authorId}?depth=0`, asEditor({ body: JSON.stringify({ position: 'Editor' }), method: 'PATCH' })],
      ['an editor’s create', '/api/authors?depth=0', asEditor({ body: JSON.stringify({ name: 'Created during the outage' }), method: 'POST' })],
      ['a GraphQL query', '/api/graphql', graphql('{ Authors { docs { name } } }')],
      ['the signed-in account over GraphQL', '/api/graphql', graphql('{ meUser { user { email } } }', asEditor())],
      ['a GraphQL mutation', '/api/graphql', graphql('mutation { createAuthor(data: { name: "By GraphQL" }) { id } }', asEditor())],
      ['a GraphQL query by GET', `/api/graphql?query=${encodeURIComponent('{ Authors { docs { name } } }')}`, {}],
    ]
    for (const [what, path, init] of checks) {
      const answer = await timed(path, init)
      expect({ status: answer.status, what }).toEqual({ status: 503, what })
      expect(answer.retryAfter).toMatch(/^\d+$/)
      expect(JSON.parse(answer.body)).toEqual({ errors: [{ message: expect.stringMatching(/^The database is unavailable/) }] })
      expect({ elapsedMs: answer.elapsedMs < ANSWERED_WITHIN_MS, what }).toEqual({ elapsedMs: true, what })
    }
    expect((await timed('/readyz')).status).toBe(503)

    await database.start()
    expect(await waitFor('/readyz', 200)).toBe(200)
    expect(await waitFor('/api/users/me', 200, asEditor())).toBe(200)
    const me = JSON.parse((await timed('/api/users/me', asEditor())).body) as { user: null | { email: string } }
    expect(me.user?.email).toBe('outage-editor@example.org')
    // Nothing asked for during the outage was written afterwards.
    const names = JSON.parse((await timed('/api/authors?depth=0&limit=100', asEditor())).body) as { docs: { name: string; position?: string }[] }
    expect(names.docs.map((doc) => doc.name).sort()).toEqual(['Outage Author'])
    expect(names.docs[0].position).toBeUndefined()
  }, 180_000)
})

type Outcome = {
  /** The client gave up waiting (it does so on purpose for some requests). */
  abandoned?: boolean
  endedAt: number
  error?: string
  name: string
  retryAfter?: null | string
  startedAt: number
  status?: number
}

const WRITERS = 4
/** Every third request is given up by its client after this long, answered or not. */
const ABANDON_AFTER_MS = 1_000
const OUTAGE_MS = 6_000
/** Answers the outage must see before it ends: it lasts longer than OUTAGE_MS on a busy machine, up to MAX_OUTAGE_MS. */
const ANSWERED_DURING_OUTAGE = 6
const MAX_OUTAGE_MS = 40_000
/** Writes acknowledged after the restart before the load stops (waited for up to AFTER_RESTART_MS). */
const SERVED_AGAIN = 3
const AFTER_RESTART_MS = 30_000
const MAX_REQUESTS_PER_WRITER = 400

describe('the database killed under load, then started again', () => {
  it('answers every write 201 or 503 within seconds, loses no acknowledged write, and applies none answered with an error or abandoned', async () => {
    await ensureDatabaseRuns()
    const outcomes: Outcome[] = []
    let stop = false
    let serial = 0

    const writer = async () => {
      for (let count = 0; count < MAX_REQUESTS_PER_WRITER && !stop; count += 1) {
        const name = `Load contact ${(serial += 1)}`
        const abandon = serial % 3 === 0
        const outcome: Outcome = { endedAt: 0, name, startedAt: Date.now() }
        try {
          const response = await fetch(`${server.url}/api/contacts?depth=0`, {
            body: JSON.stringify({ kind: 'office', name, organization: 'association' }),
            headers: { Authorization: `JWT ${editorToken}`, 'Content-Type': 'application/json' },
            method: 'POST',
            signal: AbortSignal.timeout(abandon ? ABANDON_AFTER_MS : 30_000),
          })
          outcome.status = response.status
          outcome.retryAfter = response.headers.get('retry-after')
          await response.arrayBuffer()
        } catch (error) {
          if ((error as Error).name === 'TimeoutError' && abandon) outcome.abandoned = true
          else outcome.error = (error as Error).name
        }
        outcome.endedAt = Date.now()
        outcomes.push(outcome)
        if (outcome.status === 503 || outcome.abandoned) await new Promise((resolve) => setTimeout(resolve, 50))
      }
    }

    const writers = Array.from({ length: WRITERS }, () => writer())
    const warmUpEnds = Date.now() + 10_000
    while (outcomes.filter((outcome) => outcome.status === 201).length < 20 && Date.now() < warmUpEnds) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const killedAt = Date.now()
    killDatabase()
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS))
    // Not only a fixed time: on a busy machine fewer requests fit into it, so the outage lasts until enough were answered.
    const outageEndsBy = killedAt + MAX_OUTAGE_MS
    while (outcomes.filter((outcome) => outcome.startedAt > killedAt + 500).length < ANSWERED_DURING_OUTAGE && Date.now() < outageEndsBy) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const restartedAt = Date.now()
    await database.start()
    // Until the server has acknowledged writes again (not a fixed time: a busy machine takes longer to reconnect).
    const servedAgainBy = Date.now() + AFTER_RESTART_MS
    while (outcomes.filter((outcome) => outcome.status === 201 && outcome.startedAt > restartedAt).length < SERVED_AGAIN && Date.now() < servedAgainBy) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    stop = true
    await Promise.all(writers)
    // Time for any write still queued somewhere to land, if one were.
    await new Promise((resolve) => setTimeout(resolve, 3_000))

    const client = new MongoClient(database.uri(DATABASE_NAME))
    let stored: Set<string>
    try {
      await client.connect()
      // The name is localized: stored as { en: … }.
      const docs = await client.db().collection('contacts').find({ 'name.en': /^Load contact / }, { projection: { name: 1 } }).toArray()
      stored = new Set(docs.map((doc) => String((doc.name as { en: string }).en)))
    } finally {
      await client.close()
    }

    const acknowledged = outcomes.filter((outcome) => outcome.status === 201)
    const inFlightAtKill = (outcome: Outcome) => outcome.startedAt <= killedAt && outcome.endedAt >= killedAt
    // A request its client gave up on while the database was still there is an ordinary abandoned request:
    // the server may finish it then (HTTP has no cancel), which a busy machine makes likely. What must never
    // happen is a write refused or abandoned because of the outage being applied once the database is back.
    const abandonedBeforeTheOutage = (outcome: Outcome) => outcome.abandoned === true && outcome.endedAt < killedAt
    const refusedOrAbandoned = outcomes.filter((outcome) => outcome.status !== 201 && !inFlightAtKill(outcome) && !abandonedBeforeTheOutage(outcome))
    const duringOutage = outcomes.filter((outcome) => outcome.startedAt > killedAt + 500 && outcome.endedAt < restartedAt)

    // Bounds of the load itself.
    expect(acknowledged.length).toBeGreaterThanOrEqual(20)
    expect(duringOutage.length).toBeGreaterThanOrEqual(ANSWERED_DURING_OUTAGE)
    // Every answer is a 201 or a 503 with Retry-After; no request hung until its client gave up, other
    // than those given up on purpose after a second.
    expect(outcomes.filter((outcome) => outcome.error)).toEqual([])
    expect(outcomes.filter((outcome) => outcome.status !== undefined && outcome.status !== 201 && outcome.status !== 503)).toEqual([])
    expect(outcomes.filter((outcome) => outcome.status === 503 && !/^\d+$/.test(outcome.retryAfter ?? ''))).toEqual([])
    expect(outcomes.filter((outcome) => outcome.status !== undefined && outcome.endedAt - outcome.startedAt > ANSWERED_WITHIN_MS)).toEqual([])
    // While the database was away, writes were refused, not left waiting.
    expect(duringOutage.filter((outcome) => outcome.status === 503).length).toBeGreaterThan(0)
    expect(duringOutage.filter((outcome) => outcome.status === 201)).toEqual([])
    // The server served writes again by itself.
    expect(acknowledged.filter((outcome) => outcome.startedAt > restartedAt).length).toBeGreaterThan(0)

    // Every acknowledged write is stored; none answered with an error or abandoned is (except the few
    // on their way at the very moment of the kill, which the database may have committed before it died).
    expect(acknowledged.filter((outcome) => !stored.has(outcome.name)).map((outcome) => outcome.name)).toEqual([])
    const appliedAnyway = refusedOrAbandoned.filter((outcome) => stored.has(outcome.name) && outcome.startedAt < restartedAt - 3_000)
    expect(appliedAnyway.map((outcome) => ({ ...outcome, startedAfterKillMs: outcome.startedAt - killedAt }))).toEqual([])
  }, 180_000)
})
