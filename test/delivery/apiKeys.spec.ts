import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { Article, Author, Section } from '../../src/payload-types'
import { JournalContent } from '../helpers/journalContent'
import { readJson } from '../helpers/responses'
import { createRoleUsers, type RoleUsers } from '../helpers/roleUsers'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'

/**
 * The website's account and its API key: an admin creates, rotates and
 * revokes the key; the key reads drafts when it asks for them (preview) and
 * writes nothing anywhere; a rotated or revoked key stops at once.
 */

let suite: SuiteContext
let users: RoleUsers
let content: JournalContent
let section: Section
let author: Author
let published: Article
let neverPublished: Article
let withNewerDraft: Article

type ListBody<T> = { docs: T[]; totalDocs: number }
type ErrorBody = { errors: { data?: { errors?: { message: string; path: string }[] }; message: string }[] }
type UserBody = { apiKey?: unknown; apiKeyIndex?: unknown; email: string; enableAPIKey?: boolean; hasAPIKey?: boolean; id: string; roles: string[] }
type Graphql<T> = { data?: T; errors?: { extensions?: { statusCode?: number }; message: string }[] }

const keyHeader = (key: string) => ({ Authorization: `users API-Key ${key}` })

let accountSerial = 0

/** A website account made by the admin over REST, the way the admin UI makes one, with a fresh key. */
async function websiteAccount(): Promise<{ email: string; id: string; key: string }> {
  accountSerial += 1
  const key = randomUUID()
  const email = `website-${accountSerial}@example.org`
  const { body, status } = await readJson<{ doc: { id: string } }>(
    suite.rest.post('/api/users', {
      body: { apiKey: key, email, enableAPIKey: true, name: `Website ${accountSerial}`, password: randomUUID(), roles: ['website'] },
      token: users.admin.token,
    }),
  )
  expect(status).toBe(201)
  return { email, id: body.doc.id, key }
}

/** Who a request with this key is (null: nobody, the key does not authenticate). */
async function whoHolds(key: string): Promise<null | UserBody> {
  const { body, status } = await readJson<{ user: null | UserBody }>(suite.rest.get('/api/users/me', { headers: keyHeader(key) }))
  expect(status).toBe(200)
  return body.user
}

async function articleIds(path: `/api/${string}`, headers: Record<string, string> = {}): Promise<string[]> {
  const { body, status } = await readJson<ListBody<{ id: string }>>(suite.rest.get(path, { headers }))
  expect([status, body]).toEqual([200, expect.objectContaining({ docs: expect.any(Array) })])
  return body.docs.map((doc) => doc.id)
}

async function patchAsAdmin(id: string, data: Record<string, unknown>): Promise<number> {
  const response = await suite.rest.patch(`/api/users/${id}`, { body: data, token: users.admin.token })
  return response.status
}

beforeAll(async () => {
  suite = await startPayloadForSuite('api-keys')
  users = await createRoleUsers(suite, 'keys')
  content = new JournalContent(suite.payload)
  section = await content.section({ title: 'Journals' })
  author = await content.author({ email: 'private@example.org', name: 'Li Wei' })
  published = await content.article({ authors: [author.id], section: section.id, title: 'Published article' })
  neverPublished = await content.article({ _status: 'draft', authors: [author.id], section: section.id, title: 'Never published' })
  withNewerDraft = await content.article({ authors: [author.id], section: section.id, title: 'Published title' })
  await content.draftOf(withNewerDraft.id, 'Retitled in a draft')
})

afterAll(async () => {
  await suite?.close()
})

