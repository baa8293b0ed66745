/**
 * `npm run soak`: holds concurrent reads and writes against the production
 * server for a set time and reports errors, lost writes and memory growth.
 * Not a test: a tool to run before a release or after a change to the
 * server's hot paths. It starts its own database (the embedded one) and
 * `dist/server.js` (run `npm run build` first) on free ports, so it never
 * touches a real deployment.
 *
 * Every write the server acknowledges (201/200) is recorded and read back
 * at the end: a write acknowledged but not found, or found with other
 * content, is a lost write. The server's resident memory is sampled every
 * second; growth is the last minute's average over the first minute's
 * (after warm-up). Exit code 0 when there were no errors and no lost
 * writes, 1 otherwise, 2 for a wrong command line.
 */
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import { parseArgs } from 'node:util'

import { startOwnProductionServer, type OwnProductionServer } from './lib/ownProductionServer'
import { lexicalBody } from '../src/import/lexicalBody'

const USAGE = `Usage: npm run soak -- [--duration 600] [--readers 8] [--writers 2] [--json file]

Starts the production build on its own database and holds the load for the
given time (seconds), then prints what happened.

Options:
  --duration  seconds of load (default 600)
  --readers   concurrent readers: website calls, lists, search (default 8)
  --writers   concurrent writers: create, update and publish articles (default 2)
  --json      also write the report to this file
  --help      this text`

type Options = { duration: number; json?: string; readers: number; writers: number }

function readOptions(): Options | 'help' {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      duration: { default: '600', type: 'string' },
      help: { type: 'boolean' },
      json: { type: 'string' },
      readers: { default: '8', type: 'string' },
      writers: { default: '2', type: 'string' },
    },
  })
  if (values.help) return 'help'
  const positive = (name: string, value: string, max: number) => {
    const number = Number(value)
    if (!Number.isInteger(number) || number < 1 || number > max) throw new Error(`--${name} must be a whole number from 1 to ${max}`)
    return number
  }
  return {
    duration: positive('duration', values.duration, 86_400),
    json: values.json,
    readers: positive('readers', values.readers, 256),
    writers: positive('writers', values.writers, 64),
  }
}

/** Resident memory of a process in MB (Linux), or null where /proc is not available. */
function residentMegabytes(pid: number): null | number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(status)
    return match ? Number(match[1]) / 1024 : null
  } catch {
    return null
  }
}

type Tally = { byStatus: Map<string, number>; requests: number }

class Client {
  readonly tally: Tally = { byStatus: new Map(), requests: 0 }

  constructor(
    private readonly baseUrl: string,
    private readonly token?: string,
  ) {}

  async call(method: string, requestPath: string, body?: unknown): Promise<{ json: unknown; status: number }> {
    this.tally.requests += 1
    try {
      const response = await fetch(`${this.baseUrl}${requestPath}`, {
        body: body === undefined ? undefined : JSON.stringify(body),
        headers: {
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...(this.token ? { Authorization: `JWT ${this.token}` } : {}),
        },
        method,
      })
      const text = await response.text()
      const key = response.status >= 400 ? `${response.status}` : '2xx/3xx'
      this.tally.byStatus.set(key, (this.tally.byStatus.get(key) ?? 0) + 1)
      return { json: text ? (JSON.parse(text) as unknown) : null, status: response.status }
    } catch (error) {
      const key = `network: ${(error as Error).message}`
      this.tally.byStatus.set(key, (this.tally.byStatus.get(key) ?? 0) + 1)
      return { json: null, status: 0 }
    }
  }
}

type Written = { id: string; title: string }

/** A body of one paragraph, as the admin UI stores it. */
const paragraphBody = (text: string) => lexicalBody([{ kind: 'paragraph', text }])

