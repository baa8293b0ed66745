import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { Article, Author, Media, Section } from '../../src/payload-types'
import { JournalContent } from '../helpers/journalContent'
import { lexicalDocument } from '../helpers/lexical'
import { readJson } from '../helpers/responses'
import { createRoleUsers, type RoleUsers } from '../helpers/roleUsers'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'

/**
 * The calls the website makes (docs/api.md), over REST and GraphQL, against
 * a small bilingual journal: Journals › Master forum and World affairs, two
 * authors, a bilingual article, an English-only one, one with a newer
 * unpublished draft and one never published.
 */

let suite: SuiteContext
let users: RoleUsers
let content: JournalContent
let journals: Section
let masterForum: Section
let worldAffairs: Section
let yuan: Author
let li: Author
let portrait: Media
let bilingual: Article
let withDraft: Article

type Summary = {
  authors: { name: string; slug: string }[]
  availableLocales: string[]
  body?: unknown
  contentLocale: null | string
  id: string
  lead?: string
  section: { breadcrumbs: { label: string; url: string }[]; slug: string; title: string }
  slug: string
  title: string
  translations: { locale: string; slug: string }[]
}
type Page<T> = { docs: T[]; hasNextPage: boolean; hasPrevPage: boolean; limit: number; page: number; totalDocs: number; totalPages: number }
type Home = { latest: Summary[]; sections: { articles: Summary[]; section: { slug: string; title: string } }[] }
type SectionPage = { articles: Page<Summary>; children: { slug: string; title: string }[]; section: { breadcrumbs: { label: string; url: string }[]; slug: string; title: string } }
type FullArticle = Summary & {
  authors: { affiliation: string; name: string; photo: { alt: string; url: string } | null; position: string; slug: string }[]
  body: unknown
}
type AuthorPage = { articles: Page<Summary>; author: { name: string; position: string; slug: string } }
type Graphql<T> = { data?: T; errors?: { message: string }[] }

const body = (text: string) => lexicalDocument([text])

async function get<T>(path: `/api/${string}`, token?: string): Promise<{ json: T; status: number }> {
  const { body, status } = await readJson<T>(suite.rest.get(path, { token }))
  return { json: body, status }
}

async function graphql<T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const response = await suite.rest.graphql(query, variables, { token })
  const json = (await response.json()) as Graphql<T>
  if (json.errors?.length || !json.data) throw new Error(`GraphQL answered ${response.status}: ${JSON.stringify(json.errors)}`)
  return json.data
}

const slugs = (articles: { slug: string }[]) => articles.map((article) => article.slug)

beforeAll(async () => {
  suite = await startPayloadForSuite('website-calls')
  users = await createRoleUsers(suite, 'website-calls')
  content = new JournalContent(suite.payload)

  journals = await content.section({ order: 1, slug: 'journals', title: 'Journals' })
  masterForum = await content.section({ order: 2, parent: journals.id, slug: 'master-forum', title: 'Master forum' })
  worldAffairs = await content.section({ order: 3, slug: 'world-affairs', title: 'World affairs' })
  await suite.payload.update({ collection: 'sections', data: { title: '期刊' }, id: journals.id, locale: 'zh', overrideAccess: true })
  await suite.payload.update({ collection: 'sections', data: { title: '大家论坛' }, id: masterForum.id, locale: 'zh', overrideAccess: true })

  portrait = await content.media('Portrait of Yuan Zheng')
  yuan = await content.author({
    affiliation: 'Institute of American Studies, CASS',
    name: 'Yuan Zheng',
    photo: portrait.id,
    position: 'Director of Department of American Diplomacy',
    slug: 'yuan-zheng',
  })
  await suite.payload.update({
    collection: 'authors',
    data: { affiliation: '中国社会科学院美国研究所', name: '袁征', position: '美国外交研究室主任' },
    id: yuan.id,
    locale: 'zh',
    overrideAccess: true,
  })
  li = await content.author({ name: 'Li Wei', slug: 'li-wei' })

  bilingual = await content.article({
    authors: [yuan.id, li.id],
    body: body('The alliance has been strengthened.') as Article['body'],
    lead: 'How the alliance shapes relations between China and Japan.',
    publishedAt: '2018-06-01T00:00:00.000Z',
    section: masterForum.id,
    slug: 'us-japan-alliance',
    title: 'The US-Japan Alliance and the Sino-Japanese Relations',
  })
  await suite.payload.update({
    collection: 'articles',
    data: { body: body('美日同盟得到加强。') as Article['body'], lead: '美日同盟如何影响中日关系。', title: '美日同盟与中日关系' },
    id: bilingual.id,
    locale: 'zh',
    overrideAccess: true,
  })
  await content.article({
    authors: [li.id],
    body: body('Only in English so far.') as Article['body'],
    lead: 'An English-only article.',
    publishedAt: '2018-07-01T00:00:00.000Z',
    section: masterForum.id,
    slug: 'english-only',
    title: 'English only',
  })
  withDraft = await content.article({
    authors: [yuan.id],
    body: body('World affairs text.') as Article['body'],
    lead: 'A world affairs article.',
    publishedAt: '2018-05-01T00:00:00.000Z',
    section: worldAffairs.id,
    slug: 'world-order',
    title: 'World order',
  })
  await content.draftOf(withDraft.id, 'World order (revised, unpublished)')
  await content.article({
    _status: 'draft',
    authors: [yuan.id],
    body: body('Not yet.') as Article['body'],
    lead: 'Unpublished.',
    section: masterForum.id,
    slug: 'not-yet',
    title: 'Not yet published',
  })
})