describe('keys are the admins’ to give, rotate and revoke', () => {
  it('an admin creates the website account with a key, and the key authenticates it', async () => {
    const account = await websiteAccount()
    const user = await whoHolds(account.key)
    expect(user).toMatchObject({ email: account.email, id: account.id, roles: ['website'] })
  })

  it('nobody reads a key back: admins see only that there is one, editors not even the account', async () => {
    const account = await websiteAccount()
    const { body } = await readJson<UserBody>(suite.rest.get(`/api/users/${account.id}`, { token: users.admin.token }))
    expect(body.hasAPIKey).toBe(true)
    expect(body).not.toHaveProperty('apiKey')
    expect(body).not.toHaveProperty('apiKeyIndex')
    expect(JSON.stringify(body)).not.toContain(account.key)

    const asEditor = await suite.rest.get(`/api/users/${account.id}`, { token: users.editor.token })
    expect(asEditor.status).toBe(404)

    const own = await readJson<UserBody>(suite.rest.get(`/api/users/${account.id}`, { headers: keyHeader(account.key) }))
    expect(own.status).toBe(200)
    expect(JSON.stringify(own.body)).not.toContain(account.key)
    expect(own.body).not.toHaveProperty('hasAPIKey')

    const graphql = await readJson<Graphql<{ User: Record<string, unknown> }>>(
      suite.rest.graphql('query ($id: String!) { User(id: $id) { email apiKey apiKeyIndex enableAPIKey } }', { id: account.id }, { token: users.admin.token }),
    )
    expect(JSON.stringify(graphql.body)).not.toContain(account.key)
    expect(graphql.body.data?.User).toMatchObject({ apiKey: null, apiKeyIndex: null })
  })

  it('a key cannot be found by querying for it', async () => {
    const account = await websiteAccount()
    for (const field of ['apiKey', 'apiKeyIndex']) {
      const response = await suite.rest.get(`/api/users?where[${field}][exists]=true`, { token: users.admin.token })
      const { body, status } = await readJson<ErrorBody & Partial<ListBody<{ id: string }>>>(response)
      if (status === 200) expect(body.docs?.map((doc) => doc.id)).not.toContain(account.id)
      else expect(status).toBe(400)
    }
  })

  it('editors cannot give themselves a key, nor change the website account’s', async () => {
    const account = await websiteAccount()
    const editorKey = randomUUID()
    const own = await suite.rest.patch(`/api/users/${users.editor.id}`, {
      body: { apiKey: editorKey, enableAPIKey: true },
      token: users.editor.token,
    })
    expect(own.status).toBe(403)
    expect(((await own.json()) as ErrorBody).errors[0].message).toBe('You are not allowed to change enableAPIKey, apiKey')
    expect(await whoHolds(editorKey)).toBeNull()

    const other = await suite.rest.patch(`/api/users/${account.id}`, { body: { apiKey: randomUUID() }, token: users.editor.token })
    expect(other.status).toBe(403)
    expect(await whoHolds(account.key)).toMatchObject({ id: account.id })
  })

  it('only the website account may have a key: an admin setting one on a staff account gets a 400', async () => {
    const key = randomUUID()
    const { body, status } = await readJson<ErrorBody>(
      suite.rest.patch(`/api/users/${users.contacts.id}`, { body: { apiKey: key, enableAPIKey: true }, token: users.admin.token }),
    )
    expect(status).toBe(400)
    expect(body.errors[0].data?.errors?.[0]).toMatchObject({ message: expect.stringMatching(/website/), path: 'apiKey' })
    expect(await whoHolds(key)).toBeNull()
  })

  it('a short key is refused with a 400', async () => {
    const account = await websiteAccount()
    const { body, status } = await readJson<ErrorBody>(suite.rest.patch(`/api/users/${account.id}`, { body: { apiKey: 'short' }, token: users.admin.token }))
    expect(status).toBe(400)
    expect(body.errors[0].data?.errors?.[0]).toMatchObject({ message: expect.stringMatching(/32 to 128 characters/), path: 'apiKey' })
    expect(await whoHolds('short')).toBeNull()
    expect(await whoHolds(account.key)).toMatchObject({ id: account.id })
  })

  it('the website role takes no other role', async () => {
    const { body, status } = await readJson<ErrorBody>(
      suite.rest.post('/api/users', {
        body: { email: 'mixed@example.org', name: 'Mixed', password: randomUUID(), roles: ['website', 'editor'] },
        token: users.admin.token,
      }),
    )
    expect(status).toBe(400)
    expect(body.errors[0].data?.errors?.[0]).toMatchObject({ message: expect.stringMatching(/website role/), path: 'roles' })
  })

  it('editors cannot give anyone the website role', async () => {
    const response = await suite.rest.patch(`/api/users/${users.editor.id}`, { body: { roles: ['website'] }, token: users.editor.token })
    expect(response.status).toBe(403)
    const stored = await suite.payload.findByID({ collection: 'users', id: users.editor.id })
    expect(stored.roles).toEqual(['editor'])
  })

  it('rotating: the new key works from the next request and the old one no longer does', async () => {
    const account = await websiteAccount()
    const newKey = randomUUID()
    expect(await patchAsAdmin(account.id, { apiKey: newKey, enableAPIKey: true })).toBe(200)
    expect(await whoHolds(account.key)).toBeNull()
    expect(await whoHolds(newKey)).toMatchObject({ id: account.id })
    expect(await articleIds('/api/articles?draft=true', keyHeader(account.key))).not.toContain(neverPublished.id)
    expect(await articleIds('/api/articles?draft=true', keyHeader(newKey))).toContain(neverPublished.id)
  })

  it('revoking the way the admin UI does (no key, enableAPIKey off) stops the key at once', async () => {
    const account = await websiteAccount()
    expect(await articleIds('/api/articles?draft=true', keyHeader(account.key))).toContain(neverPublished.id)
    expect(await patchAsAdmin(account.id, { apiKey: null, enableAPIKey: false })).toBe(200)
    expect(await whoHolds(account.key)).toBeNull()
    expect(await articleIds('/api/articles?draft=true', keyHeader(account.key))).not.toContain(neverPublished.id)
    const { body } = await readJson<UserBody>(suite.rest.get(`/api/users/${account.id}`, { token: users.admin.token }))
    expect(body.hasAPIKey).toBe(false)
  })

  it('unticking enableAPIKey alone revokes the key too', async () => {
    const account = await websiteAccount()
    expect(await patchAsAdmin(account.id, { enableAPIKey: false })).toBe(200)
    expect(await whoHolds(account.key)).toBeNull()
  })

  it('deleting the website account stops its key at once', async () => {
    const account = await websiteAccount()
    const response = await suite.rest.delete(`/api/users/${account.id}`, { token: users.admin.token })
    expect(response.status).toBe(200)
    expect(await whoHolds(account.key)).toBeNull()
  })

  it('taking the website role away revokes the key', async () => {
    const account = await websiteAccount()
    expect(await patchAsAdmin(account.id, { roles: ['contacts'] })).toBe(200)
    expect(await whoHolds(account.key)).toBeNull()
    const stored = await suite.payload.db.findOne<{ apiKey?: null | string; apiKeyIndex?: null | string; id: string }>({
      collection: 'users',
      where: { id: { equals: account.id } },
    })
    expect(stored?.apiKeyIndex ?? null).toBeNull()
    expect(stored?.apiKey ?? null).toBeNull()
  })

  it('a wrong key is nobody: it reads what anonymous visitors read', async () => {
    expect(await whoHolds(randomUUID())).toBeNull()
    expect(await articleIds('/api/articles?draft=true', keyHeader(randomUUID()))).not.toContain(neverPublished.id)
  })
})

