import { createHash, randomBytes } from 'node:crypto'
import zlib from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { MongoClient } from 'mongodb'

import { encodePreviewToken } from '../../src/preview/previewToken'
import { lexicalDocument } from '../helpers/lexical'
import { startProductionServer, type RunningServer } from '../helpers/productionServer'
import { rawGet } from '../helpers/rawHttp'
import { testDatabaseUri } from '../helpers/testDatabase'

/**
 * HTTP caching of the website's reads, through the production server the
 * way a CDN or browser meets it: ETag and 304, Cache-Control by who asks,
 * Vary, compression, GraphQL by GET and CORS.
 */

const WEBSITE = 'https://www.journal.example'
const SECRET = randomBytes(32).toString('hex')
const databaseUri = testDatabaseUri('http_caching')
let server: RunningServer
let token: string
let articleId: string
let adminId: string

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.url}${path}`, {
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `JWT ${token}` } : {}) },
    method,
  })
  const json = (await response.json()) as T
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(json)}`)
  return json
}

async function signIn(): Promise<string> {
  const response = await fetch(`${server.url}/api/users/login`, {
    body: JSON.stringify({ email: 'caching-admin@example.org', password: 'a long enough password 1' }),
    headers: { 'Content-Type': 'application/json' },
    method: 'POST',
  })
  return ((await response.json()) as { token: string }).token
}

const HOME = '/api/website/home'
const GRAPHQL_HOME = `/api/graphql?query=${encodeURIComponent('{ WebsiteHome { latest { slug title } } }')}`

beforeAll(async () => {
  server = await startProductionServer({
    databaseUri,
    env: {
      CACHE_MAX_AGE: '30',
      CACHE_S_MAXAGE: '120',
      CACHE_STALE_WHILE_REVALIDATE: '900',
      CORS_ORIGINS: WEBSITE,
      PAYLOAD_SECRET: SECRET,
      WEBSITE_URL: WEBSITE,
    },
  })
  const registered = await api<{ token: string; user: { id: string } }>('POST', '/api/users/first-register', {
    email: 'caching-admin@example.org',
    name: 'Caching admin',
    password: 'a long enough password 1',
  })
  token = registered.token
  adminId = registered.user.id
  // The production server's migrations seed the journal's sections.
  const sections = await api<{ docs: { id: string }[] }>('GET', '/api/sections?where[slug][equals]=master-forum')
  const author = await api<{ doc: { id: string } }>('POST', '/api/authors', { name: 'Yuan Zheng', slug: 'yuan-zheng' })
  const paragraphs = Array.from({ length: 40 }, (_, index) => `Paragraph ${index + 1} of a long enough article to be worth compressing.`)
  const article = await api<{ doc: { id: string } }>('POST', '/api/articles', {
    _status: 'published',
    authors: [author.doc.id],
    body: lexicalDocument(paragraphs),
    lead: paragraphs.slice(0, 10).join(' '),
    section: sections.docs[0].id,
    slug: 'us-japan-alliance',
    title: 'The US-Japan Alliance',
  })
  articleId = article.doc.id
  token = ''
}, 150_000)

afterAll(async () => {
  await server?.stop()
})

