import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createLocalReq } from 'payload'

import { searchResultsSchema } from '../../src/search/openapi'
import { runSearch, SEARCH_LIMITS } from '../../src/search/runSearch'
import { searchEntriesModel } from '../../src/search/indexWriter'
import type { Article, Author, Section } from '../../src/payload-types'
import { indexBuildsFinished } from '../helpers/indexBuilds'
import { JournalContent } from '../helpers/journalContent'
import { lexicalDocument } from '../helpers/lexical'
import { OpenApiSchemas } from '../helpers/openApi'
import { readJson } from '../helpers/responses'
import { createRoleUsers, type RoleUsers } from '../helpers/roleUsers'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'

/**
 * GET /api/search and the Search GraphQL query against a small bilingual
 * journal: an English and Chinese article on the US–Japan alliance, an
 * English article that mentions alliances only in its body, a never
 * published draft, a published article with a newer unpublished draft, and
 * a run of articles on tariffs to page through.
 */

type Hit = {
  authors: { name: string; slug: string }[]
  highlightedTitle: string
  id: string
  kind: 'article' | 'author'
  locale: string
  publishedAt: null | string
  score: number
  section: { id: string; slug: string; title: string } | null
  slug: string
  snippet: string
  title: string
  url: string
}
type Results = {
  docs: Hit[]
  hasNextPage: boolean
  hasPrevPage: boolean
  limit: number
  page: number
  totalDocs: number
  totalDocsExact: boolean
  totalPages: number
}
type ErrorBody = { errors: { message: string }[] }

let suite: SuiteContext
let users: RoleUsers
let content: JournalContent
let journals: Section
let masterForum: Section
let worldAffairs: Section
let yuan: Author
let li: Author
let alliance: Article
let neverPublished: Article
let withDraft: Article
const tariffArticles: Article[] = []

const body = (...paragraphs: string[]) => lexicalDocument(paragraphs)
const day = (n: number) => new Date(Date.UTC(2024, 0, n)).toISOString()

async function search(query: string, token?: string): Promise<Results> {
  const { body: json, status } = await readJson<Results>(suite.rest.get(`/api/search?${query}`, { token }))
  if (status !== 200) throw new Error(`search ${query} answered ${status}: ${JSON.stringify(json)}`)
  return json
}

const slugsOf = (results: Results) => results.docs.map((hit) => hit.slug)