describe('the website account signs in with its key only', () => {
  it('cannot sign in with a password (403)', async () => {
    const password = randomUUID()
    const account = await suite.payload.create({
      collection: 'users',
      data: { email: 'website-password@example.org', name: 'Website', password, roles: ['website'] },
    })
    const { body, status } = await readJson<ErrorBody>(suite.rest.post('/api/users/login', { body: { email: account.email, password } }))
    expect(status).toBe(403)
    expect(body.errors[0].message).toMatch(/API key/)
  })

  it('never opens the admin UI', async () => {
    const account = await websiteAccount()
    // Payload leaves refused permissions out of /api/access.
    const { body } = await readJson<{ canAccessAdmin?: boolean }>(suite.rest.get('/api/access', { headers: keyHeader(account.key) }))
    expect(body.canAccessAdmin ?? false).toBe(false)
    const editor = await readJson<{ canAccessAdmin?: boolean }>(suite.rest.get('/api/access', { token: users.editor.token }))
    expect(editor.body.canAccessAdmin).toBe(true)
    const website = await suite.payload.findByID({ collection: 'users', id: account.id })
    const canOpenAdmin = suite.payload.collections.users.config.access.admin
    expect(await canOpenAdmin?.({ req: { payload: suite.payload, user: { ...website, collection: 'users' } } } as never)).toBe(false)
  })

  it('an account given the website role loses its signed-in sessions', async () => {
    const password = randomUUID()
    const staff = await suite.payload.create({
      collection: 'users',
      data: { email: 'becomes-website@example.org', name: 'Soon the website', password, roles: ['editor'] },
    })
    const token = await suite.rest.login(staff.email, password)
    expect(await patchAsAdmin(staff.id, { apiKey: randomUUID(), roles: ['website'] })).toBe(200)
    const { body } = await readJson<{ user: null | UserBody }>(suite.rest.get('/api/users/me', { token }))
    expect(body.user).toBeNull()
  })
})