describe('anonymous reads', () => {
  it('carry a strong ETag, public Cache-Control from the settings and a Vary for every header that changes the answer', async () => {
    const response = await rawGet(`${server.url}${HOME}`)
    expect(response.status).toBe(200)
    expect(response.headers.etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/)
    expect(response.headers['cache-control']).toBe('public, max-age=30, s-maxage=120, stale-while-revalidate=900')
    const vary = String(response.headers.vary).split(/,\s*/)
    expect(vary).toEqual(expect.arrayContaining(['Accept-Encoding', 'Authorization', 'Cookie', 'Origin']))
    expect(JSON.parse(response.body.toString()).latest[0].slug).toBe('us-japan-alliance')
  })

  it('answer If-None-Match with 304 and no body, and with 200 again once the content changed', async () => {
    const first = await rawGet(`${server.url}${HOME}`)
    const etag = String(first.headers.etag)
    const again = await rawGet(`${server.url}${HOME}`, { 'If-None-Match': etag })
    expect(again.status).toBe(304)
    expect(again.body.length).toBe(0)
    expect(again.headers.etag).toBe(etag)
    expect(again.headers['cache-control']).toMatch(/^public/)

    const weak = await rawGet(`${server.url}${HOME}`, { 'If-None-Match': `"other", W/${etag}` })
    expect(weak.status).toBe(304)

    token = await signIn()
    await api('PATCH', `/api/articles/${articleId}`, { title: 'The US-Japan Alliance, revised' })
    token = ''

    const changed = await rawGet(`${server.url}${HOME}`, { 'If-None-Match': etag })
    expect(changed.status).toBe(200)
    expect(changed.headers.etag).not.toBe(etag)
    expect(JSON.parse(changed.body.toString()).latest[0].title).toBe('The US-Japan Alliance, revised')
  })

  it('answer a revalidation from the content state, without building the answer again, until something is saved', async () => {
    const first = await rawGet(`${server.url}${HOME}`)
    const etag = String(first.headers.etag)
    // Remembered with the content state by the first revalidation.
    expect((await rawGet(`${server.url}${HOME}`, { 'If-None-Match': etag })).status).toBe(304)

    // A change written past the CMS (no hook runs, so the content state stays): an answer built
    // again would differ, so a 304 here shows the answer was not built.
    const client = await MongoClient.connect(databaseUri)
    try {
      const articles = client.db().collection('articles')
      const stored = await articles.findOne({ slug: 'us-japan-alliance' })
      const title = (stored?.title as { en: string }).en
      const edited = `${title} (edited in the database)`
      await articles.updateOne({ _id: stored?._id }, { $set: { 'title.en': edited } })
      const remembered = await rawGet(`${server.url}${HOME}`, { 'If-None-Match': etag })
      expect(remembered.status).toBe(304)
      expect(remembered.headers.etag).toBe(etag)
      expect(remembered.headers['cache-control']).toMatch(/^public/)
      expect(String(remembered.headers.vary).split(/,\s*/)).toEqual(expect.arrayContaining(['Accept-Encoding', 'Origin']))

      // Any save through the CMS, here of an author, replaces the state: the answer is built again and shows the edit.
      token = await signIn()
      await api('PATCH', `/api/authors?where[slug][equals]=yuan-zheng`, { affiliation: 'Institute of International Studies' })
      const rebuilt = await rawGet(`${server.url}${HOME}`, { 'If-None-Match': etag })
      expect(rebuilt.status).toBe(200)
      expect(rebuilt.headers.etag).not.toBe(etag)
      expect(JSON.parse(rebuilt.body.toString()).latest[0].title).toBe(edited)

      await articles.updateOne({ _id: stored?._id }, { $set: { 'title.en': title } })
      await api('PATCH', `/api/authors?where[slug][equals]=yuan-zheng`, { affiliation: null })
    } finally {
      token = ''
      await client.close()
    }
  })

  it('repeat the CORS headers of the full answer on a 304 given from the content state', async () => {
    const first = await rawGet(`${server.url}${HOME}`, { Origin: WEBSITE })
    const etag = String(first.headers.etag)
    expect((await rawGet(`${server.url}${HOME}`, { 'If-None-Match': etag, Origin: WEBSITE })).status).toBe(304)
    const again = await rawGet(`${server.url}${HOME}`, { 'If-None-Match': etag, Origin: WEBSITE })
    expect(again.status).toBe(304)
    expect(again.headers['access-control-allow-origin']).toBe(WEBSITE)
    expect(again.headers['access-control-allow-credentials']).toBe('true')
    // Another origin is remembered apart and gets no CORS headers.
    const other = await rawGet(`${server.url}${HOME}`, { 'If-None-Match': etag, Origin: 'https://other.example' })
    expect(other.status).toBe(304)
    expect(other.headers['access-control-allow-origin']).toBeUndefined()
  })

  it('are compressed with br or gzip as the client accepts, the ETag naming the encoding', async () => {
    const identity = await rawGet(`${server.url}/api/website/articles/us-japan-alliance`)
    expect(identity.headers['content-encoding']).toBeUndefined()
    const tag = String(identity.headers.etag).replace(/"/g, '')

    const br = await rawGet(`${server.url}/api/website/articles/us-japan-alliance`, { 'Accept-Encoding': 'gzip, br' })
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers.etag).toBe(`"${tag}-br"`)
    expect(zlib.brotliDecompressSync(br.body).equals(identity.body)).toBe(true)
    expect(br.body.length).toBeLessThan(identity.body.length / 2)

    const gzip = await rawGet(`${server.url}/api/website/articles/us-japan-alliance`, { 'Accept-Encoding': 'gzip' })
    expect(gzip.headers['content-encoding']).toBe('gzip')
    expect(gzip.headers.etag).toBe(`"${tag}-gz"`)
    expect(zlib.gunzipSync(gzip.body).equals(identity.body)).toBe(true)

    // A cache holding the br copy revalidates it even when it now asks for gzip: same content.
    const revalidated = await rawGet(`${server.url}/api/website/articles/us-japan-alliance`, {
      'Accept-Encoding': 'gzip',
      'If-None-Match': String(br.headers.etag),
    })
    expect(revalidated.status).toBe(304)
  })

  it('are not cached when they are errors', async () => {
    const missing = await rawGet(`${server.url}/api/website/articles/no-such-article`)
    expect(missing.status).toBe(404)
    expect(missing.headers['cache-control']).toBe('no-store')
    expect(missing.headers.etag).toBeUndefined()
  })
})

