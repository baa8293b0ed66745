import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import express from 'express'
import { createLocalReq, type Config, type PayloadRequest, type TypedUser } from 'payload'

import { ConfigurationError } from '../../src/settings/configurationError'
import { readStartupSettings } from '../../src/boot/startupSettings'
import { readPreviewEnvironment, type PreviewEnvironment } from '../../src/preview/settings'
import { securityHeaders } from '../../src/http/securityHeaders'
import { previewPlugin } from '../../src/preview/plugin'
import type { PreviewCollection } from '../../src/preview/previewPaths'
import { decodePreviewToken, encodePreviewToken } from '../../src/preview/previewToken'
import { previewUrlFor } from '../../src/preview/previewUrl'
import type { Article, Author, Section } from '../../src/payload-types'
import { JournalContent } from '../helpers/journalContent'
import { lexicalDocument } from '../helpers/lexical'
import { OpenApiSchemas } from '../helpers/openApi'
import { createRoleUsers, type RoleUser, type RoleUsers } from '../helpers/roleUsers'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'

/**
 * Live preview: the admin UI's preview URLs (made by the config's own
 * functions for a real signed-in user) carry a short-lived token, and the
 * website exchanges that token over REST, without any key, for the latest
 * draft of exactly the document it names.
 */

const WEBSITE = 'https://www.journal.example'
const PREVIEW_ENV = {
  WEBSITE_AUTHOR_PREVIEW_PATH: '/preview/authors/{id}?locale={locale}&token={token}',
  WEBSITE_URL: WEBSITE,
}

let suite: SuiteContext
let users: RoleUsers
let content: JournalContent
let journals: Section
let forum: Section
let author: Author
let schemas: OpenApiSchemas
let previewSchema: object
let savedEnv: Record<string, string | undefined>

type PreviewBody = { collection: string; doc: Record<string, unknown> & { id: string }; expiresAt: string; id: string; locale: string }
type ErrorBody = { errors: { message: string }[] }

beforeAll(async () => {
  savedEnv = Object.fromEntries(Object.keys(PREVIEW_ENV).map((name) => [name, process.env[name]]))
  Object.assign(process.env, PREVIEW_ENV)
  suite = await startPayloadForSuite('workflow-preview')
  users = await createRoleUsers(suite, 'preview')
  content = new JournalContent(suite.payload)
  journals = await content.section({ slug: 'journals', title: 'Journals' })
  forum = await content.section({ parent: journals.id, slug: 'master-forum', title: 'Master forum' })
  author = await content.author({ email: 'yuan@example.org', name: 'Yuan Zheng', slug: 'yuan-zheng' })

  const document = (await (await suite.rest.get('/api/openapi.json')).json()) as {
    components: Record<string, unknown>
    paths: Record<string, { get: { responses: Record<string, { content: Record<string, { schema: object }> }> } }>
  }
  schemas = new OpenApiSchemas(document)
  previewSchema = document.paths['/api/preview'].get.responses['200'].content['application/json'].schema
}, 120_000)

afterAll(async () => {
  await suite?.close()
  for (const [name, value] of Object.entries(savedEnv ?? {})) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
})

/** The user as the admin UI's server sees it: what GET /api/users/me answers for their session. */
async function signedIn(user: RoleUser): Promise<TypedUser> {
  const response = await suite.rest.get('/api/users/me', { token: user.token })
  const { user: me } = (await response.json()) as { user: TypedUser }
  expect(me.id).toBe(user.id)
  return me
}

async function requestOf(user: null | RoleUser, locale = 'en'): Promise<PayloadRequest> {
  return createLocalReq({ locale, user: user ? await signedIn(user) : undefined }, suite.payload)
}

