import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { Author, Section } from '../../src/payload-types'
import { searchEntriesModel } from '../../src/search/indexWriter'
import { rebuildSearchIndex } from '../../src/search/rebuildIndex'
import { indexBuildsFinished } from '../helpers/indexBuilds'
import { JournalContent } from '../helpers/journalContent'
import { lexicalDocument } from '../helpers/lexical'
import { runProjectScript } from '../helpers/projectScript'
import { readJson } from '../helpers/responses'
import { createRoleUsers, type RoleUsers } from '../helpers/roleUsers'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'
import { testDatabaseCapabilities } from '../helpers/testDatabase'

/**
 * How the search index follows the content: editors publishing, updating,
 * unpublishing and deleting articles over REST, renaming authors, and
 * `npm run reindex` rebuilding it from nothing.
 */

type Hit = { authors: { name: string; slug: string }[]; id: string; kind: string; locale: string; slug: string; title: string }
type Results = { docs: Hit[]; totalDocs: number }
type StoredEntry = { docId: string; key: string; keyTerms: string[]; kind: string; language: string; terms: string[]; title: string; weights: Record<string, number> }

let suite: SuiteContext
let users: RoleUsers
let content: JournalContent
let section: Section
let author: Author
let databaseUri: string

const body = (text: string) => lexicalDocument([text])

async function search(query: string): Promise<Results> {
  const { body: json, status } = await readJson<Results>(suite.rest.get(`/api/search?${query}`))
  if (status !== 200) throw new Error(`search ${query} answered ${status}: ${JSON.stringify(json)}`)
  return json
}

const titles = async (query: string) => (await search(query)).docs.map((hit) => hit.title)

async function storedEntries(docId: number | string): Promise<StoredEntry[]> {
  const entries = await searchEntriesModel(suite.payload).collection.find({ docId: String(docId) }).sort({ key: 1 }).toArray()
  return entries as unknown as StoredEntry[]
}

async function editorPatch(path: `/api/${string}`, data: Record<string, unknown>): Promise<void> {
  const response = await suite.rest.patch(path, { body: data, token: users.editor.token })
  if (response.status !== 200) throw new Error(`PATCH ${path} answered ${response.status}: ${await response.text()}`)
}

const reindexCommand = (args: string[]) => runProjectScript('reindex', args, { databaseUri })

beforeAll(async () => {
  suite = await startPayloadForSuite('search-index')
  await indexBuildsFinished(suite.payload)
  databaseUri = process.env.DATABASE_URI ?? ''
  users = await createRoleUsers(suite, 'search-index')
  content = new JournalContent(suite.payload)
  section = await content.section({ slug: 'master-forum', title: 'Master forum' })
  author = await content.author({ name: 'Yuan Zheng', slug: 'yuan-zheng' })
})

afterAll(async () => {
  await suite?.close()
})

