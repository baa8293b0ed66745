import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { fieldSchemasToFormState } from '@payloadcms/ui/forms/fieldSchemasToFormState'
import { createLocalReq, type Data } from 'payload'

import type { Article, Author, Section, WebhookDelivery } from '../../src/payload-types'
import type { WebhookEvent } from '../../src/webhooks/events'
import { JournalContent } from '../helpers/journalContent'
import { OpenApiSchemas } from '../helpers/openApi'
import { invalidFieldPaths, readJson, type ApiErrorBody } from '../helpers/responses'
import { createRoleUsers, type RoleUsers } from '../helpers/roleUsers'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'
import { Receiver, verifySignature, type ReceivedRequest } from './receiver'

const RETRY_DELAY_MS = 250
const MAX_ATTEMPTS = 3

let suite: SuiteContext
let users: RoleUsers
let content: JournalContent
let website: Receiver
let directoryMirror: Receiver
const directorySecret = randomBytes(32).toString('hex')

let journals: Section
let masterForum: Section
let yuanZheng: Author
let endpoint: { id: string; secret: string }
let article: Article

const ENVIRONMENT_KEYS = [
  'JOBS_AUTORUN_CRON',
  'WEBHOOK_ALLOW_PRIVATE_TARGETS',
  'WEBHOOK_ENDPOINTS',
  'WEBHOOK_MAX_ATTEMPTS',
  'WEBHOOK_RETRY_DELAY_MS',
  'WEBHOOK_TIMEOUT_MS',
]
const savedEnvironment = Object.fromEntries(ENVIRONMENT_KEYS.map((key) => [key, process.env[key]]))

type Doc<T> = { doc: T } & ApiErrorBody

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** The log entries of one document's events, oldest first. */
async function deliveriesFor(documentId: string): Promise<WebhookDelivery[]> {
  const { docs } = await suite.payload.find({
    collection: 'webhook-deliveries',
    depth: 0,
    pagination: false,
    sort: 'createdAt',
    where: { documentId: { equals: documentId } },
  })
  return docs
}

async function delivery(id: string): Promise<WebhookDelivery> {
  return suite.payload.findByID({ collection: 'webhook-deliveries', depth: 0, id })
}

/** Runs the webhooks queue, as the server's cron does, until `done` or the time is up. */
async function runQueueUntil(done: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('the webhooks queue did not get there in time')
    await suite.payload.jobs.run({ queue: 'webhooks', silent: true })
    await sleep(25)
  }
}

async function deliveredOnce(deliveryId: string): Promise<ReceivedRequest> {
  await runQueueUntil(async () => (await delivery(deliveryId)).status !== 'pending')
  const received = website.requestsFor(deliveryId)
  expect(received).toHaveLength(1)
  return received[0]
}

function eventOf(request: ReceivedRequest): WebhookEvent {
  return JSON.parse(request.body) as WebhookEvent
}

function bothLocales(path: (locale: string) => string): string[] {
  return ['en', 'zh'].map(path)
}

beforeAll(async () => {
  website = await Receiver.start()
  directoryMirror = await Receiver.start()
  Object.assign(process.env, {
    WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
    WEBHOOK_ENDPOINTS: JSON.stringify([
      { collections: ['contacts'], name: 'directory mirror', secret: directorySecret, url: directoryMirror.url('/directory') },
    ]),
    WEBHOOK_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
    WEBHOOK_RETRY_DELAY_MS: String(RETRY_DELAY_MS),
    WEBHOOK_TIMEOUT_MS: '1000',
  })
  delete process.env.JOBS_AUTORUN_CRON
  suite = await startPayloadForSuite('webhooks')
  users = await createRoleUsers(suite, 'webhooks')
  content = new JournalContent(suite.payload)
  // Made before any endpoint exists: these announce nothing.
  journals = await content.section({ slug: 'journals', title: 'Journals' })
  masterForum = await content.section({ parent: journals.id, slug: 'master-forum', title: 'Master forum' })
  yuanZheng = await content.author({ name: 'Yuan Zheng', slug: 'yuan-zheng' })
})