/** The live preview pane's URL, from the sanitized config's own function. */
async function livePreviewUrl(collection: PreviewCollection, data: object, user: null | RoleUser, locale = 'en'): Promise<null | string | undefined> {
  const { url } = suite.config.admin.livePreview ?? {}
  if (typeof url !== 'function') throw new Error('admin.livePreview.url is not a function')
  return url({
    collectionConfig: suite.payload.collections[collection].config,
    data: data as Record<string, unknown>,
    locale: { code: locale, label: locale },
    payload: suite.payload,
    req: await requestOf(user, locale),
  })
}

/** The "Preview" button's URL, from the collection's own function. */
async function previewButtonUrl(collection: PreviewCollection, doc: object, user: RoleUser, locale = 'en'): Promise<null | string> {
  const preview = suite.payload.collections[collection].config.admin.preview
  if (!preview) throw new Error(`${collection} has no admin.preview`)
  return preview(doc as Record<string, unknown>, { locale, req: await requestOf(user, locale), token: user.token })
}

function tokenIn(url: null | string | undefined): string {
  if (!url) throw new Error(`no preview URL: ${url}`)
  const parsed = new URL(url)
  const token = parsed.searchParams.get('preview') ?? parsed.searchParams.get('token')
  if (!token) throw new Error(`no token in ${url}`)
  return token
}

async function exchange(token: string, extra = ''): Promise<Response> {
  return suite.rest.get(`/api/preview?token=${encodeURIComponent(token)}${extra}`)
}

async function errorOf(response: Response): Promise<string> {
  const body = (await response.json()) as ErrorBody
  schemas.expectValidAs('Error', body)
  return body.errors.map((error) => error.message).join(' ')
}

/** A published article whose newer draft carries unpublished changes in both languages. */
async function articleWithUnpublishedChanges(slug: string): Promise<Article> {
  const article = await content.article({
    authors: [author.id],
    body: lexicalDocument(['The published text.']) as Article['body'],
    lead: 'The published lead.',
    section: forum.id,
    slug,
    title: 'The US-Japan Alliance',
  })
  await suite.payload.update({
    collection: 'articles',
    data: { body: lexicalDocument(['已发表的正文。']) as Article['body'], lead: '已发表的导语。', title: '美日同盟' },
    id: article.id,
    locale: 'zh',
    overrideAccess: true,
  })
  await content.draftOf(article.id, 'The US-Japan Alliance, revised draft')
  await suite.payload.update({
    collection: 'articles',
    data: { _status: 'draft', title: '美日同盟（修订稿）' },
    draft: true,
    id: article.id,
    locale: 'zh',
    overrideAccess: true,
  })
  return suite.payload.findByID({ collection: 'articles', depth: 0, draft: true, id: article.id, overrideAccess: true })
}