describe('index updates', () => {
  it('indexes an article when an editor publishes it, and not before', async () => {
    const draft = await content.article({
      _status: 'draft',
      authors: [author.id],
      body: body('Pangolins of the Pacific islands.'),
      lead: 'A draft about pangolins.',
      section: section.id,
      title: 'Pangolin Report',
    })
    expect(await storedEntries(draft.id)).toEqual([])
    expect((await search('q=pangolin')).totalDocs).toBe(0)

    await editorPatch(`/api/articles/${draft.id}`, { _status: 'published' })
    expect(await titles('q=pangolin')).toEqual(['Pangolin Report'])

    const [entry] = await storedEntries(draft.id)
    expect(entry).toMatchObject({ key: `article:${draft.id}:en`, kind: 'article', language: 'en', title: 'Pangolin Report' })
    expect(entry.terms).toEqual(expect.arrayContaining(['pangolin', 'report', 'pacif', 'island', 'yuan', 'zheng']))
    expect(entry.keyTerms).toEqual(expect.arrayContaining(['pangolin', 'report', 'yuan', 'zheng']))
    expect(entry.keyTerms).not.toContain('pacif')
    expect(entry.weights).toMatchObject({ draft: 3, pangolin: 10, report: 10, yuan: 6 })
  })

  it('follows a published article through an update, a draft over it, a translation, an unpublication and a deletion', async () => {
    const article = await content.article({
      authors: [author.id],
      body: body('Armadillos cross the border.'),
      lead: 'On armadillos.',
      section: section.id,
      title: 'Armadillo Crossing',
    })
    expect(await titles('q=armadillo')).toEqual(['Armadillo Crossing'])

    // Update: the new title is found, the old one is not.
    await editorPatch(`/api/articles/${article.id}`, { title: 'Capybara Crossing' })
    expect(await titles('q=capybara')).toEqual(['Capybara Crossing'])
    expect(await titles('q=armadillo+crossing')).toEqual(['Capybara Crossing'])
    expect((await storedEntries(article.id)).map((entry) => entry.title)).toEqual(['Capybara Crossing'])

    // A draft saved over it (as the admin UI's autosave does) leaves the published text in the index.
    await editorPatch(`/api/articles/${article.id}?draft=true&autosave=true`, { body: body('Wombats only in the draft.'), title: 'Wombat Draft' })
    expect((await search('q=wombat')).totalDocs).toBe(0)
    expect(await titles('q=capybara')).toEqual(['Capybara Crossing'])

    // Publishing the Chinese version adds a Chinese entry (and publishes the draft above).
    await editorPatch(`/api/articles/${article.id}?locale=zh`, {
      _status: 'published',
      body: body('犰狳穿越边境。'),
      lead: '关于犰狳。',
      title: '犰狳穿越',
    })
    expect((await storedEntries(article.id)).map((entry) => entry.key)).toEqual([`article:${article.id}:en`, `article:${article.id}:zh`])
    expect(await titles(`q=${encodeURIComponent('犰狳')}&locale=zh`)).toEqual(['犰狳穿越'])
    expect(await titles('q=wombat')).toEqual(['Wombat Draft'])

    // Unpublishing takes it out of the index.
    await editorPatch(`/api/articles/${article.id}`, { _status: 'draft' })
    expect((await readJson(suite.rest.get(`/api/articles/${article.id}`))).status).toBe(404)
    expect(await storedEntries(article.id)).toEqual([])
    expect((await search('q=wombat')).totalDocs).toBe(0)
    expect((await search(`q=${encodeURIComponent('犰狳')}&locale=zh`)).totalDocs).toBe(0)

    // Published again, then deleted.
    await editorPatch(`/api/articles/${article.id}`, { _status: 'published' })
    expect(await titles('q=wombat')).toEqual(['Wombat Draft'])
    const deleted = await suite.rest.delete(`/api/articles/${article.id}`, { token: users.editor.token })
    expect(deleted.status).toBe(200)
    expect(await storedEntries(article.id)).toEqual([])
    expect((await search('q=wombat')).totalDocs).toBe(0)
  })

  it('re-indexes the articles of an author who is renamed, and drops a deleted author from them', async () => {
    const coauthor = await content.author({ name: 'Qian Ming', slug: 'qian-ming' })
    const article = await content.article({
      authors: [author.id, coauthor.id],
      body: body('Notes on the yak trade.'),
      lead: 'Yaks.',
      section: section.id,
      title: 'Yak Caravans',
    })
    expect((await search('q=qian+ming')).docs.map((hit) => `${hit.kind}:${hit.title}`)).toEqual(['author:Qian Ming', 'article:Yak Caravans'])

    await editorPatch(`/api/authors/${coauthor.id}`, { name: 'Qian Mingyu' })
    expect((await search('q=mingyu')).docs.map((hit) => `${hit.kind}:${hit.title}`)).toEqual(['author:Qian Mingyu', 'article:Yak Caravans'])
    expect((await search('q=yak')).docs[0].authors).toEqual([
      { name: 'Yuan Zheng', slug: 'yuan-zheng' },
      { name: 'Qian Mingyu', slug: 'qian-ming' },
    ])
    expect((await search('q=qian+ming')).totalDocs).toBe(0)

    const deleted = await suite.rest.delete(`/api/authors/${coauthor.id}`, { token: users.editor.token })
    expect(deleted.status).toBe(200)
    expect((await search('q=mingyu')).totalDocs).toBe(0)
    expect((await search('q=yak')).docs.map((hit) => hit.authors)).toEqual([[{ name: 'Yuan Zheng', slug: 'yuan-zheng' }]])
    expect((await storedEntries(article.id)).length).toBe(1)
  })

  it('leaves the index alone for a change made with context.skipSearchIndex', async () => {
    const article = await content.article({ authors: [author.id], body: body('Llamas.'), lead: 'Llamas.', section: section.id, title: 'Llama Herds' })
    await suite.payload.update({
      collection: 'articles',
      context: { skipSearchIndex: true },
      data: { title: 'Alpaca Herds' },
      id: article.id,
      overrideAccess: true,
    })
    expect(await titles('q=llama')).toEqual(['Llama Herds'])
    expect((await search('q=alpaca')).totalDocs).toBe(0)
  })
})