beforeAll(async () => {
  suite = await startPayloadForSuite('search')
  await indexBuildsFinished(suite.payload)
  users = await createRoleUsers(suite, 'search')
  content = new JournalContent(suite.payload)

  journals = await content.section({ order: 1, slug: 'journals', title: 'Journals' })
  masterForum = await content.section({ order: 2, parent: journals.id, slug: 'master-forum', title: 'Master forum' })
  worldAffairs = await content.section({ order: 3, slug: 'world-affairs', title: 'World affairs' })
  await suite.payload.update({ collection: 'sections', data: { title: '大家论坛' }, id: masterForum.id, locale: 'zh', overrideAccess: true })

  yuan = await content.author({ affiliation: 'Institute of American Studies, CASS', name: 'Yuan Zheng', position: 'Director', slug: 'yuan-zheng' })
  await suite.payload.update({ collection: 'authors', data: { name: '袁征' }, id: yuan.id, locale: 'zh', overrideAccess: true })
  li = await content.author({ name: 'Li Wei', slug: 'li-wei' })

  alliance = await content.article({
    authors: [yuan.id],
    body: body(
      'After the Cold War the alliance drifted, was redefined and grew stronger.',
      'Tokyo and Washington also talked with NATO about <b>security</b> & trade.',
    ),
    keywords: ['security'],
    lead: 'How the US–Japan alliance changed after 1991.',
    publishedAt: day(1),
    section: masterForum.id,
    slug: 'us-japan-alliance',
    title: 'The US–Japan Alliance after the Cold War',
  })
  await suite.payload.update({
    collection: 'articles',
    data: {
      _status: 'published',
      body: body('冷战结束以后，美日同盟经历了漂流、再定义和强化的过程。', '日美两国也与NATO进行了对话。'),
      lead: '本文讨论冷战后美日同盟的演变。',
      title: '冷战后的美日同盟',
    },
    id: alliance.id,
    locale: 'zh',
    overrideAccess: true,
  })
  // Newer than the alliance article, and mentions alliances only in its body.
  await content.article({
    authors: [li.id],
    body: body('Regional alliances shape both trade and security in East Asia.'),
    lead: 'Ports, shipping lanes and markets.',
    publishedAt: day(20),
    section: worldAffairs.id,
    slug: 'east-asian-trade',
    title: 'Trade and Security in East Asia',
  })
  neverPublished = await content.article({
    _status: 'draft',
    authors: [li.id],
    body: body('A zanzibar alliance nobody has read.'),
    lead: 'Unpublished.',
    section: worldAffairs.id,
    slug: 'unpublished-memo',
    title: 'Secret Zanzibar Alliance Memo',
  })
  withDraft = await content.article({
    authors: [li.id],
    body: body('Fisheries and coast guards in the Pacific.'),
    lead: 'The sea lanes.',
    publishedAt: day(5),
    section: worldAffairs.id,
    slug: 'maritime-policy',
    title: 'Maritime Policy Review',
  })
  await suite.payload.update({
    collection: 'articles',
    data: { _status: 'draft', body: body('A quokka appears in the draft only.'), title: 'Maritime Policy Review with Quokka' },
    draft: true,
    id: withDraft.id,
    overrideAccess: true,
  })
  const archive = await content.section({ active: false, order: 4, slug: 'archive', title: 'Archive' })
  await content.article({
    authors: [li.id],
    body: body('Notes on the okapi trade.'),
    lead: 'From the archive.',
    publishedAt: day(2),
    section: archive.id,
    slug: 'archived-okapi',
    title: 'Okapi notes',
  })
  for (let n = 1; n <= 7; n++) {
    tariffArticles.push(
      await content.article({
        authors: [li.id],
        body: body(`Tariffs were raised ${n} times in this story.`),
        lead: `Story number ${n}.`,
        publishedAt: day(30 + n),
        section: worldAffairs.id,
        slug: `tariff-story-${n}`,
        title: `Customs story ${n}`,
      }),
    )
  }
})

afterAll(async () => {
  await suite?.close()
})