describe('preview URLs in the admin UI', () => {
  it('turn on live preview for articles, authors and sections, with a Preview button on each', () => {
    expect(suite.config.admin.livePreview?.collections).toEqual(['articles', 'authors', 'sections'])
    for (const collection of ['articles', 'authors', 'sections'] as const) {
      expect(typeof suite.payload.collections[collection].config.admin.preview).toBe('function')
    }
    expect(suite.payload.collections.media.config.admin.preview).toBeUndefined()
  })

  it('point an article at its website page in the language being edited, with a token naming it', async () => {
    const article = await articleWithUnpublishedChanges('alliance-url')
    const url = await livePreviewUrl('articles', article, users.editor)
    expect(url).toMatch(new RegExp(`^${WEBSITE}/en/articles/alliance-url\\?preview=[A-Za-z0-9_.-]+$`))
    const claims = decodePreviewToken(tokenIn(url), suite.payload.secret)
    expect(claims).toMatchObject({ collection: 'articles', id: article.id, locale: 'en', userId: users.editor.id })
    const lifetime = claims!.expiresAt - Date.now() / 1000
    expect(lifetime).toBeGreaterThan(1500)
    expect(lifetime).toBeLessThanOrEqual(1800)

    const chinese = await livePreviewUrl('articles', article, users.editor, 'zh')
    expect(chinese).toMatch(new RegExp(`^${WEBSITE}/zh/articles/alliance-url\\?preview=`))
    expect(decodePreviewToken(tokenIn(chinese), suite.payload.secret)?.locale).toBe('zh')

    // The same URL for the button, and on every save within a few minutes: the pane does not reload each autosave.
    expect(await previewButtonUrl('articles', article, users.editor)).toBe(url)
    expect(await livePreviewUrl('articles', article, users.editor)).toBe(url)
  })

  it('point an author at the path set in WEBSITE_AUTHOR_PREVIEW_PATH', async () => {
    const url = await livePreviewUrl('authors', author, users.editor, 'zh')
    expect(url).toMatch(new RegExp(`^${WEBSITE}/preview/authors/${author.id}\\?locale=zh&token=[A-Za-z0-9_.-]+$`))
    expect(decodePreviewToken(tokenIn(url), suite.payload.secret)).toMatchObject({ collection: 'authors', id: author.id, locale: 'zh' })
  })

  it('point a section at its page under its parents', async () => {
    const url = await previewButtonUrl('sections', forum, users.admin)
    expect(url).toMatch(new RegExp(`^${WEBSITE}/en/sections/journals/master-forum\\?preview=`))
    expect(decodePreviewToken(tokenIn(url), suite.payload.secret)).toMatchObject({ collection: 'sections', id: forum.id })
  })

  it('are absent for people who cannot preview: nobody signed in, contacts staff', async () => {
    const article = await articleWithUnpublishedChanges('alliance-nobody')
    expect(await livePreviewUrl('articles', article, null)).toBeNull()
    expect(await livePreviewUrl('articles', article, users.contacts)).toBeNull()
    expect(await livePreviewUrl('sections', forum, users.contacts)).toBeNull()
  })

  it('are made for a contributor only for drafts it can read: its own, not another writer\'s', async () => {
    const created = await suite.rest.post('/api/articles?draft=true', {
      body: { _status: 'draft', authors: [author.id], section: forum.id, slug: 'contributor-own', title: 'My own draft' },
      token: users.contributor.token,
    })
    expect(created.status).toBe(201)
    const own = ((await created.json()) as { doc: Article }).doc
    const ownUrl = await livePreviewUrl('articles', own, users.contributor)
    expect(decodePreviewToken(tokenIn(ownUrl), suite.payload.secret)).toMatchObject({ id: own.id, userId: users.contributor.id })

    const editorsDraft = await content.article({ _status: 'draft', authors: [author.id], section: forum.id, slug: 'editors-draft', title: 'An editor\'s draft' })
    expect(await livePreviewUrl('articles', editorsDraft, users.contributor)).toBeNull()
    expect(await previewButtonUrl('articles', editorsDraft, users.contributor)).toBeNull()

    const answer = await exchange(tokenIn(ownUrl))
    expect(answer.status).toBe(200)
    expect(((await answer.json()) as PreviewBody).doc.title).toBe('My own draft')
  })
})