afterAll(async () => {
  await suite?.close()
})

describe('home', () => {
  it('lists the newest published articles overall and per section, without bodies', async () => {
    const { json, status } = await get<Home>('/api/website/home?perSection=1')
    expect(status).toBe(200)
    expect(slugs(json.latest)).toEqual(['english-only', 'us-japan-alliance', 'world-order'])
    expect(json.latest.every((article) => article.body === undefined)).toBe(true)
    expect(json.latest[1].authors.map((author) => author.name)).toEqual(['Yuan Zheng', 'Li Wei'])
    expect(json.latest[1].section).toMatchObject({ slug: 'master-forum', title: 'Master forum' })
    expect(json.sections.map(({ articles, section }) => [section.slug, slugs(articles)])).toEqual([
      ['master-forum', ['english-only']],
      ['world-affairs', ['world-order']],
    ])
  })

  it('answers the same over GraphQL', async () => {
    const data = await graphql<{ WebsiteHome: Home }>(
      `{ WebsiteHome(perSection: 1) { latest { slug title body } sections { section { slug } articles { slug } } } }`,
    )
    expect(slugs(data.WebsiteHome.latest)).toEqual(['english-only', 'us-japan-alliance', 'world-order'])
    expect(data.WebsiteHome.latest.every((article) => article.body === null)).toBe(true)
    expect(data.WebsiteHome.sections.map(({ articles, section }) => [section.slug, slugs(articles)])).toEqual([
      ['master-forum', ['english-only']],
      ['world-affairs', ['world-order']],
    ])
  })
})

describe('section page', () => {
  it('gives the section with breadcrumbs, its sub-sections and its branch of articles, paginated', async () => {
    const first = await get<SectionPage>('/api/website/sections/journals?limit=1')
    expect(first.status).toBe(200)
    expect(first.json.section).toMatchObject({ slug: 'journals', title: 'Journals' })
    expect(first.json.children.map((child) => child.slug)).toEqual(['master-forum'])
    expect(first.json.articles).toMatchObject({ hasNextPage: true, limit: 1, page: 1, totalDocs: 2, totalPages: 2 })
    expect(slugs(first.json.articles.docs)).toEqual(['english-only'])

    const second = await get<SectionPage>('/api/website/sections/journals?limit=1&page=2')
    expect(slugs(second.json.articles.docs)).toEqual(['us-japan-alliance'])

    const child = await get<SectionPage>('/api/website/sections/master-forum?locale=zh')
    expect(child.json.section.breadcrumbs.map((crumb) => crumb.label)).toEqual(['期刊', '大家论坛'])
    expect(child.json.section.breadcrumbs.map((crumb) => crumb.url)).toEqual(['/journals', '/journals/master-forum'])
  })

  it('answers the same over GraphQL', async () => {
    const data = await graphql<{ WebsiteSection: SectionPage }>(
      `query ($slug: String!) { WebsiteSection(slug: $slug, limit: 1, page: 2) {
         section { slug title breadcrumbs { label url } } children { slug }
         articles { docs { slug } page totalPages totalDocs hasNextPage hasPrevPage limit } } }`,
      { slug: 'journals' },
    )
    expect(data.WebsiteSection.section.slug).toBe('journals')
    expect(data.WebsiteSection.children.map((child) => child.slug)).toEqual(['master-forum'])
    expect(data.WebsiteSection.articles).toMatchObject({ hasNextPage: false, hasPrevPage: true, page: 2, totalDocs: 2, totalPages: 2 })
    expect(slugs(data.WebsiteSection.articles.docs)).toEqual(['us-japan-alliance'])
  })

  it('answers 404 for a section that does not exist, and null over GraphQL', async () => {
    const { json, status } = await get<{ errors: { message: string }[] }>('/api/website/sections/no-such-section')
    expect(status).toBe(404)
    expect(json.errors[0].message).toContain('no-such-section')
    const data = await graphql<{ WebsiteSection: null }>(`{ WebsiteSection(slug: "no-such-section") { section { slug } } }`)
    expect(data.WebsiteSection).toBeNull()
  })
})