describe('GET /api/search', () => {
  it('finds English words by their stem: "alliance" finds "alliances", "alliances" finds "alliance"', async () => {
    const singular = await search('q=alliance')
    expect(slugsOf(singular)).toEqual(expect.arrayContaining(['us-japan-alliance', 'east-asian-trade']))
    const plural = await search('q=Alliances')
    expect(slugsOf(plural)).toEqual(slugsOf(singular))
    const hit = singular.docs.find((doc) => doc.slug === 'east-asian-trade')
    expect(hit?.snippet).toContain('<mark>alliances</mark>')
  })

  it('finds Chinese text: "美日同盟" finds the Chinese article, highlighted in title and snippet', async () => {
    const results = await search(`q=${encodeURIComponent('美日同盟')}&locale=zh`)
    expect(results.totalDocs).toBe(1)
    const [hit] = results.docs
    expect(hit).toMatchObject({ id: String(alliance.id), kind: 'article', locale: 'zh', slug: 'us-japan-alliance', title: '冷战后的美日同盟' })
    expect(hit.highlightedTitle).toBe('冷战后的<mark>美日同盟</mark>')
    expect(hit.snippet).toContain('<mark>美日同盟</mark>')
    expect(hit.authors).toEqual([{ name: '袁征', slug: 'yuan-zheng' }])
    expect(hit.section).toEqual({ id: String(masterForum.id), slug: 'master-forum', title: '大家论坛' })
    expect(hit.url).toBe('http://localhost:3000/zh/articles/us-japan-alliance')
    // The English text does not contain it.
    expect((await search(`q=${encodeURIComponent('美日同盟')}&locale=en`)).totalDocs).toBe(0)
  })

  it('finds a Chinese phrase wherever it stands, and not characters that are only apart', async () => {
    expect(slugsOf(await search(`q=${encodeURIComponent('再定义')}&locale=zh`))).toEqual(['us-japan-alliance'])
    expect((await search(`q=${encodeURIComponent('美国同盟')}&locale=zh`)).totalDocs).toBe(0)
  })

  it('ranks a match in the title above a match in the body, even when the body match is newer', async () => {
    const results = await search('q=alliance')
    const order = slugsOf(results)
    expect(order.indexOf('us-japan-alliance')).toBeLessThan(order.indexOf('east-asian-trade'))
    const [first, second] = results.docs
    expect(first.score).toBeGreaterThan(second.score)
    expect(new Date(second.publishedAt ?? 0).getTime()).toBeGreaterThan(new Date(first.publishedAt ?? 0).getTime())
  })

  it('requires every word of the query, in any field', async () => {
    // Each has one word in its title and the other in its body: equal scores, the newer first.
    expect(slugsOf(await search('q=alliance+trade'))).toEqual(['east-asian-trade', 'us-japan-alliance'])
    expect(slugsOf(await search('q=alliance+fisheries'))).toEqual([])
  })

  it('cuts a short snippet around the matches, HTML-escaped except for <mark>', async () => {
    const [hit] = (await search('q=security+NATO')).docs
    expect(hit.slug).toBe('us-japan-alliance')
    expect(hit.snippet).toContain('<mark>NATO</mark>')
    expect(hit.snippet).toContain('&lt;b&gt;<mark>security</mark>&lt;/b&gt; &amp; trade')
    expect(hit.snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/)
    expect(hit.snippet.replace(/<\/?mark>/g, '').length).toBeLessThanOrEqual(220)
    expect(hit.highlightedTitle).toBe('The US–Japan Alliance after the Cold War')
  })

  it('pages through the hits with a total, newest first among equals, without overlap', async () => {
    const first = await search('q=tariffs&limit=3')
    expect(first).toMatchObject({ hasNextPage: true, hasPrevPage: false, limit: 3, page: 1, totalDocs: 7, totalDocsExact: true, totalPages: 3 })
    const second = await search('q=tariffs&limit=3&page=2')
    const third = await search('q=tariffs&limit=3&page=3')
    expect(third).toMatchObject({ hasNextPage: false, hasPrevPage: true, page: 3 })
    expect(third.docs).toHaveLength(1)
    const all = [...first.docs, ...second.docs, ...third.docs].map((hit) => hit.slug)
    expect(all).toEqual([7, 6, 5, 4, 3, 2, 1].map((n) => `tariff-story-${n}`))
    expect((await search('q=tariffs&limit=3&page=4')).docs).toEqual([])
  })

  it('searches a section and the sections below it', async () => {
    expect(slugsOf(await search('q=alliance&section=journals'))).toEqual(['us-japan-alliance'])
    expect(slugsOf(await search('q=alliance&section=world-affairs'))).toEqual(['east-asian-trade'])
    // Authors belong to no section.
    expect((await search('q=yuan&section=journals')).docs.map((hit) => hit.kind)).toEqual(['article'])
  })

  it('shows no section for an article in a section readers cannot see, and does not search in one', async () => {
    const [hit] = (await search('q=okapi')).docs
    expect(hit).toMatchObject({ section: null, slug: 'archived-okapi' })
    const { body: json, status } = await readJson<ErrorBody>(suite.rest.get('/api/search?q=okapi&section=archive'))
    expect(status).toBe(400)
    expect(json.errors[0].message).toBe('section "archive" is not a section of the journal')
  })

  it('searches both languages with locale=all, each hit in the language it matched in', async () => {
    const results = await search('q=nato&locale=all')
    expect(results.docs.map((hit) => `${hit.slug}:${hit.locale}`).sort()).toEqual(['us-japan-alliance:en', 'us-japan-alliance:zh'])
    const chinese = await search(`q=${encodeURIComponent('美日同盟')}&locale=all`)
    expect(chinese.docs.map((hit) => hit.locale)).toEqual(['zh'])
    expect(chinese.docs[0].section?.title).toBe('大家论坛')
  })

  it('finds authors by name in each language, and their articles by the byline', async () => {
    const english = await search('q=yuan+zheng')
    expect(english.docs[0]).toMatchObject({ highlightedTitle: '<mark>Yuan</mark> <mark>Zheng</mark>', kind: 'author', slug: 'yuan-zheng', url: 'http://localhost:3000/en/authors/yuan-zheng' })
    expect(english.docs[0].snippet).toBe('Director, Institute of American Studies, CASS')
    expect(slugsOf(english)).toContain('us-japan-alliance')
    const chinese = await search(`q=${encodeURIComponent('袁征')}&locale=zh`)
    expect(chinese.docs.map((hit) => `${hit.kind}:${hit.slug}`)).toEqual(['author:yuan-zheng', 'article:us-japan-alliance'])
  })

  it('never finds an unpublished article, nor the unpublished draft of a published one', async () => {
    for (const token of [undefined, users.editor.token]) {
      expect((await search('q=zanzibar', token)).totalDocs).toBe(0)
      expect((await search('q=quokka', token)).totalDocs).toBe(0)
      const maritime = await search('q=maritime', token)
      expect(maritime.docs.map((hit) => hit.title)).toEqual(['Maritime Policy Review'])
      expect(maritime.docs[0].id).toBe(String(withDraft.id))
    }
    expect(slugsOf(await search('q=memo'))).not.toContain(neverPublished.slug)
  })

  it('never shows an index entry of an article readers cannot read', async () => {
    // As if the index had missed an unpublication: an entry for the never-published draft.
    const model = searchEntriesModel(suite.payload)
    await model.collection.insertOne({
      docId: String(neverPublished.id),
      indexedAt: new Date(),
      key: `article:${neverPublished.id}:en`,
      keyTerms: ['ghostword'],
      kind: 'article',
      language: 'en',
      publishedAt: new Date(),
      slug: 'unpublished-memo',
      terms: ['ghostword'],
      text: 'ghostword',
      title: 'Ghost',
      weights: { ghostword: 10 },
    })
    try {
      expect((await search('q=ghostword')).docs).toEqual([])
    } finally {
      await model.collection.deleteOne({ key: `article:${neverPublished.id}:en` })
    }
  })

  it('answers what its published schema says, for articles and authors', async () => {
    const schemas = new OpenApiSchemas({ components: {} })
    for (const query of ['q=alliance', 'q=yuan&locale=all', `q=${encodeURIComponent('美日同盟')}&locale=zh`, 'q=okapi', 'q=the']) {
      schemas.expectValid(searchResultsSchema, await search(query), query)
    }
  })

  it('answers a query of common words only with no hits', async () => {
    expect(await search('q=the+of')).toMatchObject({ docs: [], totalDocs: 0, totalPages: 0 })
  })

  it.each([
    ['no q', '', 'q is required: the words to search for'],
    ['an empty q', 'q=', 'q is required: the words to search for'],
    ['a q of spaces', 'q=%20%20', 'q is required: the words to search for'],
    ['a 10 KB q', `q=${'a'.repeat(10 * 1024)}`, 'q must be at most 200 characters (got 10240)'],
    ['a q of punctuation', 'q=%21%21%21', 'q must contain at least one letter or digit'],
    ['an unknown locale', 'q=alliance&locale=fr', 'locale must be one of en, zh, all'],
    ['page 0', 'q=alliance&page=0', 'page must be a whole number from 1 to 10000'],
    ['limit 500', 'q=alliance&limit=500', 'limit must be at most 100'],
    ['a limit that is no number', 'q=alliance&limit=abc', 'limit must be a whole number from 1 to 100'],
    ['a section that is no slug', 'q=alliance&section=No%20Such', 'section must be a section slug, lower-case words joined by hyphens (got "No Such")'],
    ['an unknown section', 'q=alliance&section=no-such-section', 'section "no-such-section" is not a section of the journal'],
  ])('refuses %s with a 400 that says why', async (_label, query, message) => {
    const { body: json, status } = await readJson<ErrorBody>(suite.rest.get(`/api/search?${query}`))
    expect(status).toBe(400)
    expect(json.errors[0].message).toBe(message)
  })

  it('estimates the total and ranks the newest matches when more match than it ranks at once', async () => {
    const req = await createLocalReq({}, suite.payload)
    const limits = { ...SEARCH_LIMITS, countLimit: 4, keyWindow: 1, rankWindow: 3 }
    const results = await runSearch(req, { limit: 10, locale: 'en', page: 1, q: 'tariffs' }, limits)
    expect(results.totalDocsExact).toBe(false)
    expect(results.totalDocs).toBeGreaterThanOrEqual(4)
    expect(results.docs.map((hit) => hit.slug)).toEqual([7, 6, 5].map((n) => `tariff-story-${n}`))
    expect(results.totalPages).toBe(1)
    const counted = await runSearch(req, { limit: 10, locale: 'en', page: 1, q: 'tariffs' }, { ...limits, countLimit: 100 })
    expect(counted).toMatchObject({ totalDocs: 7, totalDocsExact: true })
  })
})