describe('reading with the key', () => {
  let key: string

  beforeAll(async () => {
    key = (await websiteAccount()).key
  })

  it('anonymous visitors never see drafts, even when they ask', async () => {
    for (const path of ['/api/articles', '/api/articles?draft=true'] as const) {
      expect(await articleIds(path)).not.toContain(neverPublished.id)
    }
    expect((await suite.rest.get(`/api/articles/${neverPublished.id}?draft=true`)).status).toBe(404)
    const { body } = await readJson<{ title: string }>(suite.rest.get(`/api/articles/${withNewerDraft.id}?draft=true`))
    expect(body.title).toBe('Published title')
  })

  it('without draft=true the key reads what the public reads', async () => {
    const ids = await articleIds('/api/articles', keyHeader(key))
    expect(ids).toEqual(expect.arrayContaining([published.id, withNewerDraft.id]))
    expect(ids).not.toContain(neverPublished.id)
    expect((await suite.rest.get(`/api/articles/${neverPublished.id}`, { headers: keyHeader(key) })).status).toBe(404)
    expect((await suite.rest.get('/api/articles/not-an-id', { headers: keyHeader(key) })).status).toBe(404)
    const { body } = await readJson<{ title: string }>(suite.rest.get(`/api/articles/${withNewerDraft.id}`, { headers: keyHeader(key) }))
    expect(body.title).toBe('Published title')
    const count = await readJson<{ totalDocs: number }>(suite.rest.get('/api/articles/count', { headers: keyHeader(key) }))
    expect(count.body.totalDocs).toBe(2)
  })

  it('with draft=true the key reads the latest drafts (preview)', async () => {
    const ids = await articleIds('/api/articles?draft=true', keyHeader(key))
    expect(ids).toEqual(expect.arrayContaining([published.id, neverPublished.id, withNewerDraft.id]))
    const draft = await readJson<{ title: string }>(suite.rest.get(`/api/articles/${neverPublished.id}?draft=true`, { headers: keyHeader(key) }))
    expect(draft).toMatchObject({ body: { title: 'Never published' }, status: 200 })
    const newer = await readJson<{ title: string }>(suite.rest.get(`/api/articles/${withNewerDraft.id}?draft=true`, { headers: keyHeader(key) }))
    expect(newer.body.title).toBe('Retitled in a draft')
    const bySlug = await readJson<ListBody<{ title: string }>>(
      suite.rest.get(`/api/articles?draft=true&where[slug][equals]=${withNewerDraft.slug}`, { headers: keyHeader(key) }),
    )
    expect(bySlug.body.docs.map((doc) => doc.title)).toEqual(['Retitled in a draft'])
  })

  it('the key previews drafts over GraphQL too, and only when it asks', async () => {
    const query = `query ($id: String!, $draft: Boolean) {
      Articles(draft: $draft, limit: 50) { docs { id title } }
      Article(id: $id, draft: $draft) { title }
    }`
    type Answer = { Article: { title: string } | null; Articles: { docs: { id: string; title: string }[] } }
    const preview = await readJson<Graphql<Answer>>(suite.rest.graphql(query, { draft: true, id: withNewerDraft.id }, { headers: keyHeader(key) }))
    expect(preview.body.errors).toBeUndefined()
    expect(preview.body.data?.Article?.title).toBe('Retitled in a draft')
    expect(preview.body.data?.Articles.docs.map((doc) => doc.id)).toContain(neverPublished.id)

    const plain = await readJson<Graphql<Answer>>(suite.rest.graphql(query, { id: withNewerDraft.id }, { headers: keyHeader(key) }))
    expect(plain.body.data?.Article?.title).toBe('Published title')
    expect(plain.body.data?.Articles.docs.map((doc) => doc.id)).not.toContain(neverPublished.id)

    const anonymous = await readJson<Graphql<Answer>>(suite.rest.graphql(query, { draft: true, id: withNewerDraft.id }))
    expect(anonymous.body.data?.Article?.title).toBe('Published title')
    expect(anonymous.body.data?.Articles.docs.map((doc) => doc.id)).not.toContain(neverPublished.id)
  })

  it('the key does not read version history, other users or authors’ e-mail addresses', async () => {
    expect((await suite.rest.get('/api/articles/versions', { headers: keyHeader(key) })).status).toBe(403)
    const others = await readJson<ListBody<{ id: string }>>(suite.rest.get('/api/users', { headers: keyHeader(key) }))
    expect(others.body.docs).toHaveLength(1)
    const { body } = await readJson<Record<string, unknown>>(suite.rest.get(`/api/authors/${author.id}`, { headers: keyHeader(key) }))
    expect(body).not.toHaveProperty('email')
  })
})