describe('article page', () => {
  it('gives the whole article with its authors, their photos, its section and breadcrumbs in one request', async () => {
    const { json, status } = await get<FullArticle>('/api/website/articles/us-japan-alliance')
    expect(status).toBe(200)
    expect(json.title).toBe('The US-Japan Alliance and the Sino-Japanese Relations')
    expect(json.body).toBeTruthy()
    expect(json.authors[0]).toMatchObject({
      affiliation: 'Institute of American Studies, CASS',
      name: 'Yuan Zheng',
      position: 'Director of Department of American Diplomacy',
      slug: 'yuan-zheng',
    })
    expect(json.authors[0].photo).toMatchObject({ alt: 'Portrait of Yuan Zheng' })
    expect(json.authors[0].photo?.url).toMatch(/\/api\/media\/file\/image-\d+\.png$/)
    expect(json.authors[1].name).toBe('Li Wei')
    expect(json.authors[1].photo ?? null).toBeNull()
    expect(json.section.breadcrumbs.map((crumb) => crumb.label)).toEqual(['Journals', 'Master forum'])
  })

  it('answers the same over GraphQL, in Chinese', async () => {
    const data = await graphql<{ WebsiteArticle: FullArticle }>(
      `{ WebsiteArticle(slug: "us-japan-alliance", locale: zh) {
           title contentLocale translations { locale slug }
           authors { name position affiliation slug photo { alt url } }
           section { title breadcrumbs { label } } } }`,
    )
    const article = data.WebsiteArticle
    expect(article.title).toBe('美日同盟与中日关系')
    expect(article.contentLocale).toBe('zh')
    expect(article.translations).toEqual([{ locale: 'en', slug: 'us-japan-alliance' }])
    expect(article.authors[0]).toMatchObject({ affiliation: '中国社会科学院美国研究所', name: '袁征', position: '美国外交研究室主任' })
    expect(article.authors[0].photo).toMatchObject({ alt: 'Portrait of Yuan Zheng' })
    expect(article.section.breadcrumbs.map((crumb) => crumb.label)).toEqual(['期刊', '大家论坛'])
  })

  it('never serves an unpublished article to anonymous readers, over either API', async () => {
    expect((await get('/api/website/articles/not-yet')).status).toBe(404)
    expect((await get('/api/website/articles/not-yet?draft=true')).status).toBe(404)
    const data = await graphql<{ WebsiteArticle: null }>(`{ WebsiteArticle(slug: "not-yet", draft: true) { title } }`)
    expect(data.WebsiteArticle).toBeNull()
  })

  it('serves the published version to readers and the newer draft to editors who ask for it', async () => {
    expect((await get<Summary>('/api/website/articles/world-order?draft=true')).json.title).toBe('World order')
    const editor = users.editor.token
    expect((await get<Summary>('/api/website/articles/world-order?draft=true', editor)).json.title).toBe('World order (revised, unpublished)')
    expect((await get<Summary>('/api/website/articles/not-yet?draft=true', editor)).json.title).toBe('Not yet published')
    const data = await graphql<{ WebsiteArticle: Summary }>(`{ WebsiteArticle(slug: "world-order", draft: true) { title } }`, {}, editor)
    expect(data.WebsiteArticle.title).toBe('World order (revised, unpublished)')
  })
})

describe('preview with the website key', () => {
  it('gets the newer draft and never-published articles when it asks for drafts, and the published text otherwise', async () => {
    const key = randomUUID()
    const created = await suite.rest.post('/api/users', {
      body: { apiKey: key, email: 'website@website-calls.example.org', enableAPIKey: true, name: 'Website', password: randomUUID(), roles: ['website'] },
      token: users.admin.token,
    })
    expect(created.status).toBe(201)
    const headers = { Authorization: `users API-Key ${key}` }
    const title = async (path: `/api/${string}`) => (await readJson<Summary>(suite.rest.get(path, { headers }))).body.title

    expect(await title('/api/website/articles/world-order')).toBe('World order')
    expect(await title('/api/website/articles/world-order?draft=true')).toBe('World order (revised, unpublished)')
    expect(await title('/api/website/articles/not-yet?draft=true')).toBe('Not yet published')
    expect((await suite.rest.get('/api/website/articles/not-yet', { headers })).status).toBe(404)
    const home = await readJson<Home>(suite.rest.get('/api/website/home?draft=true', { headers }))
    expect(slugs(home.body.latest)).toContain('not-yet')
  })
})