describe('GET /api/preview', () => {
  it('gives the website, without any key, the latest draft with its unpublished changes, depth 1, never cached', async () => {
    const article = await articleWithUnpublishedChanges('alliance-exchange')
    const response = await exchange(tokenIn(await livePreviewUrl('articles', article, users.editor)))
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('private, no-store')
    const body = (await response.json()) as PreviewBody
    schemas.expectValid(previewSchema, body, 'the preview answer')
    expect(body).toMatchObject({ collection: 'articles', id: article.id, locale: 'en' })
    expect(body.doc.title).toBe('The US-Japan Alliance, revised draft')
    expect(body.doc._status).toBe('draft')
    expect(body.doc.section).toMatchObject({ id: forum.id, slug: 'master-forum' })
    expect(body.doc.authors).toEqual([expect.objectContaining({ id: author.id, name: 'Yuan Zheng' })])
    // Editors-only details stay in the CMS.
    expect(body.doc).not.toHaveProperty('createdBy')
    expect(body.doc).not.toHaveProperty('reviewComments')
    expect(JSON.stringify(body)).not.toContain('yuan@example.org')

    // The public still reads the published text.
    const published = await suite.rest.get(`/api/website/articles/alliance-exchange`)
    expect(((await published.json()) as Article).title).toBe('The US-Japan Alliance')
  })

  it('answers in the token\'s language, unfinished translation included', async () => {
    const article = await articleWithUnpublishedChanges('alliance-zh')
    const response = await exchange(tokenIn(await livePreviewUrl('articles', article, users.editor, 'zh')))
    expect(response.status).toBe(200)
    const body = (await response.json()) as PreviewBody
    expect(body.locale).toBe('zh')
    expect(body.doc.title).toBe('美日同盟（修订稿）')
    expect(body.doc.lead).toBe('已发表的导语。')
  })

  it('answers authors and sections too', async () => {
    const authorAnswer = await exchange(tokenIn(await livePreviewUrl('authors', author, users.editor)))
    expect(authorAnswer.status).toBe(200)
    const authorBody = (await authorAnswer.json()) as PreviewBody
    schemas.expectValid(previewSchema, authorBody, 'the author preview')
    expect(authorBody.doc).toMatchObject({ id: author.id, name: 'Yuan Zheng' })
    expect(authorBody.doc).not.toHaveProperty('email')

    const sectionAnswer = await exchange(tokenIn(await livePreviewUrl('sections', forum, users.editor)), '&collection=sections&slug=master-forum')
    expect(sectionAnswer.status).toBe(200)
    expect(((await sectionAnswer.json()) as PreviewBody).doc).toMatchObject({ id: forum.id, slug: 'master-forum' })
  })

  it('refuses an expired token with 401', async () => {
    const article = await articleWithUnpublishedChanges('alliance-expired')
    const environment = readPreviewEnvironment(process.env) as PreviewEnvironment
    const url = await previewUrlFor({ ...environment, tokenTtlSeconds: 2 }, 'articles', article, 'en', await requestOf(users.editor))
    const token = tokenIn(url)
    expect((await exchange(token)).status).toBe(200)

    const { expiresAt } = decodePreviewToken(token, suite.payload.secret)!
    await new Promise((resolve) => setTimeout(resolve, expiresAt * 1000 - Date.now() + 50))
    const expired = await exchange(token)
    expect(expired.status).toBe(401)
    expect(await errorOf(expired)).toMatch(/preview token expired at .*open the preview again/)
  })

  it('refuses an altered token, or one not made by this CMS, with 401', async () => {
    const article = await articleWithUnpublishedChanges('alliance-altered')
    const other = await articleWithUnpublishedChanges('alliance-other')
    const token = tokenIn(await livePreviewUrl('articles', article, users.editor))
    const [body, signature] = token.split('.')

    // The claims changed to name another document, the signature kept.
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>
    const forged = `${Buffer.from(JSON.stringify({ ...claims, i: other.id })).toString('base64url')}.${signature}`
    const flipped = `${body}.${signature.slice(0, -2)}${signature.at(-2) === 'A' ? 'B' : 'A'}${signature.at(-1)}`
    const foreign = encodePreviewToken(decodePreviewToken(token, suite.payload.secret)!, 'another CMS secret of enough length')

    for (const bad of [forged, flipped, foreign, 'not-a-token', `${token}.extra`]) {
      const response = await exchange(bad)
      expect(response.status).toBe(401)
      expect(await errorOf(response)).toMatch(/not valid/)
    }
    const missing = await suite.rest.get('/api/preview')
    expect(missing.status).toBe(400)
    expect(await errorOf(missing)).toMatch(/token is required/)
  })

  it('refuses with 403 a token used for another document or collection than the one it names', async () => {
    const article = await articleWithUnpublishedChanges('alliance-elsewhere')
    const other = await articleWithUnpublishedChanges('alliance-elsewhere-other')
    const token = tokenIn(await livePreviewUrl('articles', article, users.editor))

    const wrongId = await exchange(token, `&id=${other.id}`)
    expect(wrongId.status).toBe(403)
    expect(await errorOf(wrongId)).toMatch(/for another document/)
    const wrongSlug = await exchange(token, '&slug=alliance-elsewhere-other')
    expect(wrongSlug.status).toBe(403)
    const wrongCollection = await exchange(token, '&collection=authors')
    expect(wrongCollection.status).toBe(403)
    expect(await errorOf(wrongCollection)).toMatch(/for a document of articles, not of authors/)

    const right = await exchange(token, `&collection=articles&id=${article.id}&slug=alliance-elsewhere`)
    expect(right.status).toBe(200)
  })

  it('answers 404 once the document is deleted', async () => {
    const draft = await content.article({ _status: 'draft', authors: [author.id], section: forum.id, slug: 'short-lived-draft', title: 'Short-lived draft' })
    const token = tokenIn(await livePreviewUrl('articles', draft, users.editor))
    expect((await exchange(token)).status).toBe(200)
    const deleted = await suite.rest.delete(`/api/articles/${draft.id}`, { token: users.editor.token })
    expect(deleted.status).toBe(200)
    const gone = await exchange(token)
    expect(gone.status).toBe(404)
    expect(await errorOf(gone)).toMatch(/no longer exists/)
  })

  it('reads with the access of whoever opened the preview: a contributor\'s token never shows another writer\'s draft', async () => {
    const article = await articleWithUnpublishedChanges('alliance-contributor')
    const url = await livePreviewUrl('articles', article, users.contributor)
    const response = await exchange(tokenIn(url))
    expect(response.status).toBe(200)
    // Contributors read published articles, not the editors' unpublished drafts of them.
    expect(((await response.json()) as PreviewBody).doc.title).toBe('The US-Japan Alliance')
  })

  it('refuses with 403 once the account that opened the preview may no longer preview', async () => {
    const account = { email: 'preview-leaving@example.org', name: 'Leaving contributor', password: 'a long leaving passphrase' }
    const created = await suite.rest.post('/api/users', { body: { ...account, roles: ['contributor'] }, token: users.admin.token })
    expect(created.status).toBe(201)
    const { doc: leaving } = (await created.json()) as { doc: { id: string } }
    const leavingUser: RoleUser = { ...account, id: leaving.id, role: 'contributor', token: await suite.rest.login(account.email, account.password) }
    const draft = await suite.rest.post('/api/articles?draft=true', {
      body: { _status: 'draft', authors: [author.id], section: forum.id, slug: 'leaving-draft', title: 'Draft of a leaving contributor' },
      token: leavingUser.token,
    })
    const { doc } = (await draft.json()) as { doc: Article }
    const token = tokenIn(await livePreviewUrl('articles', doc, leavingUser))
    expect((await exchange(token)).status).toBe(200)

    const demoted = await suite.rest.patch(`/api/users/${leaving.id}`, { body: { roles: ['contacts'] }, token: users.admin.token })
    expect(demoted.status).toBe(200)
    const refused = await exchange(token)
    expect(refused.status).toBe(403)
    expect(await errorOf(refused)).toMatch(/may no longer preview/)
  })
})

