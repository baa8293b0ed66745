import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { importLegacyPages } from '../../src/import/importLegacyPages'
import type { Article, Author, Redirect, Section } from '../../src/payload-types'
import { recordDatabaseCommands } from '../helpers/databaseCommands'
import { JournalContent } from '../helpers/journalContent'
import { lexicalDocument } from '../helpers/lexical'
import { type ApiErrorBody, readJson } from '../helpers/responses'
import { createRoleUsers, type RoleUsers } from '../helpers/roleUsers'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'
import { SAMPLE_CHINESE, SAMPLE_HTML, source } from '../import/legacyFixtures'

/**
 * Redirects (docs/api.md#redirects): recorded by the CMS when a published
 * page moves, kept free of chains and loops, added by editors and by the
 * importer, and answered by GET /api/website/redirects (and GraphQL's
 * WebsiteRedirect) through the API's edge, the function the production
 * server hands /api to, with its HTTP caching.
 */

let suite: SuiteContext
let users: RoleUsers
let content: JournalContent
let author: Author
let journals: Section
let worldAffairs: Section

type Answer = { from: string; status: number; to: string }

const body = (text: string) => lexicalDocument([text]) as Article['body']

async function lookup(path: string): Promise<{ json: Answer & ApiErrorBody; status: number }> {
  const { body: json, status } = await readJson<Answer & ApiErrorBody>(suite.rest.get(`/api/website/redirects?path=${encodeURIComponent(path)}`))
  return { json, status }
}

/** Where the website call says the path leads, or its status when it says nowhere. */
async function leadsTo(path: string): Promise<number | string> {
  const { json, status } = await lookup(path)
  return status === 200 ? json.to : status
}

async function redirectsFrom(...paths: string[]): Promise<Redirect[]> {
  const { docs } = await suite.payload.find({ collection: 'redirects', overrideAccess: true, pagination: false, where: { from: { in: paths } } })
  return docs
}

const allRedirects = async () => (await suite.payload.find({ collection: 'redirects', overrideAccess: true, pagination: false, sort: 'from' })).docs

function article(slug: string, data: Partial<Article> = {}): Promise<Article> {
  return content.article({ authors: [author.id], body: body(`The text of ${slug}.`), lead: `The lead of ${slug}.`, section: journals.id, slug, title: `Article ${slug}`, ...data })
}

/** An editor's save over REST, as the admin UI makes it. */
async function editorPatch(collection: 'articles' | 'authors' | 'sections', id: string, data: Record<string, unknown>, query = ''): Promise<number> {
  const response = await suite.rest.patch(`/api/${collection}/${id}${query}` as `/api/${string}`, { body: data, token: users.editor.token })
  if (response.status !== 200) throw new Error(`saving ${collection} ${id} answered ${response.status}: ${await response.text()}`)
  return response.status
}

async function createRedirect(data: Record<string, unknown>, token = users.editor.token) {
  return readJson<ApiErrorBody & { doc?: Redirect }>(suite.rest.post('/api/redirects', { body: data, token }))
}

const errorText = (json: ApiErrorBody) => JSON.stringify(json.errors)

beforeAll(async () => {
  suite = await startPayloadForSuite('redirects', { monitorCommands: true })
  users = await createRoleUsers(suite, 'redirects')
  content = new JournalContent(suite.payload)
  journals = await content.section({ order: 1, slug: 'journals', title: 'Journals' })
  worldAffairs = await content.section({ order: 2, slug: 'world-affairs', title: 'World affairs' })
  author = await content.author({ name: 'Yuan Zheng', slug: 'yuan-zheng' })
})

afterAll(async () => {
  await suite?.close()
})

