import { GRAPHQL_POST, REST_POST } from '@payloadcms/next/routes'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { withBadRequestStatus } from '../../src/graphql/badRequestStatus'
import { ConfigurationError } from '../../src/settings/configurationError'
import { readMaxApiBodyBytes } from '../../src/settings/environment'
import { MAX_JSON_DEPTH, withRequestLimits } from '../../src/http/requestLimits'
import type { Article, Contact } from '../../src/payload-types'
import { JournalContent } from '../helpers/journalContent'
import { photo } from '../helpers/mediaFiles'
import { readJson } from '../helpers/responses'
import { createRoleUsers, type RoleUsers } from '../helpers/roleUsers'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'

/**
 * Abusive request bodies through the API's route handlers: bodies over
 * API_MAX_BODY_KB (413), bodies that are not a JSON object, operators and
 * prototype keys inside JSON. Each is answered quickly with a 4xx and a
 * JSON message, or its offending keys are ignored; none changes a document
 * it should not, and nothing pollutes Object.prototype.
 */

let suite: SuiteContext
let users: RoleUsers
let article: Article
let contact: Contact

const LIMIT = readMaxApiBodyBytes()
const QUICK_MS = 2000

type ErrorBody = { errors: { message: string }[] }
type Handler = (request: Request, args: { params: Promise<{ slug: string[] }> }) => Promise<Response>

const CONTACT = { kind: 'office', name: 'Press office', organization: 'association' }

beforeAll(async () => {
  suite = await startPayloadForSuite('abuse-bodies')
  users = await createRoleUsers(suite, 'bodies')
  const content = new JournalContent(suite.payload)
  const section = await content.section({ title: 'World affairs' })
  const author = await content.author({ name: 'Li Wei' })
  article = await content.article({ authors: [author.id], section: section.id, title: 'Maritime order' })
  contact = await content.contact({ name: 'Reception' })
})

afterAll(async () => {
  await suite?.close()
})

async function snapshot(): Promise<string> {
  const all: Record<string, unknown> = {}
  for (const collection of ['articles', 'contacts', 'users'] as const) {
    all[collection] = (await suite.payload.find({ collection, depth: 0, draft: true, overrideAccess: true, pagination: false, sort: 'id' })).docs
  }
  all.versions = (await suite.payload.countVersions({ collection: 'articles', overrideAccess: true })).totalDocs
  return JSON.stringify(all)
}

async function expectRefused(response: Promise<Response> | Response, status: number, message: RegExp): Promise<void> {
  const started = Date.now()
  const settled = await response
  expect(settled.headers.get('content-type')).toMatch(/application\/json/)
  const { body } = await readJson<ErrorBody>(settled)
  expect(settled.status).toBe(status)
  expect(body.errors[0].message).toMatch(message)
  expect(Date.now() - started).toBeLessThan(QUICK_MS)
}

function expectNoPollution(): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  expect(Object.prototype).not.toHaveProperty('polluted')
  expect(Object.prototype).not.toHaveProperty('isAdmin')
}

/** A JSON body of exactly `bytes` bytes: a contact with padding in a key Payload ignores. */
function contactBodyOf(bytes: number): string {
  const empty = JSON.stringify({ ...CONTACT, padding: '' })
  return JSON.stringify({ ...CONTACT, padding: 'x'.repeat(bytes - empty.length) })
}

/** A body that never ends, and how many bytes of it were read. */
function endlessBody(): { read: () => number; stream: ReadableStream<Uint8Array> } {
  const chunk = new TextEncoder().encode(`{"padding":"${'x'.repeat(64 * 1024)}`)
  let read = 0
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      read += chunk.byteLength
      controller.enqueue(chunk)
    },
  })
  return { read: () => read, stream }
}

