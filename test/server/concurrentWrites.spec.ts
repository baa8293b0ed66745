import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { type Account, HttpApi } from '../helpers/adminUi'
import { JournalContent } from '../helpers/journalContent'
import { startProductionServer, type RunningServer } from '../helpers/productionServer'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'

/**
 * Two editors saving one document at the same moment, through the production
 * server over real connections: neither change is lost. Without If-Match
 * both are applied (writes to one document run one after the other); with
 * the same If-Match one is applied and the other is refused with 412.
 */

const ROUNDS = 10

let suite: SuiteContext
let server: RunningServer
let api: HttpApi
let admin: Account
let editor: Account

beforeAll(async () => {
  suite = await startPayloadForSuite('concurrent_writes')
  server = await startProductionServer({ databaseUri: process.env.DATABASE_URI!, env: { RATE_LIMIT_API_MAX: '0' } })
  api = new HttpApi(server.url)
  admin = await api.firstAdmin('concurrent')
  editor = await api.account(admin, 'editor', 'concurrent')
}, 180_000)

afterAll(async () => {
  await server?.stop()
  await suite?.close()
}, 60_000)

function patch(path: string, token: string, body: object, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    body: JSON.stringify(body),
    headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/json', ...headers },
    method: 'PATCH',
    signal: AbortSignal.timeout(30_000),
  })
}

async function newAuthor(name: string): Promise<string> {
  const created = await api.request<{ doc: { id: string } }>('POST', '/api/authors?depth=0', { body: { name }, token: admin.token })
  expect(created.status).toBe(201)
  return created.body.doc.id
}

describe('concurrent saves of one document through the production server', () => {
  it(`PATCHes of different fields sent at the same moment both keep their change (${ROUNDS} rounds)`, async () => {
    const lost: number[] = []
    for (let round = 0; round < ROUNDS; round += 1) {
      const id = await newAuthor(`Concurrent author ${round}`)
      const answers = await Promise.all([
        patch(`/api/authors/${id}?depth=0`, editor.token, { position: `Director ${round}` }),
        patch(`/api/authors/${id}?depth=0`, admin.token, { affiliation: `Institute ${round}` }),
      ])
      expect(answers.map((answer) => answer.status)).toEqual([200, 200])
      const stored = await suite.payload.findByID({ collection: 'authors', depth: 0, id })
      if (stored.position !== `Director ${round}` || stored.affiliation !== `Institute ${round}`) lost.push(round)
    }
    expect(lost).toEqual([])
  }, 120_000)

  it(`draft saves of different fields of one article sent at the same moment both keep their change (${ROUNDS} rounds)`, async () => {
    const content = new JournalContent(suite.payload)
    const section = await content.section({ title: 'Concurrent drafts' })
    const author = await content.author({ name: 'Drafting author' })
    const lost: number[] = []
    for (let round = 0; round < ROUNDS; round += 1) {
      const article = await content.article({ authors: [author.id], section: section.id, title: `Drafted ${round}` })
      const path = `/api/articles/${article.id}?draft=true&depth=0`
      const answers = await Promise.all([
        patch(path, editor.token, { _status: 'draft', subtitle: `Subtitle ${round}` }),
        patch(path, admin.token, { _status: 'draft', lead: `Lead ${round}` }),
      ])
      expect(answers.map((answer) => answer.status)).toEqual([200, 200])
      const latest = await suite.payload.findByID({ collection: 'articles', depth: 0, draft: true, id: article.id })
      if (latest.subtitle !== `Subtitle ${round}` || latest.lead !== `Lead ${round}`) lost.push(round)
    }
    expect(lost).toEqual([])
  }, 120_000)

  it(`PATCHes sent at the same moment with the same If-Match: one applied, the other 412 with nothing changed (${ROUNDS} rounds)`, async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const id = await newAuthor(`Raced author ${round}`)
      const read = await fetch(`${server.url}/api/authors/${id}`, { headers: { Authorization: `JWT ${editor.token}` } })
      const etag = read.headers.get('etag')!
      expect(etag).toMatch(/^"v\d+"$/)
      const answers = await Promise.all([
        patch(`/api/authors/${id}?depth=0`, editor.token, { position: 'From the editor' }, { 'If-Match': etag }),
        patch(`/api/authors/${id}?depth=0`, admin.token, { position: 'From the admin' }, { 'If-Match': etag }),
      ])
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 412])
      const refused = answers.find((answer) => answer.status === 412)!
      expect(refused.headers.get('content-type')).toMatch(/json/)
      const applied = (await answers.find((answer) => answer.status === 200)!.json()) as { doc: { position: string } }
      const stored = await suite.payload.findByID({ collection: 'authors', depth: 0, id })
      expect(stored.position).toBe(applied.doc.position)
    }
  }, 120_000)
})