describe('author page', () => {
  it('gives the author and their published articles, newest first', async () => {
    const { json, status } = await get<AuthorPage>('/api/website/authors/yuan-zheng')
    expect(status).toBe(200)
    expect(json.author).toMatchObject({ name: 'Yuan Zheng', position: 'Director of Department of American Diplomacy', slug: 'yuan-zheng' })
    expect(slugs(json.articles.docs)).toEqual(['us-japan-alliance', 'world-order'])
    expect(json.articles.totalDocs).toBe(2)
    expect(json.articles.docs.every((article) => article.body === undefined)).toBe(true)
  })

  it('answers the same over GraphQL', async () => {
    const data = await graphql<{ WebsiteAuthor: AuthorPage }>(
      `{ WebsiteAuthor(slug: "li-wei", locale: zh) { author { name } articles { totalDocs docs { slug title contentLocale } } } }`,
    )
    expect(data.WebsiteAuthor.author.name).toBe('Li Wei')
    expect(data.WebsiteAuthor.articles.docs.map((article) => [article.slug, article.contentLocale])).toEqual([
      ['english-only', 'en'],
      ['us-japan-alliance', 'zh'],
    ])
  })
})

describe('language', () => {
  it('says which language each article is really in, and where the other one is', async () => {
    const { json } = await get<Home>('/api/website/home?locale=zh')
    const bySlug = Object.fromEntries(json.latest.map((article) => [article.slug, article]))
    expect(bySlug['us-japan-alliance']).toMatchObject({
      availableLocales: ['en', 'zh'],
      contentLocale: 'zh',
      title: '美日同盟与中日关系',
      translations: [{ locale: 'en', slug: 'us-japan-alliance' }],
    })
    // Not translated: the English text, labelled as such, with no Chinese version to link to.
    expect(bySlug['english-only']).toMatchObject({ contentLocale: 'en', title: 'English only', translations: [] })

    const english = await get<FullArticle>('/api/website/articles/us-japan-alliance?locale=en')
    expect(english.json).toMatchObject({ contentLocale: 'en', translations: [{ locale: 'zh', slug: 'us-japan-alliance' }] })
  })

  it('returns every language side by side with locale=all', async () => {
    const { json, status } = await get<{ contentLocale: null; title: Record<string, string> }>('/api/website/articles/us-japan-alliance?locale=all')
    expect(status).toBe(200)
    expect(json.title).toEqual({ en: 'The US-Japan Alliance and the Sino-Japanese Relations', zh: '美日同盟与中日关系' })
    expect(json.contentLocale).toBeNull()
  })

  it('labels the language in Payload’s own list endpoint too', async () => {
    const { json } = await get<{ docs: Summary[] }>(`/api/articles?locale=zh&where[slug][equals]=english-only`)
    expect(json.docs[0]).toMatchObject({ contentLocale: 'en', translations: [] })
  })

  it('refuses a language it does not have', async () => {
    const { json, status } = await get<{ errors: { message: string }[] }>('/api/website/home?locale=fr')
    expect(status).toBe(400)
    expect(json.errors[0].message).toBe('locale must be one of en, zh, all')
  })
})

describe('limits', () => {
  it.each([
    ['/api/website/home?limit=101', 'limit must be at most 100'],
    ['/api/website/home?limit=0', 'limit must be a whole number from 1 to 100'],
    ['/api/website/home?perSection=50', 'perSection must be at most 20'],
    ['/api/website/sections/journals?page=0', 'page must be a whole number from 1 to 10000'],
    ['/api/website/authors/yuan-zheng?limit=abc', 'limit must be a whole number from 1 to 100'],
  ] as const)('%s is refused with a 400 that says why', async (path, message) => {
    const { json, status } = await get<{ errors: { message: string }[] }>(path)
    expect(status).toBe(400)
    expect(json.errors[0].message).toBe(message)
  })
})

describe('contact directory over GraphQL', () => {
  it('groups the visible entries by organisation and kind', async () => {
    await content.contact({ kind: 'office', name: 'Administrative Office', order: 1, organization: 'association' })
    await content.contact({ kind: 'department', name: 'Hidden Department', order: 2, organization: 'association', visible: false })
    const data = await graphql<{ ContactDirectory: { organizations: { kinds: { entries: { name: string }[]; kind: string }[]; organization: string }[] } }>(
      `{ ContactDirectory { organizations { organization kinds { kind entries { name } } } } }`,
    )
    const rest = await get<{ organizations: unknown[] }>('/api/contacts/directory')
    expect(data.ContactDirectory.organizations).toEqual([
      { kinds: [{ entries: [{ name: 'Administrative Office' }], kind: 'office' }], organization: 'association' },
    ])
    expect((rest.json.organizations as { organization: string }[]).map((group) => group.organization)).toEqual(['association'])
  })
})