describe('personal reads', () => {
  it('are private and never stored when signed in, and carry no ETag', async () => {
    const login = await fetch(`${server.url}/api/users/login`, {
      body: JSON.stringify({ email: 'caching-admin@example.org', password: 'a long enough password 1' }),
      headers: { 'Content-Type': 'application/json' },
      method: 'POST',
    })
    const { token: jwt } = (await login.json()) as { token: string }
    const byHeader = await rawGet(`${server.url}${HOME}`, { Authorization: `JWT ${jwt}` })
    expect(byHeader.status).toBe(200)
    expect(byHeader.headers['cache-control']).toBe('private, no-store')
    expect(byHeader.headers.etag).toBeUndefined()

    const byCookie = await rawGet(`${server.url}${HOME}`, { Cookie: `payload-token=${jwt}` })
    expect(byCookie.headers['cache-control']).toBe('private, no-store')
  })

  it('are private when they ask for drafts', async () => {
    const preview = await rawGet(`${server.url}/api/website/articles/us-japan-alliance?draft=true`)
    expect(preview.status).toBe(200)
    expect(preview.headers['cache-control']).toBe('private, no-store')
  })
})

describe('preview answers', () => {
  it('stay private and carry no ETag although nobody is signed in, since their handler says so', async () => {
    // A token as the admin UI makes it: signed with a key derived from Payload's own secret (a hash of PAYLOAD_SECRET).
    const payloadSecret = createHash('sha256').update(SECRET).digest('hex').slice(0, 32)
    const previewToken = encodePreviewToken(
      { collection: 'articles', expiresAt: Math.floor(Date.now() / 1000) + 600, id: articleId, locale: 'en', userId: adminId },
      payloadSecret,
    )
    const path = `/api/preview?token=${encodeURIComponent(previewToken)}`
    const response = await rawGet(`${server.url}${path}`)
    expect(response.status).toBe(200)
    expect(JSON.parse(response.body.toString()).doc.id).toBe(articleId)
    expect(response.headers['cache-control']).toBe('private, no-store')
    expect(response.headers.etag).toBeUndefined()
    expect(response.headers['referrer-policy']).toBe('no-referrer')

    const again = await rawGet(`${server.url}${path}`, { 'If-None-Match': '*' })
    expect(again.status).toBe(200)
  })
})

describe('GraphQL by GET', () => {
  it('answers queries with an ETag and 304, like REST', async () => {
    const first = await rawGet(`${server.url}${GRAPHQL_HOME}`)
    expect(first.status).toBe(200)
    expect(JSON.parse(first.body.toString()).data.WebsiteHome.latest[0].slug).toBe('us-japan-alliance')
    expect(first.headers['cache-control']).toMatch(/^public/)
    const again = await rawGet(`${server.url}${GRAPHQL_HOME}`, { 'If-None-Match': String(first.headers.etag) })
    expect(again.status).toBe(304)
  })

  it('refuses mutations sent by GET', async () => {
    const mutation = encodeURIComponent('mutation { createSection(data: { title: "By GET", slug: "by-get" }) { id } }')
    const response = await rawGet(`${server.url}/api/graphql?query=${mutation}`)
    expect(response.status).toBe(405)
    expect(response.headers['cache-control']).toBe('no-store')
  })
})

describe('CORS through the server', () => {
  it('allows the website origin with credentials, and nobody else', async () => {
    const allowed = await rawGet(`${server.url}${HOME}`, { Origin: WEBSITE })
    expect(allowed.headers['access-control-allow-origin']).toBe(WEBSITE)
    expect(allowed.headers['access-control-allow-credentials']).toBe('true')

    const refused = await rawGet(`${server.url}${HOME}`, { Origin: 'https://evil.example' })
    expect(refused.headers['access-control-allow-origin']).toBeUndefined()
    expect(refused.headers['access-control-allow-credentials']).toBeUndefined()
  })
})

describe('public paths', () => {
  it.each([
    ['/feeds/en/rss.xml', /^application\/rss\+xml/],
    ['/feeds/en/atom.xml', /^application\/atom\+xml/],
    ['/feeds/en/feed.json', /^application\/feed\+json/],
    ['/sitemap.xml', /xml/],
  ])('%s is served at the address feed readers and crawlers expect, cacheable like the API', async (path, type) => {
    const response = await rawGet(`${server.url}${path}`)
    expect(response.status).toBe(200)
    expect(response.headers['content-type']).toMatch(type)
    expect(response.headers['cache-control']).toMatch(/^public/)
    const again = await rawGet(`${server.url}${path}`, { 'If-None-Match': String(response.headers.etag) })
    expect(again.status).toBe(304)
  })

  it('answers OAI-PMH at /oai, by GET and by POST alike', async () => {
    const byGet = await rawGet(`${server.url}/oai?verb=Identify`)
    expect(byGet.status).toBe(200)
    expect(byGet.headers['content-type']).toMatch(/^text\/xml/)
    expect(byGet.body.toString()).toContain('<Identify>')
    const byPost = await fetch(`${server.url}/oai`, {
      body: 'verb=ListRecords&metadataPrefix=oai_dc',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      method: 'POST',
    })
    expect(byPost.status).toBe(200)
    expect(await byPost.text()).toContain('<dc:title')
  })

  it('names the article in its feed under its website address', async () => {
    const response = await rawGet(`${server.url}/feeds/en/rss.xml`)
    expect(response.body.toString()).toContain(`${WEBSITE}/en/articles/us-japan-alliance`)
  })
})