describe('a published article’s new slug', () => {
  it('records a permanent redirect from the old path to the new one in every language, and nothing else', async () => {
    const alliance = await article('alliance-old')
    expect(await allRedirects()).toEqual([])

    await editorPatch('articles', alliance.id, { slug: 'alliance-new' })

    expect(await lookup('/en/articles/alliance-old')).toEqual({ json: { from: '/en/articles/alliance-old', status: 301, to: '/en/articles/alliance-new' }, status: 200 })
    expect(await leadsTo('/zh/articles/alliance-old')).toBe('/zh/articles/alliance-new')
    const recorded = await redirectsFrom('/en/articles/alliance-old', '/zh/articles/alliance-old')
    expect(recorded.map((redirect) => [redirect.from, redirect.origin, redirect.type, redirect.to?.type])).toEqual([
      ['/en/articles/alliance-old', 'automatic', '301', 'custom'],
      ['/zh/articles/alliance-old', 'automatic', '301', 'custom'],
    ])
  })

  it('is found however the path is written: trailing slash, query string, percent-encoding, a whole URL', async () => {
    for (const written of ['/en/articles/alliance-old/', '/en/articles/alliance-old?utm_source=feed', '/en/articles/alliance%2Dold', '/en//articles/./alliance-old', 'https://www.example.org/en/articles/alliance-old#top']) {
      expect([written, await leadsTo(written)]).toEqual([written, '/en/articles/alliance-new'])
    }
  })

  it('a draft with a new slug records nothing until it is published', async () => {
    const order = await article('world-order')
    const before = (await allRedirects()).length
    await editorPatch('articles', order.id, { _status: 'draft', slug: 'world-order-draft' }, '?draft=true')
    expect(await allRedirects()).toHaveLength(before)
    expect(await leadsTo('/en/articles/world-order')).toBe(404)

    await editorPatch('articles', order.id, { _status: 'published', slug: 'world-order-published' })
    expect(await leadsTo('/en/articles/world-order')).toBe('/en/articles/world-order-published')
    // The draft's slug was never public: nothing leads from it.
    expect(await leadsTo('/en/articles/world-order-draft')).toBe(404)
  })

  it('an article readers never saw records nothing when its slug changes', async () => {
    const unseen = await article('never-published', { _status: 'draft' })
    const before = (await allRedirects()).length
    await editorPatch('articles', unseen.id, { _status: 'draft', slug: 'never-published-renamed' }, '?draft=true')
    expect(await allRedirects()).toHaveLength(before)
  })
})

describe('no chains and no loops', () => {
  it('a → b, then b → c: a leads straight to c', async () => {
    const moving = await article('chain-a')
    await editorPatch('articles', moving.id, { slug: 'chain-b' })
    await editorPatch('articles', moving.id, { slug: 'chain-c' })
    expect(await leadsTo('/en/articles/chain-a')).toBe('/en/articles/chain-c')
    expect(await leadsTo('/en/articles/chain-b')).toBe('/en/articles/chain-c')
    const [a] = await redirectsFrom('/en/articles/chain-a')
    expect(a.to?.url).toBe('/en/articles/chain-c')
  })

  it('a page that gets its old slug back is served there again: the redirect from it is removed, and none loops', async () => {
    const returning = await article('comeback')
    await editorPatch('articles', returning.id, { slug: 'comeback-elsewhere' })
    expect(await leadsTo('/en/articles/comeback')).toBe('/en/articles/comeback-elsewhere')

    await editorPatch('articles', returning.id, { slug: 'comeback' })
    expect(await leadsTo('/en/articles/comeback')).toBe(404)
    expect(await redirectsFrom('/en/articles/comeback', '/zh/articles/comeback')).toEqual([])
    expect(await leadsTo('/en/articles/comeback-elsewhere')).toBe('/en/articles/comeback')
  })

  it('a new page at an old path takes it over: the redirect from it goes', async () => {
    const first = await article('taken-over')
    await editorPatch('articles', first.id, { slug: 'taken-over-moved' })
    expect(await leadsTo('/en/articles/taken-over')).toBe('/en/articles/taken-over-moved')
    await article('taken-over')
    expect(await leadsTo('/en/articles/taken-over')).toBe(404)
  })

  it('a manual redirect that would make a loop is refused with a 400 naming it, and nothing is stored', async () => {
    const moved = await article('loop-start')
    await editorPatch('articles', moved.id, { slug: 'loop-end' })
    // /en/articles/loop-start → /en/articles/loop-end exists: the way back would loop.
    const refused = await createRedirect({ from: '/en/articles/loop-end', to: { type: 'custom', url: '/en/articles/loop-start/' }, type: '301' })
    expect(refused.status).toBe(400)
    expect(errorText(refused.body)).toContain('This would make a loop: /en/articles/loop-end → /en/articles/loop-start → /en/articles/loop-end')
    expect(await redirectsFrom('/en/articles/loop-end')).toEqual([])

    const toItself = await createRedirect({ from: '/en/old/self', to: { type: 'custom', url: '/en/old/self?again' }, type: '301' })
    expect(toItself.status).toBe(400)
    expect(errorText(toItself.body)).toContain('cannot lead to its own path (/en/old/self)')
  })

  it('a manual redirect to a redirected path leads straight to its end, and those leading to it follow', async () => {
    const created = await createRedirect({ from: '/en/old/first', to: { type: 'custom', url: '/en/old/second' }, type: '302' })
    expect(created.status).toBe(201)
    const second = await createRedirect({ from: '/en/old/second', to: { type: 'custom', url: '/en/articles/alliance-old' }, type: '301' })
    expect(second.status).toBe(201)
    // /en/articles/alliance-old already leads to /en/articles/alliance-new: no chain.
    expect(second.body.doc?.to?.url).toBe('/en/articles/alliance-new')
    const [first] = await redirectsFrom('/en/old/first')
    expect(first.to?.url).toBe('/en/articles/alliance-new')
    expect(await lookup('/en/old/first')).toEqual({ json: { from: '/en/old/first', status: 302, to: '/en/articles/alliance-new' }, status: 200 })
  })
})