describe('bodies over the size limit', () => {
  it(`the limit is API_MAX_BODY_KB, 1024 KB unless set`, () => {
    expect(LIMIT).toBe(1024 * 1024)
  })

  it('a JSON body one byte over the limit gets 413 and creates nothing; one at the limit is read', async () => {
    const before = await snapshot()
    await expectRefused(suite.rest.post('/api/contacts', { body: contactBodyOf(LIMIT + 1), headers: { 'Content-Type': 'application/json' }, token: users.editor.token }), 413, /larger than the limit of 1048576 bytes/)
    await expectRefused(
      suite.rest.patch(`/api/articles/${article.id}`, { body: JSON.stringify({ padding: 'x'.repeat(LIMIT), title: 'Overwritten' }), headers: { 'Content-Type': 'application/json' }, token: users.editor.token }),
      413,
      /larger than the limit/,
    )
    expect(await snapshot()).toBe(before)

    const accepted = await suite.rest.post('/api/contacts', { body: contactBodyOf(LIMIT), headers: { 'Content-Type': 'application/json' }, token: users.editor.token })
    expect(accepted.status).toBe(201)
    const { doc } = (await accepted.json()) as { doc: Contact & { padding?: unknown } }
    expect(doc.name).toBe('Press office')
    expect(doc).not.toHaveProperty('padding')
    await suite.payload.delete({ collection: 'contacts', id: doc.id, overrideAccess: true })
  })

  it('a body declaring a length over the limit is refused before a byte of it is read', async () => {
    const handler = withRequestLimits(REST_POST(suite.config) as Handler, { api: 'rest', maxBodyBytes: LIMIT })
    const body = endlessBody()
    const request = new Request(`${suite.rest.serverUrl}/api/contacts`, {
      body: body.stream,
      duplex: 'half',
      headers: { 'Content-Length': String(LIMIT * 100), 'Content-Type': 'application/json' },
      method: 'POST',
    } as RequestInit)
    await expectRefused(handler(request, { params: Promise.resolve({ slug: ['contacts'] }) }), 413, /larger than the limit/)
    expect(body.read()).toBeLessThanOrEqual(2 * 64 * 1024)
  })

  it('a streamed body without a length is cut off once it passes the limit', async () => {
    const handler = withRequestLimits(REST_POST(suite.config) as Handler, { api: 'rest', maxBodyBytes: LIMIT })
    const body = endlessBody()
    const request = new Request(`${suite.rest.serverUrl}/api/contacts`, {
      body: body.stream,
      duplex: 'half',
      headers: { Authorization: `JWT ${users.editor.token}`, 'Content-Type': 'application/json' },
      method: 'POST',
    } as RequestInit)
    const before = await snapshot()
    await expectRefused(handler(request, { params: Promise.resolve({ slug: ['contacts'] }) }), 413, /larger than the limit/)
    expect(body.read()).toBeGreaterThan(LIMIT)
    expect(body.read()).toBeLessThan(LIMIT + 4 * 64 * 1024)
    expect(await snapshot()).toBe(before)
  })

  it('GraphQL queries and form-encoded queries (POST with X-HTTP-Method-Override: GET) have the same limit', async () => {
    const graphql = withRequestLimits(withBadRequestStatus(GRAPHQL_POST(suite.config) as (request: Request) => Promise<Response>), {
      maxBodyBytes: LIMIT,
      api: 'graphql',
    })
    const query = `{ Articles(limit: 1) { docs { title } } } # ${'x'.repeat(LIMIT)}`
    await expectRefused(suite.rest.graphql(query), 413, /larger than the limit/)
    const small = await graphql(new Request(`${suite.rest.serverUrl}/api/graphql`, { body: JSON.stringify({ query: '{ Articles(limit: 1) { docs { title } } }' }), headers: { 'Content-Type': 'application/json' }, method: 'POST' }))
    expect(small.status).toBe(200)

    const form = `where[title][equals]=${'x'.repeat(LIMIT)}`
    await expectRefused(
      suite.rest.post('/api/articles', { body: form, headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-HTTP-Method-Override': 'GET' } }),
      413,
      /larger than the limit/,
    )
    const found = await suite.rest.post('/api/articles', {
      body: 'where[title][equals]=Maritime%20order',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-HTTP-Method-Override': 'GET' },
    })
    expect(((await found.json()) as { totalDocs: number }).totalDocs).toBe(1)
  })
})

describe('bodies that are not a JSON object', () => {
  it('invalid JSON, JSON that is not an object, and bodies of other types get 400 or 415, and change nothing', async () => {
    const before = await snapshot()
    const json = { 'Content-Type': 'application/json' }
    for (const [body, status, message] of [
      ['{"name": "Press office",', 400, /not valid JSON/],
      ['null', 400, /must be a JSON object/],
      ['"Press office"', 400, /must be a JSON object/],
      ['42', 400, /must be a JSON object/],
      ['[{"name": "Press office"}]', 400, /must be a JSON object/],
      [new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), 400, /not valid JSON/],
    ] as const) {
      const sent = typeof body === 'string' ? body : new Blob([body])
      await expectRefused(suite.rest.post('/api/contacts', { body: sent, headers: json, token: users.editor.token }), status, message)
      await expectRefused(suite.rest.patch(`/api/contacts/${contact.id}`, { body: sent, headers: json, token: users.editor.token }), status, message)
    }
    await expectRefused(
      suite.rest.post('/api/contacts', { body: JSON.stringify(CONTACT), headers: { 'Content-Type': 'text/plain' }, token: users.editor.token }),
      415,
      /application\/json/,
    )
    // A multipart body that cannot be split into parts, over REST and GraphQL.
    const noBoundary = { 'Content-Type': 'multipart/form-data' }
    await expectRefused(suite.rest.post('/api/contacts', { body: JSON.stringify(CONTACT), headers: noBoundary, token: users.editor.token }), 400, /boundary/)
    await expectRefused(suite.rest.graphql('{ Contacts { totalDocs } }', {}, { headers: noBoundary }), 400, /boundary/)
    // Payload reads a JSON body sent with X-HTTP-Method-Override: GET without catching a parse error.
    await expectRefused(suite.rest.post('/api/articles', { body: '{"where":', headers: { ...json, 'X-HTTP-Method-Override': 'GET' } }), 400, /not valid JSON/)
    expect(await snapshot()).toBe(before)
  })

  it('operators in a JSON body are values, not queries: a login with {"$ne": null} is refused', async () => {
    const response = await suite.rest.post('/api/users/login', { body: { email: { $ne: null }, password: { $ne: null } } })
    expect(response.status).toBe(400)
    const body = (await response.json()) as { token?: string }
    expect(body.token).toBeUndefined()
  })
})

describe('bodies nested too deep, of the wrong kind or shape', () => {
  function nested(levels: number, open: string, close: string): string {
    return `${open.repeat(levels)}1${close.repeat(levels)}`
  }

  it(`JSON nested more than ${MAX_JSON_DEPTH} levels is refused with 400 before Payload walks it, in bodies and in data=`, async () => {
    const before = await snapshot()
    for (const [open, close] of [['{"a":', '}'], ['[', ']']]) {
      for (const levels of [MAX_JSON_DEPTH, 5_000, 150_000]) {
        const body = `{"name":${nested(levels, open, close)},"kind":"office","organization":"association"}`
        await expectRefused(
          suite.rest.post('/api/contacts', { body, headers: { 'Content-Type': 'application/json' }, token: users.editor.token }),
          400,
          /nests more than 1000 levels/,
        )
      }
    }
    await expectRefused(suite.rest.get(`/api/articles?data=${encodeURIComponent(nested(MAX_JSON_DEPTH + 1, '[', ']'))}`), 400, /data nests more than 1000 levels/)
    expect(await snapshot()).toBe(before)
    // An ordinary body is still taken.
    const accepted = await suite.rest.post('/api/contacts', { body: { ...CONTACT, name: 'Deep enough' }, token: users.editor.token })
    expect(accepted.status).toBe(201)
  })

  it('a multipart upload whose JSON part nests thousands of levels is a 400, not a 500', async () => {
    const form = new FormData()
    form.append('_payload', `{"alt":${nested(20_000, '[', ']')}}`)
    form.append('file', new Blob([new Uint8Array(await photo({ height: 8, width: 8 }, 'png'))], { type: 'image/png' }), 'deep.png')
    const response = await suite.rest.post('/api/media', { body: form, token: users.editor.token })
    expect(response.status).toBe(400)
    expect(((await response.json()) as ErrorBody).errors[0].message).toMatch(/nests too deeply/)
  })

  it('a title that is not text (an object, a list) is a 400 naming the field, not a 500', async () => {
    const before = await snapshot()
    for (const name of [{ a: { b: 'c' } }, ['x'], 17]) {
      const { body, status } = await readJson<ErrorBody>(suite.rest.post('/api/authors', { body: { name }, token: users.editor.token }))
      expect({ name, status }).toEqual({ name, status: 400 })
      expect(JSON.stringify(body.errors)).toMatch(/name/)
    }
    expect(await snapshot()).toBe(before)
  })

  it('GraphQL takes JSON only: multipart and other bodies, of any size, get 415 with a JSON message', async () => {
    const form = new FormData()
    form.append('operations', JSON.stringify({ query: '{ __typename }' }))
    form.append('file', new Blob([new Uint8Array(LIMIT + 10)]), 'big.bin')
    const requests = [
      new Request(`${suite.rest.serverUrl}/api/graphql`, { body: form, method: 'POST' }),
      new Request(`${suite.rest.serverUrl}/api/graphql`, { body: 'x'.repeat(LIMIT * 2), headers: { 'Content-Type': 'multipart/form-data; boundary=xx' }, method: 'POST' }),
      new Request(`${suite.rest.serverUrl}/api/graphql`, { body: 'query { __typename }', headers: { 'Content-Type': 'text/plain' }, method: 'POST' }),
    ]
    for (const request of requests) await expectRefused(suite.rest.send(request), 415, /Send GraphQL requests as application\/json/)
  })
})

describe('prototype keys in JSON bodies', () => {
  it('__proto__ and constructor keys are ignored when creating or updating, and pollute nothing', async () => {
    const before = await snapshot()
    const created = await suite.rest.post('/api/contacts', {
      body: `{"__proto__": {"polluted": "yes", "isAdmin": true}, "constructor": {"prototype": {"polluted": "yes"}}, "name": "Polluter", "kind": "office", "organization": "association", "phones": [{"__proto__": {"polluted": "yes"}, "number": "+86 10 1234 5678"}]}`,
      headers: { 'Content-Type': 'application/json' },
      token: users.editor.token,
    })
    expect(created.status).toBe(201)
    const { doc } = (await created.json()) as { doc: Contact }
    expectNoPollution()
    const stored = await suite.payload.findByID({ collection: 'contacts', depth: 0, id: doc.id, overrideAccess: true })
    expect(Object.keys(stored)).not.toContain('polluted')
    expect(JSON.stringify(stored)).not.toMatch(/polluted|__proto__|isAdmin/)
    expect(stored.phones?.[0].number).toBe('+86 10 1234 5678')

    const updated = await suite.rest.patch(`/api/articles/${article.id}`, {
      body: '{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}, "authors": {"__proto__": []}}',
      headers: { 'Content-Type': 'application/json' },
      token: users.editor.token,
    })
    expect(updated.status).toBeLessThan(500)
    expectNoPollution()
    const reread = await suite.payload.findByID({ collection: 'articles', depth: 0, id: article.id, overrideAccess: true })
    expect(JSON.stringify(reread)).not.toMatch(/polluted/)
    expect(reread.authors).toEqual(article.authors.map((author) => (typeof author === 'object' ? author.id : author)))

    await suite.payload.delete({ collection: 'contacts', id: doc.id, overrideAccess: true })
    expect(await snapshot()).toBe(before)
  })

  it('over GraphQL, a __proto__ key in the variables is not a field of the input, and pollutes nothing', async () => {
    const before = await snapshot()
    const variables = JSON.parse('{"data": {"__proto__": {"polluted": "yes"}, "name": "Polluter", "kind": "office", "organization": "association"}}') as Record<string, unknown>
    const { body } = await readJson<{ data?: { createContact?: { id: string } | null }; errors?: unknown[] }>(
      suite.rest.graphql('mutation ($data: mutationContactInput!) { createContact(data: $data) { id } }', variables, { token: users.editor.token }),
    )
    expectNoPollution()
    const id = body.data?.createContact?.id
    if (id) {
      const stored = await suite.payload.findByID({ collection: 'contacts', depth: 0, id, overrideAccess: true })
      expect(JSON.stringify(stored)).not.toMatch(/polluted/)
      await suite.payload.delete({ collection: 'contacts', id, overrideAccess: true })
    } else {
      expect(body.errors?.length).toBeGreaterThan(0)
    }
    expect(await snapshot()).toBe(before)
  })
})

describe('API_MAX_BODY_KB', () => {
  it('is a whole number of kilobytes from 1 to 102400; a bad value stops the start naming the setting', () => {
    expect(readMaxApiBodyBytes({})).toBe(1024 * 1024)
    expect(readMaxApiBodyBytes({ API_MAX_BODY_KB: '64' })).toBe(64 * 1024)
    for (const value of ['0', '102401', '1.5', 'lots', '-1']) {
      expect(() => readMaxApiBodyBytes({ API_MAX_BODY_KB: value })).toThrow(ConfigurationError)
      expect(() => readMaxApiBodyBytes({ API_MAX_BODY_KB: value })).toThrow(/^API_MAX_BODY_KB must be a whole number from 1 to 102400/)
    }
  })
})