afterAll(async () => {
  await suite?.close()
  await website?.stop()
  await directoryMirror?.stop()
  for (const [key, value] of Object.entries(savedEnvironment)) {
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
})

describe('webhook endpoints', () => {
  it('are created by admins, who get the generated secret once; afterwards only a hint', async () => {
    const created = await readJson<Doc<{ id: string; secret?: string; secretHint?: string; signingSecret?: string }>>(
      suite.rest.post('/api/webhook-endpoints', {
        body: { name: 'Website', url: website.url() },
        token: users.admin.token,
      }),
    )
    expect(created.status).toBe(201)
    const { secret } = created.body.doc
    expect(secret).toMatch(/^whsec_[0-9a-f]{64}$/)
    expect(created.body.doc.secretHint).toBe(`…${secret!.slice(-4)}`)
    expect(created.body.doc).not.toHaveProperty('signingSecret')
    endpoint = { id: created.body.doc.id, secret: secret! }

    const read = await readJson<Record<string, unknown>>(
      suite.rest.get(`/api/webhook-endpoints/${endpoint.id}`, { token: users.admin.token }),
    )
    expect(read.status).toBe(200)
    expect(read.body.secret ?? null).toBeNull()
    expect(read.body).not.toHaveProperty('signingSecret')
    expect(read.body.secretHint).toBe(`…${secret!.slice(-4)}`)
    expect(JSON.stringify(read.body)).not.toContain(secret!.slice(6, 30))

    const listed = await readJson<{ docs: Record<string, unknown>[] }>(
      suite.rest.get('/api/webhook-endpoints?depth=0', { token: users.admin.token }),
    )
    expect(JSON.stringify(listed.body)).not.toContain(secret!.slice(6, 30))
    const graphql = await readJson<{ data: { WebhookEndpoints: { docs: { secret: null | string; secretHint: string }[] } } }>(
      suite.rest.graphql('{ WebhookEndpoints { docs { secret secretHint } } }', {}, { token: users.admin.token }),
    )
    expect(graphql.body.data.WebhookEndpoints.docs).toEqual([{ secret: null, secretHint: `…${secret!.slice(-4)}` }])
  })

  it('keep their secret through an update that does not replace it, and take a new one of at least 32 characters', async () => {
    const renamed = await suite.rest.patch(`/api/webhook-endpoints/${endpoint.id}`, {
      body: { description: 'Revalidates the website’s pages' },
      token: users.admin.token,
    })
    expect(renamed.status).toBe(200)
    const stored = await suite.payload.findByID({ collection: 'webhook-endpoints', id: endpoint.id, showHiddenFields: true })
    expect(stored.signingSecret).toBe(endpoint.secret)

    const tooShort = await readJson<ApiErrorBody>(
      suite.rest.patch(`/api/webhook-endpoints/${endpoint.id}`, { body: { secret: 'short' }, token: users.admin.token }),
    )
    expect(tooShort.status).toBe(400)
    expect(invalidFieldPaths(tooShort.body)).toEqual(['secret'])

    const replacement = randomBytes(24).toString('hex')
    const rotated = await readJson<Doc<{ secret?: null; secretHint: string }>>(
      suite.rest.patch(`/api/webhook-endpoints/${endpoint.id}`, { body: { secret: replacement }, token: users.admin.token }),
    )
    expect(rotated.status).toBe(200)
    expect(rotated.body.doc.secretHint).toBe(`…${replacement.slice(-4)}`)
    expect(rotated.body.doc.secret ?? null).toBeNull()
    endpoint.secret = replacement
  })

  it("are offered a generated secret on the admin UI's create form, and show none when edited", async () => {
    const admin = await suite.payload.findByID({ collection: 'users', id: users.admin.id })
    const req = await createLocalReq({ user: { ...admin, collection: 'users' } }, suite.payload)
    const formState = (operation: 'create' | 'update', data: Data) =>
      fieldSchemasToFormState({
        collectionSlug: 'webhook-endpoints',
        data,
        fields: suite.payload.collections['webhook-endpoints'].config.fields,
        fieldSchemaMap: undefined,
        operation,
        permissions: true,
        preferences: { fields: {} },
        renderAllFields: false,
        req,
        schemaPath: 'webhook-endpoints',
        skipValidation: true,
      })
    const createForm = await formState('create', {})
    expect(createForm.secret?.value).toMatch(/^whsec_[0-9a-f]{64}$/)

    const stored = await suite.payload.findByID({ collection: 'webhook-endpoints', id: endpoint.id, overrideAccess: false, user: admin })
    const editForm = await formState('update', stored)
    expect(editForm.secret?.value ?? null).toBeNull()
    expect(editForm.secretHint?.value).toBe(`…${endpoint.secret.slice(-4)}`)
  })

  it('accept http(s) targets only, without credentials', async () => {
    for (const url of ['ftp://www.example.org/hook', 'https://user:password@www.example.org/hook', 'http://0.0.0.0:8080/', 'not a url']) {
      const refused = await readJson<ApiErrorBody>(
        suite.rest.post('/api/webhook-endpoints', { body: { name: 'Refused', url }, token: users.admin.token }),
      )
      expect([url, refused.status, invalidFieldPaths(refused.body)]).toEqual([url, 400, ['url']])
    }
  })

  it('and the delivery log are for admins only', async () => {
    for (const role of ['editor', 'contacts'] as const) {
      const token = users[role].token
      expect((await suite.rest.get('/api/webhook-endpoints', { token })).status).toBe(403)
      expect((await suite.rest.get('/api/webhook-deliveries', { token })).status).toBe(403)
      expect((await suite.rest.post('/api/webhook-endpoints', { body: { name: 'Mine', url: website.url() }, token })).status).toBe(403)
    }
    expect((await suite.rest.get('/api/webhook-deliveries')).status).toBe(403)
    expect((await suite.rest.get('/api/webhook-deliveries', { token: users.admin.token })).status).toBe(200)
    expect((await suite.rest.post('/api/webhook-deliveries', { body: {}, token: users.admin.token })).status).toBe(403)
  })
})

describe('change notifications', () => {
  it('publishing an article sends a signed article.published event naming the pages it changes', async () => {
    const created = await readJson<Doc<Article>>(
      suite.rest.post('/api/articles', {
        body: { _status: 'published', authors: [yuanZheng.id], section: masterForum.id, slug: 'us-japan-alliance', title: 'The US-Japan Alliance' },
        token: users.editor.token,
      }),
    )
    expect(created.status).toBe(201)
    article = created.body.doc
    const [logged] = await deliveriesFor(article.id)
    expect(logged).toMatchObject({ attempts: 0, endpointName: 'Website', eventType: 'article.published', status: 'pending' })

    const request = await deliveredOnce(logged.id)
    expect(request.method).toBe('POST')
    expect(request.path).toBe('/webhooks')
    expect(request.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(request.headers['journal-event']).toBe('article.published')
    expect(request.headers['journal-delivery']).toBe(logged.id)
    expect(verifySignature(request, endpoint.secret)).toBe(true)

    const event = eventOf(request)
    // The event is what the published API document promises receivers.
    const document = await readJson<{ components: Record<string, unknown> }>(suite.rest.get('/api/openapi.json'))
    new OpenApiSchemas(document.body).expectValidAs('WebhookEvent', event, 'the article.published event')
    expect(event).toEqual({
      action: 'published',
      collection: 'articles',
      document: { id: article.id, slug: { en: 'us-japan-alliance', zh: 'us-japan-alliance' } },
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      occurredAt: expect.any(String),
      paths: expect.any(Array),
      type: 'article.published',
    })
    expect(new Set(event.paths)).toEqual(
      new Set([
        ...bothLocales((locale) => `/${locale}/articles/us-japan-alliance`),
        ...bothLocales((locale) => `/${locale}/sections/journals`),
        ...bothLocales((locale) => `/${locale}/sections/journals/master-forum`),
        ...bothLocales((locale) => `/${locale}/authors/yuan-zheng`),
        ...bothLocales((locale) => `/${locale}`),
      ]),
    )
    expect(await delivery(logged.id)).toMatchObject({
      attempts: 1,
      deliveredAt: expect.any(String),
      lastResponseStatus: 200,
      payload: event,
      status: 'delivered',
    })
  })

  it('drafts notify nobody; publishing, updating, unpublishing and deleting do', async () => {
    const token = users.editor.token
    const base = { authors: [yuanZheng.id], section: masterForum.id }
    const draft = await readJson<Doc<Article>>(
      suite.rest.post('/api/articles?draft=true', { body: { ...base, _status: 'draft', slug: 'work-in-progress', title: 'Work in progress' }, token }),
    )
    expect(draft.status).toBe(201)
    const id = draft.body.doc.id
    const patch = async (query: string, body: object) => {
      const response = await suite.rest.patch(`/api/articles/${id}${query}`, { body, token })
      expect(response.status).toBe(200)
    }
    const types = async () => (await deliveriesFor(id)).map((entry) => entry.eventType)

    await patch('?draft=true&autosave=true', { title: 'Work in progress, continued' })
    expect(await types()).toEqual([])

    await patch('', { _status: 'published' })
    expect(await types()).toEqual(['article.published'])

    await patch('?draft=true', { _status: 'draft', title: 'A newer draft nobody reads yet' })
    expect(await types()).toEqual(['article.published'])

    await patch('', { _status: 'published', title: 'Work published' })
    expect(await types()).toEqual(['article.published', 'article.updated'])

    await patch('', { _status: 'draft' })
    expect(await types()).toEqual(['article.published', 'article.updated', 'article.unpublished'])
    const [unpublished] = (await deliveriesFor(id)).slice(-1)
    expect((unpublished.payload as WebhookEvent).paths).toContain('/zh/articles/work-in-progress')

    // Deleting what readers no longer see announces nothing; deleting what they see does.
    expect((await suite.rest.delete(`/api/articles/${id}`, { token })).status).toBe(200)
    expect(await types()).toEqual(['article.published', 'article.updated', 'article.unpublished'])

    const shown = await content.article({ ...base, slug: 'to-be-deleted', title: 'To be deleted' })
    expect((await suite.rest.delete(`/api/articles/${shown.id}`, { token })).status).toBe(200)
    const deleted = await deliveriesFor(shown.id)
    expect(deleted.map((entry) => entry.eventType)).toEqual(['article.published', 'article.deleted'])
    expect((deleted[1].payload as WebhookEvent).paths).toEqual(expect.arrayContaining(['/en/articles/to-be-deleted', '/en/authors/yuan-zheng']))
  })

  it('a failed delivery is retried after a wait that doubles, then delivered', async () => {
    const renamed = await suite.rest.patch(`/api/authors/${yuanZheng.id}`, {
      body: { position: 'Director of Department of American Diplomacy' },
      token: users.editor.token,
    })
    expect(renamed.status).toBe(200)
    const [logged] = (await deliveriesFor(yuanZheng.id)).filter((entry) => entry.eventType === 'author.updated')
    website.answerDelivery(logged.id, 500, 503)

    await runQueueUntil(() => website.requestsFor(logged.id).length === 1)
    expect(await delivery(logged.id)).toMatchObject({
      attempts: 1,
      lastError: 'The receiver answered 500: failing on purpose with 500',
      lastResponseStatus: 500,
      nextAttemptAt: expect.any(String),
      status: 'pending',
    })
    await runQueueUntil(async () => (await delivery(logged.id)).status !== 'pending')

    const attempts = website.requestsFor(logged.id)
    expect(attempts).toHaveLength(3)
    const [first, second, third] = attempts
    expect(second.receivedAt - first.receivedAt).toBeGreaterThanOrEqual(RETRY_DELAY_MS)
    expect(third.receivedAt - second.receivedAt).toBeGreaterThanOrEqual(2 * RETRY_DELAY_MS)
    // The same event each time, signed afresh.
    expect(new Set(attempts.map((request) => request.body)).size).toBe(1)
    for (const request of attempts) expect(verifySignature(request, endpoint.secret)).toBe(true)
    const event = eventOf(third)
    expect(event.type).toBe('author.updated')
    expect(event.paths).toEqual(
      expect.arrayContaining(['/en/authors/yuan-zheng', '/zh/authors/yuan-zheng', '/en/articles/us-japan-alliance', '/en']),
    )

    const logEntry = await delivery(logged.id)
    expect(logEntry).toMatchObject({ attempts: 3, lastError: null, lastResponseStatus: 200, status: 'delivered' })
    expect(logEntry.attemptLog?.map((attempt) => attempt.responseStatus)).toEqual([500, 503, 200])
  })

  it(`gives up after WEBHOOK_MAX_ATTEMPTS (${MAX_ATTEMPTS}) failures and logs the failure`, async () => {
    const updated = await suite.rest.patch(`/api/sections/${masterForum.id}`, {
      body: { description: 'Essays by senior scholars.' },
      token: users.editor.token,
    })
    expect(updated.status).toBe(200)
    const [logged] = (await deliveriesFor(masterForum.id)).filter((entry) => entry.eventType === 'section.updated')
    website.answerDelivery(logged.id, ...Array<number>(MAX_ATTEMPTS).fill(502))
    expect((logged.payload as WebhookEvent).paths).toEqual(
      expect.arrayContaining(['/en/sections/journals/master-forum', '/zh/sections/journals', '/en/articles/us-japan-alliance']),
    )

    await runQueueUntil(async () => (await delivery(logged.id)).status !== 'pending')
    expect(await delivery(logged.id)).toMatchObject({
      attempts: MAX_ATTEMPTS,
      lastError: 'The receiver answered 502: failing on purpose with 502',
      nextAttemptAt: null,
      status: 'failed',
    })
    await sleep(4 * RETRY_DELAY_MS)
    await suite.payload.jobs.run({ queue: 'webhooks', silent: true })
    expect(website.requestsFor(logged.id)).toHaveLength(MAX_ATTEMPTS)
  })

  it("an editor's save succeeds while the receiver is down; the event arrives once it is back", async () => {
    await website.stop()
    try {
      const saved = await readJson<Doc<Article>>(
        suite.rest.patch(`/api/articles/${article.id}`, {
          body: { _status: 'published', subtitle: 'Saved while the website was down' },
          token: users.editor.token,
        }),
      )
      expect(saved.status).toBe(200)
      expect(saved.body.doc.subtitle).toBe('Saved while the website was down')
      const [logged] = (await deliveriesFor(article.id)).filter((entry) => entry.eventType === 'article.updated')
      expect(logged).toMatchObject({ attempts: 0, status: 'pending' })

      await runQueueUntil(async () => (await delivery(logged.id)).attempts === 1)
      expect(await delivery(logged.id)).toMatchObject({ lastError: expect.stringContaining('ECONNREFUSED'), status: 'pending' })

      await website.listen()
      await runQueueUntil(async () => (await delivery(logged.id)).status !== 'pending')
      expect(await delivery(logged.id)).toMatchObject({ attempts: 2, status: 'delivered' })
      const [request] = website.requestsFor(logged.id)
      expect(verifySignature(request, endpoint.secret)).toBe(true)
      expect(eventOf(request)).toMatchObject({ document: { id: article.id }, type: 'article.updated' })
    } finally {
      await website.listen().catch(() => undefined)
    }
  })

  it('endpoints from WEBHOOK_ENDPOINTS get the collections they subscribe to, signed with their own secret', async () => {
    const token = users.contacts.token
    const hidden = await readJson<Doc<{ id: string }>>(
      suite.rest.post('/api/contacts', {
        body: { kind: 'department', name: 'Department of American Diplomacy', organization: 'association', visible: false },
        token,
      }),
    )
    expect(hidden.status).toBe(201)
    const id = hidden.body.doc.id
    expect(await deliveriesFor(id)).toEqual([])

    expect((await suite.rest.patch(`/api/contacts/${id}`, { body: { visible: true }, token })).status).toBe(200)
    const logged = await deliveriesFor(id)
    expect(logged.map((entry) => [entry.endpointName, entry.environmentEndpoint, entry.eventType])).toEqual(
      expect.arrayContaining([
        ['Website', false, 'contact.published'],
        ['directory mirror', true, 'contact.published'],
      ]),
    )
    const mirrored = logged.find((entry) => entry.environmentEndpoint)!
    await runQueueUntil(async () => (await delivery(mirrored.id)).status !== 'pending')
    const [request] = directoryMirror.requestsFor(mirrored.id)
    expect(request.path).toBe('/directory')
    expect(verifySignature(request, directorySecret)).toBe(true)
    expect(verifySignature(request, endpoint.secret)).toBe(false)
    expect(eventOf(request)).toMatchObject({
      document: { id, slug: null },
      paths: ['/en/contact', '/zh/contact', '/en', '/zh'],
      type: 'contact.published',
    })

    // The mirror subscribes to contacts only.
    expect(directoryMirror.requests.every((received) => eventOf(received).collection === 'contacts')).toBe(true)
  })

  it('media events name the pages that show the image', async () => {
    const image = await content.media('The alliance leaders')
    expect((await deliveriesFor(image.id)).map((entry) => entry.eventType)).toEqual(['media.published'])
    await suite.payload.update({ collection: 'articles', data: { featuredImage: image.id }, id: article.id })

    const response = await suite.rest.patch(`/api/media/${image.id}`, { body: { alt: 'Leaders of the alliance' }, token: users.editor.token })
    expect(response.status).toBe(200)
    const [updated] = (await deliveriesFor(image.id)).filter((entry) => entry.eventType === 'media.updated')
    expect((updated.payload as WebhookEvent).paths).toEqual(
      expect.arrayContaining(['/en/articles/us-japan-alliance', '/zh/articles/us-japan-alliance', '/en']),
    )
  })

  it('nothing is announced for Local API calls with context.skipWebhooks (imports, seeding)', async () => {
    const author = await suite.payload.create({
      collection: 'authors',
      context: { skipWebhooks: true },
      data: { name: 'Imported Author', slug: 'imported-author' },
    })
    await suite.payload.update({ collection: 'authors', context: { skipWebhooks: true }, data: { position: 'Fellow' }, id: author.id })
    expect(await deliveriesFor(author.id)).toEqual([])
  })

  it('a disabled endpoint receives nothing, and what was queued for it is dropped', async () => {
    const author = await content.author({ name: 'Queued Author', slug: 'queued-author' })
    const [queued] = await deliveriesFor(author.id)
    expect(queued).toMatchObject({ endpointName: 'Website', status: 'pending' })

    await suite.payload.update({ collection: 'webhook-endpoints', data: { enabled: false }, id: endpoint.id })
    try {
      await runQueueUntil(async () => (await delivery(queued.id)).status !== 'pending')
      expect(await delivery(queued.id)).toMatchObject({
        lastError: 'The endpoint was disabled before the event could be delivered',
        status: 'failed',
      })
      expect(website.requestsFor(queued.id)).toEqual([])

      const later = await content.author({ name: 'Later Author', slug: 'later-author' })
      expect(await deliveriesFor(later.id)).toEqual([])
    } finally {
      await suite.payload.update({ collection: 'webhook-endpoints', data: { enabled: true }, id: endpoint.id })
    }
  })
})