describe('the key writes nothing', () => {
  let key: string
  let accountId: string

  beforeAll(async () => {
    const account = await websiteAccount()
    key = account.key
    accountId = account.id
  })

  it('every collection’s and global’s write access refuses the website account, Payload’s own included', async () => {
    const website = await suite.payload.findByID({ collection: 'users', id: accountId })
    const req = { payload: suite.payload, user: { ...website, collection: 'users' } }
    const allowed: string[] = []
    for (const collection of suite.payload.config.collections) {
      for (const operation of ['create', 'delete', 'unlock', 'update'] as const) {
        const access = collection.access[operation]
        if (access && (await access({ data: {}, id: accountId, req } as never)) !== false) allowed.push(`${collection.slug}.${operation}`)
      }
    }
    for (const global of suite.payload.config.globals) {
      if ((await global.access.update({ data: {}, req } as never)) !== false) allowed.push(`${global.slug}.update`)
    }
    for (const operation of ['cancel', 'queue', 'run'] as const) {
      if ((await suite.payload.config.jobs.access?.[operation]?.({ req } as never)) !== false) allowed.push(`jobs.${operation}`)
    }
    expect(allowed).toEqual([])
  })

  it('creating anything over REST is refused (403) and nothing is stored', async () => {
    for (const collection of suite.payload.config.collections) {
      const before = (await suite.payload.count({ collection: collection.slug })).totalDocs
      const response = await suite.rest.post(`/api/${collection.slug}` as `/api/${string}`, {
        body: { name: 'by the key', title: 'by the key' },
        headers: keyHeader(key),
      })
      // 501: a collection without REST endpoints (Payload's migrations).
      expect([collection.slug, response.status]).toEqual([collection.slug, collection.endpoints === false ? 501 : 403])
      expect((await suite.payload.count({ collection: collection.slug })).totalDocs).toBe(before)
    }
  })

  it('changing or deleting an article, its own account or the site is refused (403)', async () => {
    const attempts = [
      suite.rest.patch(`/api/articles/${published.id}`, { body: { title: 'Changed by the key' }, headers: keyHeader(key) }),
      suite.rest.delete(`/api/articles/${published.id}`, { headers: keyHeader(key) }),
      suite.rest.patch(`/api/users/${accountId}`, { body: { name: 'Renamed by the key' }, headers: keyHeader(key) }),
      suite.rest.patch(`/api/users/${accountId}`, { body: { apiKey: randomUUID() }, headers: keyHeader(key) }),
      suite.rest.delete(`/api/users/${accountId}`, { headers: keyHeader(key) }),
      suite.rest.post('/api/globals/site', { body: { siteName: 'Changed by the key' }, headers: keyHeader(key) }),
      suite.rest.post('/api/users/unlock', { body: { email: users.editor.email }, headers: keyHeader(key) }),
      suite.rest.post('/api/payload-preferences/website-key', { body: { value: { x: 1 } }, headers: keyHeader(key) }),
    ]
    for (const response of await Promise.all(attempts)) expect(response.status).toBe(403)
    expect((await suite.payload.findByID({ collection: 'articles', id: published.id })).title).toBe('Published article')
    expect((await suite.payload.findByID({ collection: 'users', id: accountId })).name).not.toMatch(/by the key/)
    expect(await whoHolds(key)).toMatchObject({ id: accountId })
    expect((await suite.payload.count({ collection: 'payload-preferences' })).totalDocs).toBe(0)
  })

  it('running queued jobs is refused', async () => {
    const response = await suite.rest.get('/api/payload-jobs/run', { headers: keyHeader(key) })
    expect([401, 403]).toContain(response.status)
  })

  it('GraphQL mutations are refused and change nothing', async () => {
    const attempts = [
      ['mutation ($id: String!) { updateArticle(id: $id, data: { title: "Changed by the key" }) { title } }', { id: published.id }],
      ['mutation ($id: String!) { updateUser(id: $id, data: { name: "Renamed by the key" }) { name } }', { id: accountId }],
      ['mutation { updateSite(data: { siteName: "Changed by the key" }) { siteName } }', {}],
      ['mutation { createSection(data: { title: "By the key", slug: "by-the-key" }) { id } }', {}],
    ] as const
    for (const [query, variables] of attempts) {
      const { body } = await readJson<Graphql<unknown>>(suite.rest.graphql(query, variables, { headers: keyHeader(key) }))
      expect(body.errors?.[0]?.message).toMatch(/not allowed/i)
    }
    expect((await suite.payload.findByID({ collection: 'articles', id: published.id })).title).toBe('Published article')
    expect((await suite.payload.findByID({ collection: 'users', id: accountId })).name).not.toMatch(/by the key/)
    expect((await suite.payload.count({ collection: 'sections', where: { slug: { equals: 'by-the-key' } } })).totalDocs).toBe(0)
  })
})