describe('preview settings', () => {
  const base = { WEBSITE_URL: WEBSITE }

  function problemOf(env: Record<string, string>): string {
    try {
      readPreviewEnvironment(env)
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError)
      return (error as Error).message
    }
    throw new Error('expected a ConfigurationError')
  }

  it('default to each page template with ?preview={token} and a 30-minute token', () => {
    expect(readPreviewEnvironment({ ...base, WEBSITE_ARTICLE_PATH: '/a/{slug}' })).toEqual({
      paths: {
        articles: '/a/{slug}?preview={token}',
        authors: '/{locale}/authors/{slug}?preview={token}',
        sections: '/{locale}/sections/{path}?preview={token}',
      },
      tokenTtlSeconds: 1800,
      websiteUrl: WEBSITE,
    })
  })

  it('turn preview off without WEBSITE_URL, or per collection with off', () => {
    expect(readPreviewEnvironment({})).toBeNull()
    expect(readPreviewEnvironment({ ...base, WEBSITE_AUTHOR_PREVIEW_PATH: 'off' })?.paths.authors).toBeNull()
  })

  it('refuse templates and lifetimes that cannot work, naming the setting', () => {
    expect(problemOf({ ...base, WEBSITE_ARTICLE_PREVIEW_PATH: '/{locale}/articles/{slug}' })).toMatch(/WEBSITE_ARTICLE_PREVIEW_PATH must contain \{token\}/)
    expect(problemOf({ ...base, WEBSITE_ARTICLE_PREVIEW_PATH: '/preview?token={token}' })).toMatch(/must contain \{id\} or \{slug\}/)
    expect(problemOf({ ...base, WEBSITE_AUTHOR_PREVIEW_PATH: '/authors/{path}?t={token}' })).toMatch(/WEBSITE_AUTHOR_PREVIEW_PATH has an unknown placeholder \{path\}/)
    expect(problemOf({ ...base, WEBSITE_SECTION_PREVIEW_PATH: 'preview/{id}?t={token}' })).toMatch(/must be a path starting with "\/"/)
    expect(problemOf({ ...base, WEBSITE_SECTION_PREVIEW_PATH: '/s/{id}?t={token}#top' })).toMatch(/without a fragment/)
    expect(problemOf({ ...base, PREVIEW_TOKEN_TTL_SECONDS: '10' })).toMatch(/PREVIEW_TOKEN_TTL_SECONDS must be a whole number from 60 to 86400/)
    // Bad values are reported even while preview is off.
    expect(problemOf({ PREVIEW_TOKEN_TTL_SECONDS: 'soon' })).toMatch(/PREVIEW_TOKEN_TTL_SECONDS/)
    // The server checks them when it starts.
    expect(() => readStartupSettings({ WEBSITE_SECTION_PREVIEW_PATH: '/s/{slug}' })).toThrow(/WEBSITE_SECTION_PREVIEW_PATH must contain \{token\}/)
  })

  it('leave the admin UI without preview button or pane when WEBSITE_URL is not set', async () => {
    const config = { collections: [{ fields: [{ name: 'title', type: 'text' }], slug: 'articles' }], secret: 'x' } as Config
    const withoutWebsite = await previewPlugin(readPreviewEnvironment({}))(config)
    expect(withoutWebsite.admin?.livePreview).toBeUndefined()
    expect(withoutWebsite.collections?.[0].admin?.preview).toBeUndefined()

    const withWebsite = await previewPlugin(readPreviewEnvironment(base))(config)
    expect(withWebsite.admin?.livePreview?.collections).toEqual(['articles'])
    expect(typeof withWebsite.collections?.[0].admin?.preview).toBe('function')
  })

  it('let the admin UI frame the website for the live preview pane, and nothing else', async () => {
    const app = express()
    app.use(securityHeaders({ development: false, frameSources: [WEBSITE] }))
    app.get('/', (_req, res) => {
      res.send('ok')
    })
    const server = app.listen(0)
    try {
      await new Promise((resolve) => server.once('listening', resolve))
      const address = server.address()
      const port = address && typeof address === 'object' ? address.port : 0
      const policy = (await fetch(`http://127.0.0.1:${port}/`)).headers.get('content-security-policy') ?? ''
      expect(policy).toContain(`frame-src 'self' ${WEBSITE}`)
      expect(policy).toContain("frame-ancestors 'self'")
    } finally {
      server.close()
    }
  })
})