describe('a section that moves', () => {
  it('records redirects for its path and the paths of the sections below it; a hidden section records none', async () => {
    const forum = await content.section({ order: 3, parent: journals.id, slug: 'master-forum', title: 'Master forum' })
    const child = await content.section({ order: 4, parent: forum.id, slug: 'forum-archive', title: 'Archive' })
    const hidden = await content.section({ active: false, order: 5, parent: journals.id, slug: 'hidden-corner', title: 'Hidden corner' })
    // Translating a new section is no move, though its Chinese breadcrumbs are only made then.
    await suite.payload.update({ collection: 'sections', data: { title: '大家论坛' }, id: forum.id, locale: 'zh', overrideAccess: true })
    expect(await redirectsFrom('/en/sections/master-forum', '/zh/sections/master-forum')).toEqual([])

    await editorPatch('sections', forum.id, { parent: worldAffairs.id })
    await editorPatch('sections', hidden.id, { parent: worldAffairs.id })

    expect(await leadsTo('/en/sections/journals/master-forum')).toBe('/en/sections/world-affairs/master-forum')
    expect(await leadsTo('/zh/sections/journals/master-forum')).toBe('/zh/sections/world-affairs/master-forum')
    expect(await leadsTo('/en/sections/journals/master-forum/forum-archive')).toBe('/en/sections/world-affairs/master-forum/forum-archive')
    expect(await redirectsFrom('/en/sections/journals/hidden-corner')).toEqual([])

    // A new slug of the section moves its branch again, and the earlier redirects follow (no chains).
    await editorPatch('sections', forum.id, { slug: 'forum' })
    expect(await leadsTo('/en/sections/journals/master-forum/forum-archive')).toBe('/en/sections/world-affairs/forum/forum-archive')
    expect(await leadsTo('/en/sections/world-affairs/master-forum')).toBe('/en/sections/world-affairs/forum')
    expect(child.id).toBeTruthy()
  })
})

describe('an author’s new slug', () => {
  it('records a redirect to the author’s new page', async () => {
    const writer = await content.author({ name: 'Li Na', slug: 'li-na' })
    await editorPatch('authors', writer.id, { slug: 'na-li' })
    expect(await leadsTo('/en/authors/li-na')).toBe('/en/authors/na-li')
  })
})

describe('redirects to a page of the journal', () => {
  it('follow the page wherever it moves, and lead nowhere while readers cannot see it', async () => {
    const target = await article('target-page')
    const created = await createRedirect({
      from: 'http://www.example.org/en/old-site/page.htm?id=3',
      to: { locale: 'zh', reference: { relationTo: 'articles', value: target.id }, type: 'reference' },
      type: '301',
    })
    expect([created.status, created.body.doc?.from, created.body.doc?.origin]).toEqual([201, '/en/old-site/page.htm', 'manual'])
    expect(await leadsTo('/en/old-site/page.htm')).toBe('/zh/articles/target-page')

    await editorPatch('articles', target.id, { slug: 'target-page-renamed' })
    expect(await leadsTo('/en/old-site/page.htm')).toBe('/zh/articles/target-page-renamed')

    await editorPatch('articles', target.id, { _status: 'draft' })
    expect(await leadsTo('/en/old-site/page.htm')).toBe(404)
  })
})