describe('the Search GraphQL query', () => {
  it('answers what the REST call answers', async () => {
    const response = await suite.rest.graphql(
      `query ($q: String!) { Search(q: $q, locale: zh, limit: 5) { totalDocs totalDocsExact page docs { kind id slug locale title highlightedTitle snippet url section { slug title } authors { name slug } } } }`,
      { q: '美日同盟' },
    )
    const json = (await response.json()) as { data: { Search: Results } }
    const rest = await search(`q=${encodeURIComponent('美日同盟')}&locale=zh&limit=5`)
    expect(json.data.Search.totalDocs).toBe(rest.totalDocs)
    expect(json.data.Search.docs).toEqual(
      rest.docs.map(({ authors, highlightedTitle, id, kind, locale, section, slug, snippet, title, url }) => ({
        authors,
        highlightedTitle,
        id,
        kind,
        locale,
        section: section && { slug: section.slug, title: section.title },
        slug,
        snippet,
        title,
        url,
      })),
    )
    expect(json.data.Search.docs).toHaveLength(1)
  })

  it('takes locale all and a section, and refuses bad arguments with a message', async () => {
    const ok = await suite.rest.graphql(`{ Search(q: "alliance", locale: all, section: "journals") { docs { slug locale } } }`)
    expect(((await ok.json()) as { data: { Search: { docs: unknown[] } } }).data.Search.docs).toEqual([{ locale: 'en', slug: 'us-japan-alliance' }])
    const bad = await suite.rest.graphql(`{ Search(q: "  ") { totalDocs } }`)
    const json = (await bad.json()) as { errors: { message: string }[] }
    expect(json.errors[0].message).toBe('q is required: the words to search for')
  })
})

describe('the search-entries collection', () => {
  it('is read by admins only', async () => {
    expect((await suite.rest.get('/api/search-entries')).status).toBe(403)
    expect((await suite.rest.get('/api/search-entries', { token: users.editor.token })).status).toBe(403)
    const { body: json, status } = await readJson<{ totalDocs: number }>(suite.rest.get('/api/search-entries?limit=1', { token: users.admin.token }))
    expect(status).toBe(200)
    expect(json.totalDocs).toBeGreaterThan(0)
  })
})