async function main(): Promise<number> {
  let options: Options
  try {
    const read = readOptions()
    if (read === 'help') {
      console.log(USAGE)
      return 0
    }
    options = read
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`)
    return 2
  }

  let server: OwnProductionServer | undefined
  try {
    // One client address makes all the load: the budgets meant for the public do not apply.
    server = await startOwnProductionServer({ RATE_LIMIT_API_MAX: '0', RATE_LIMIT_AUTH_MAX: '10000' })
    const anonymous = new Client(server.url)
    const password = `soak ${randomUUID()}`
    const registered = await anonymous.call('POST', '/api/users/first-register', { email: 'soak@example.org', name: 'Soak', password })
    const token = (registered.json as { token?: string }).token
    if (!token) throw new Error(`first-register failed (${registered.status})`)
    const editor = new Client(server.url, token)
    const section = await editor.call('POST', '/api/sections', { slug: 'soak', title: 'Soak' })
    const author = await editor.call('POST', '/api/authors', { name: 'Soak Author', slug: 'soak-author' })
    const sectionId = (section.json as { doc: { id: string } }).doc.id
    const authorId = (author.json as { doc: { id: string } }).doc.id

    const written = new Map<string, Written>()
    const endAt = Date.now() + options.duration * 1000
    const memory: { at: number; mb: number }[] = []
    const sampler = setInterval(() => {
      const mb = server?.process.pid ? residentMegabytes(server.process.pid) : null
      if (mb !== null) memory.push({ at: Date.now(), mb })
    }, 1000)

    let serial = 0
    const writer = async (client: Client) => {
      while (Date.now() < endAt) {
        serial += 1
        const title = `Soak article ${serial} ${randomUUID().slice(0, 8)}`
        const created = await client.call('POST', '/api/articles', {
          _status: 'published',
          authors: [authorId],
          body: paragraphBody(`Body of ${title}.`),
          lead: `Lead of ${title}.`,
          section: sectionId,
          title,
        })
        const doc = (created.json as { doc?: { id: string } } | null)?.doc
        if (created.status !== 201 || !doc) continue
        written.set(doc.id, { id: doc.id, title })
        if (serial % 3 === 0) {
          const retitled = `${title} (revised)`
          const updated = await client.call('PATCH', `/api/articles/${doc.id}`, { _status: 'published', title: retitled })
          if (updated.status === 200) written.set(doc.id, { id: doc.id, title: retitled })
        }
      }
    }
    const reader = async (client: Client) => {
      const paths = ['/api/website/home', '/api/website/sections/soak', '/api/articles?depth=1&limit=10', '/api/search?q=soak', '/api/contacts/directory']
      let turn = 0
      while (Date.now() < endAt) {
        turn += 1
        await client.call('GET', paths[turn % paths.length])
      }
    }

    const writers = Array.from({ length: options.writers }, () => new Client(server!.url, token))
    const readers = Array.from({ length: options.readers }, () => new Client(server!.url))
    console.log(`Soaking ${server.url} for ${options.duration} s: ${options.readers} readers, ${options.writers} writers, ${server.databaseKind}`)
    await Promise.all([...writers.map(writer), ...readers.map(reader)])
    clearInterval(sampler)

    // Every acknowledged write, read back.
    const lost: string[] = []
    for (const entry of written.values()) {
      const found = await editor.call('GET', `/api/articles/${entry.id}?depth=0`)
      if (found.status !== 200 || (found.json as { title?: string }).title !== entry.title) lost.push(entry.id)
    }

    const tallies = [...writers, ...readers].map((client) => client.tally)
    const byStatus = new Map<string, number>()
    for (const tally of tallies) for (const [key, count] of tally.byStatus) byStatus.set(key, (byStatus.get(key) ?? 0) + count)
    const requests = tallies.reduce((sum, tally) => sum + tally.requests, 0)
    const errors = [...byStatus].filter(([key]) => key !== '2xx/3xx').reduce((sum, [, count]) => sum + count, 0)
    const average = (samples: { mb: number }[]) => (samples.length ? samples.reduce((sum, sample) => sum + sample.mb, 0) / samples.length : 0)
    const warm = memory.filter((sample) => sample.at >= memory[0]?.at + 10_000)
    const firstMinute = average(warm.filter((sample) => sample.at < warm[0]?.at + 60_000))
    const lastMinute = average(warm.filter((sample) => sample.at > (warm.at(-1)?.at ?? 0) - 60_000))
    const report = {
      database: server.databaseKind,
      durationSeconds: options.duration,
      errors,
      lostWrites: lost.length,
      lostWriteIds: lost,
      memoryMb: {
        firstMinuteAverage: Math.round(firstMinute),
        growth: firstMinute ? Number((lastMinute / firstMinute).toFixed(3)) : null,
        lastMinuteAverage: Math.round(lastMinute),
        peak: Math.round(Math.max(0, ...memory.map((sample) => sample.mb))),
      },
      readers: options.readers,
      requests,
      requestsPerSecond: Math.round(requests / options.duration),
      responses: Object.fromEntries(byStatus),
      writesAcknowledged: written.size,
      writers: options.writers,
    }
    console.log(JSON.stringify(report, null, 2))
    if (options.json) fs.writeFileSync(options.json, `${JSON.stringify(report, null, 2)}\n`)
    return errors === 0 && lost.length === 0 ? 0 : 1
  } finally {
    await server?.stop()
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Soak failed: ${(error as Error).message}`)
    process.exit(1)
  },
)