describe('the website call', () => {
  it('answers 404 with a JSON message for a path nothing leads from, and 400 for a missing or malformed path', async () => {
    const missing = await lookup('/en/articles/never-existed')
    expect(missing.status).toBe(404)
    expect(missing.json.errors?.[0]?.message).toBe('There is no redirect from /en/articles/never-existed')
    const { body: none, status } = await readJson<ApiErrorBody>(suite.rest.get('/api/website/redirects'))
    expect([status, none.errors?.[0]?.message]).toEqual([400, 'path is required, e.g. ?path=/en/articles/old-name'])
    expect((await lookup('/en/%zz')).status).toBe(400)
    expect((await lookup('no-slash')).status).toBe(400)
  })

  it('answers the same over GraphQL, null where REST answers 404', async () => {
    const query = 'query ($path: String!) { WebsiteRedirect(path: $path) { from to status } }'
    const found = await readJson<{ data: { WebsiteRedirect: Answer | null } }>(suite.rest.graphql(query, { path: '/zh/articles/alliance-old/' }))
    expect(found.body.data.WebsiteRedirect).toEqual({ from: '/zh/articles/alliance-old', status: 301, to: '/zh/articles/alliance-new' })
    const absent = await readJson<{ data: { WebsiteRedirect: Answer | null } }>(suite.rest.graphql(query, { path: '/nowhere' }))
    expect(absent.body.data.WebsiteRedirect).toBeNull()
  })

  it('makes two database reads at most: the redirect, and the page it names', async () => {
    const toPath = await recordDatabaseCommands(suite.payload, () => lookup('/en/articles/alliance-old'))
    expect(toPath.commands.map((command) => command.text)).toEqual(['find redirects'])
    const toPage = await recordDatabaseCommands(suite.payload, () => lookup('/en/old-site/page.htm'))
    expect(toPage.commands.map((command) => command.text)).toEqual(['find redirects', 'find articles'])
  })

  it('is cacheable: 304 while nothing changed, 200 with the new answer once the redirect changed', async () => {
    const path = '/api/website/redirects?path=/en/old/first'
    const first = await suite.rest.get(path)
    expect(first.status).toBe(200)
    expect(first.headers.get('cache-control')).toMatch(/^public, /)
    const etag = first.headers.get('etag')
    expect(etag).toMatch(/^"/)
    const again = await suite.rest.get(path, { headers: { 'If-None-Match': etag! } })
    expect(again.status).toBe(304)

    const [redirect] = await redirectsFrom('/en/old/first')
    const changed = await suite.rest.patch(`/api/redirects/${redirect.id}`, { body: { type: '301' }, token: users.editor.token })
    expect(changed.status).toBe(200)
    const after = await suite.rest.get(path, { headers: { 'If-None-Match': etag! } })
    expect(after.status).toBe(200)
    expect(((await after.json()) as Answer).status).toBe(301)
  })
})

describe('who manages redirects', () => {
  it('readers cannot read the collection over the generic API, nor contacts staff or contributors write it', async () => {
    const anonymous = await readJson<{ docs?: unknown[] } & ApiErrorBody>(suite.rest.get('/api/redirects'))
    expect(anonymous.status).toBe(403)
    const graphql = await readJson<{ data?: { Redirects: unknown } } & ApiErrorBody>(suite.rest.graphql('{ Redirects { docs { from } } }'))
    expect(graphql.body.data?.Redirects ?? null).toBeNull()
    for (const role of ['contacts', 'contributor'] as const) {
      const refused = await createRedirect({ from: `/en/by-${role}`, to: { type: 'custom', url: '/en' } }, users[role].token)
      expect([role, refused.status]).toEqual([role, 403])
    }
    const byAdmin = await createRedirect({ from: '/en/by-admin', origin: 'automatic', to: { type: 'custom', url: '/en' } }, users.admin.token)
    // A client cannot claim the CMS made it.
    expect([byAdmin.status, byAdmin.body.doc?.origin]).toEqual([201, 'manual'])
  })

  it('a second redirect from the same path is refused', async () => {
    const duplicate = await createRedirect({ from: '/en/by-admin/', to: { type: 'custom', url: '/zh' } })
    expect(duplicate.status).toBe(400)
  })
})

describe('the importer', () => {
  it('records each imported page’s old address as a redirect to the new article, in its language', async () => {
    const report = await importLegacyPages(suite.payload, [source(SAMPLE_HTML), source(SAMPLE_CHINESE)], {
      pairs: [[source(SAMPLE_HTML).name, source(SAMPLE_CHINESE).name]],
    })
    expect(report.pages.map((page) => page.status)).toEqual(['created'])
    const slug = report.pages[0].article?.slug
    // The HTML page says where the old site served it; the text page gives only its file name.
    const recorded = await redirectsFrom('/en/journals/master-forum/201806/t1.htm', '/master-forum-us-japan-alliance.zh.txt')
    expect(recorded.map((redirect) => [redirect.from, redirect.origin, redirect.to?.type, redirect.to?.locale])).toEqual([
      ['/en/journals/master-forum/201806/t1.htm', 'import', 'reference', 'en'],
      ['/master-forum-us-japan-alliance.zh.txt', 'import', 'reference', 'zh'],
    ])
    // Imported as a draft: nowhere to go until it is published.
    expect(await leadsTo('http://www.example.org/en/journals/master-forum/201806/t1.htm')).toBe(404)

    const id = report.pages[0].article!.id
    await editorPatch('articles', id, { _status: 'published' })
    expect(await leadsTo('http://www.example.org/en/journals/master-forum/201806/t1.htm')).toBe(`/en/articles/${slug}`)
    expect(await leadsTo('/master-forum-us-japan-alliance.zh.txt')).toBe(`/zh/articles/${slug}`)
  })
})