describe('rebuilding the index', () => {
  it('rebuilds it from nothing, and removes entries of what is no longer published', async () => {
    const before = await search('q=herds')
    const model = searchEntriesModel(suite.payload)
    const entriesBefore = await model.collection.countDocuments()
    await model.collection.deleteMany({})
    await model.collection.insertOne({ docId: 'gone', indexedAt: new Date(0), key: 'article:gone:en', kind: 'article', language: 'en', terms: ['herd'] })
    expect((await search('q=herds')).docs).toEqual([])

    const report = await rebuildSearchIndex(suite.payload)
    expect(report).toMatchObject({ entries: entriesBefore, removed: 1 })
    expect(report.authors).toBe(1)
    // The rebuild reads the stored documents: the change made without the hooks is indexed now.
    expect(await titles('q=alpaca')).toEqual(['Alpaca Herds'])
    expect(await titles('q=llama')).toEqual(['Alpaca Herds'])
    expect((await search('q=herds')).docs.map((hit) => hit.id)).toEqual(before.docs.map((hit) => hit.id))
    expect(await model.collection.countDocuments({ docId: 'gone' })).toBe(0)
  })

  it('npm run reindex rebuilds the index of the database it is given', async () => {
    const model = searchEntriesModel(suite.payload)
    const expected = await model.collection.countDocuments()
    await model.collection.deleteMany({})
    expect((await search('q=pangolin')).totalDocs).toBe(0)

    const run = reindexCommand([])
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/^Search index rebuilt in [\d.]+ s: \d+ published articles and \d+ authors, \d+ entries written, 0 stale entries removed\.$/m)
    expect(await model.collection.countDocuments()).toBe(expected)
    expect(await titles('q=pangolin')).toEqual(['Pangolin Report'])
  })

  it('npm run reindex explains itself with --help and refuses unknown options', () => {
    const help = reindexCommand(['--help'])
    expect(help.status).toBe(0)
    expect(help.stdout).toMatch(/^Usage: npm run reindex/)
    const wrong = reindexCommand(['--everything'])
    expect(wrong.status).toBe(2)
    expect(wrong.output).toMatch(/Unknown option '--everything'/)
  })
})

describe('the index and its queries', () => {
  it('has the multikey term indexes the queries use', async () => {
    const model = searchEntriesModel(suite.payload)
    await model.init()
    const keys = ((await model.collection.indexes()) as { key: Record<string, number> }[]).map((index) => Object.keys(index.key).join(','))
    expect(keys).toEqual(expect.arrayContaining(['terms,kind,language,publishedAt', 'keyTerms,kind,language,publishedAt', 'key', 'docId']))
  })

  // Only where the server answers `explain` (see test/content/indexes.spec.ts).
  const withExplain = testDatabaseCapabilities().explain ? it : it.skip
  withExplain('MongoDB answers the ranking window from the term index, newest first without sorting', async () => {
    const model = searchEntriesModel(suite.payload)
    const queries = [
      { kind: 'article', language: 'en', terms: { $all: ['pangolin'] } },
      { kind: 'article', language: { $in: ['en', 'zh'] }, terms: { $all: ['pangolin', 'report'] } },
      { keyTerms: { $in: ['pangolin'] }, kind: 'article', language: 'en', terms: { $all: ['pangolin'] } },
    ]
    for (const filter of queries) {
      const explained = (await model.collection.find(filter).sort({ publishedAt: -1 }).limit(501).explain('queryPlanner')) as {
        queryPlanner: { winningPlan: Record<string, unknown> }
      }
      const plan = JSON.stringify(explained.queryPlanner.winningPlan)
      expect({ filter, usesIndex: plan.includes('IXSCAN'), scansCollection: plan.includes('COLLSCAN'), sorts: plan.includes('"SORT"') }).toEqual({
        filter,
        scansCollection: false,
        sorts: false,
        usesIndex: true,
      })
    }
  })
})
