import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { importLegacyPages } from '../../src/import/importLegacyPages'
import type { ImportReport } from '../../src/import/importReport'
import type { Article, Author, Contact, Section } from '../../src/payload-types'
import { readDirectoryFooter } from '../helpers/directoryFooter'
import { indexBuildsFinished } from '../helpers/indexBuilds'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'
import {
  allArticles,
  databaseSnapshot,
  inLocale,
  SAMPLE_HTML,
  SAMPLE_TEXT,
  samplePage,
  sentences,
  source,
  storedBlocks,
} from './legacyFixtures'

/**
 * The sample page of the old site (test/fixtures/legacy) imported into an
 * empty database: what it must become, what a second run, the HTML version,
 * a corrected page, a dry run and --publish do. Expectations come from the
 * fixture read the simple way (legacyFixtures.ts) and from the footer helper
 * the seed migration's tests use, not from the importer's parsers.
 */

let suite: SuiteContext
const sample = samplePage()
const footer = readDirectoryFooter(SAMPLE_TEXT)
const ASSOCIATION = 'China Association for International Friendly Contact'

type List<T> = { docs: T[]; totalDocs: number }

const run = (files: Parameters<typeof source>[], options: Parameters<typeof importLegacyPages>[2] = {}): Promise<ImportReport> =>
  importLegacyPages(
    suite.payload,
    files.map((args) => source(...args)),
    options,
  )

async function theArticle(): Promise<Record<string, unknown>> {
  const articles = await allArticles(suite.payload)
  expect(articles).toHaveLength(1)
  return articles[0]
}

beforeAll(async () => {
  suite = await startPayloadForSuite('import-sample')
  await indexBuildsFinished(suite.payload)
})

afterAll(async () => {
  await suite?.close()
})

describe('the sample page, imported into an empty database', () => {
  let report: ImportReport

  beforeAll(async () => {
    report = await run([[SAMPLE_TEXT]])
  })

  it('reports one article created and nothing failed', () => {
    expect(report.totals).toEqual({ created: 1, failed: 0, pages: 1, unchanged: 0, updated: 0 })
    expect(report.pages[0]).toMatchObject({ files: ['test/fixtures/legacy/master-forum-us-japan-alliance.txt'], status: 'created' })
    expect(report.pages[0].error).toBeUndefined()
    expect(report.pages[0].warnings).toEqual([])
  })

  it('gives the article its title, lead, author note and date received, as a draft in English only', async () => {
    const article = await theArticle()
    expect(inLocale(article.title, 'en')).toBe(sample.title)
    expect(inLocale(article.title, 'zh') ?? null).toBeNull()
    expect(inLocale(article.lead, 'en')).toBe(sample.lead)
    expect(sample.lead).toMatch(/^Premier Li Keqiang paid a visit to Japan recently/)
    expect(inLocale(article.authorNote, 'en')).toBe(sample.authorNote)
    expect(String(article.receivedAt).slice(0, 10)).toBe(sample.receivedAt)
    expect(article._status).toBe('draft')
    expect(article.slug).toBe('the-us-japan-alliance-and-the-sino-japanese-relations')
    expect(article.availableLocales).toEqual(['en'])
    expect(inLocale(article.legacySource, 'en')).toBe('journals/master-forum/the-us-japan-alliance-and-the-sino-japanese-relations')
  })

  it('builds the body: the four numbered headings as h2, every paragraph in order, text as printed', async () => {
    const blocks = storedBlocks(inLocale((await theArticle()).body, 'en'))
    expect(blocks.filter((block) => block.type === 'heading')).toEqual(sample.headings.map((text) => ({ tag: 'h2', text, type: 'heading' })))
    const paragraphs = blocks.filter((block) => block.type === 'paragraph').map((block) => block.text)
    expect(paragraphs).toHaveLength(18)
    expect(paragraphs).toEqual(sample.paragraphs)
    expect(blocks.map((block) => block.text)).toEqual(sample.body)
    expect(sentences(paragraphs[0]).first).toBe('The alliance system is the “wing of hegemony” of the US, and the major pillar of the American power.')
    expect(sentences(paragraphs.at(-1)!).last).toBe(
      'Nonetheless, China and Japan are close neighbors after all, so that a stable and improved bilateral relationship is conducive not only to the well-being of the people of the two countries, but also to peace and stability of East Asia, and in line with the interests of the two countries.',
    )
    // No chrome, no footer, no byline, no note in the text.
    const text = JSON.stringify(blocks)
    for (const chrome of ['Login', 'Your location', 'Yuan Zheng', 'Address:', 'Ext.', 'This article was received']) expect(text).not.toContain(chrome)
  })

  it('creates the author with the position and affiliation from the author note', async () => {
    const article = await theArticle()
    const { docs } = await suite.payload.find({ collection: 'authors', depth: 0, locale: 'en', pagination: false })
    expect(docs).toHaveLength(1)
    expect(docs[0]).toMatchObject({ affiliation: sample.affiliation, name: sample.author, position: sample.position, slug: 'yuan-zheng' })
    expect(article.authors).toEqual([docs[0].id])
  })

  it('creates the section path from the breadcrumb: Master forum under Journals', async () => {
    const article = await theArticle()
    const section = await suite.payload.findByID({ collection: 'sections', depth: 0, id: String(article.section), locale: 'en' })
    expect(section.breadcrumbs?.map((crumb) => crumb.label)).toEqual(sample.sectionPath)
    expect(section.breadcrumbs?.map((crumb) => crumb.url)).toEqual(['/journals', '/journals/master-forum'])
    expect((await suite.payload.count({ collection: 'sections' })).totalDocs).toBe(2)
  })

  it('puts every entry of the footer in the directory with its telephones and extensions', async () => {
    const response = await suite.rest.get('/api/contacts?limit=100&depth=0&locale=en')
    expect(response.status).toBe(200)
    const entries = ((await response.json()) as List<Contact>).docs
    const phones = (entry: Contact) => (entry.phones ?? []).map(({ extension, number }) => (extension ? { extension, number } : { number }))

    expect(entries.map((entry) => entry.name)).toEqual([ASSOCIATION, ...footer.units.map((unit) => unit.name), footer.artCouncil.name])
    const [association, ...rest] = entries
    expect(association).toMatchObject({
      address: footer.association.address,
      email: footer.association.email,
      fax: footer.association.fax,
      kind: 'organization',
      organization: 'association',
      website: footer.association.website,
    })
    expect(phones(association)).toEqual([{ number: footer.association.telephone }])
    for (const unit of footer.units) {
      const entry = rest.find((candidate) => candidate.name === unit.name)
      expect({ name: unit.name, office: entry?.office, phones: entry && phones(entry) }).toEqual({
        name: unit.name,
        office: association.id,
        phones: unit.phones,
      })
    }
    expect(rest.find((entry) => entry.name === 'Center for Peace and Development Studies')?.kind).toBe('centre')
    expect(rest.find((entry) => entry.name === 'Editorial Board of Peace and Development')?.kind).toBe('editorial-board')
    expect(rest.find((entry) => entry.name === 'Administrative Office')?.kind).toBe('office')
    const artCouncil = entries.at(-1)!
    expect(artCouncil).toMatchObject({ kind: 'organization', organization: 'art-council' })
    expect(phones(artCouncil)).toEqual([{ number: footer.artCouncil.telephone }])
    expect(artCouncil.address).toBe('D5 Building, Jianxiang Mountain villa, No. 1A, Huayanbeili, Dewaidajie, Chaoyang District, Beijing 100029')
    expect(report.directory.created).toHaveLength(entries.length)
  })

  it('keeps the import away from anonymous readers: a draft, and no identifier in public responses', async () => {
    const response = await suite.rest.get('/api/articles?depth=0')
    expect(((await response.json()) as List<Article>).totalDocs).toBe(0)
  })

  it('a second run changes nothing and creates no duplicates', async () => {
    const before = await databaseSnapshot(suite.payload)
    const again = await run([[SAMPLE_TEXT]])
    expect(again.totals).toEqual({ created: 0, failed: 0, pages: 1, unchanged: 1, updated: 0 })
    expect(again.pages[0].changes).toEqual([])
    expect(again.directory).toMatchObject({ created: [], updated: [], unchanged: footer.units.length + 2 })
    expect(await databaseSnapshot(suite.payload)).toEqual(before)
  })

  it('the HTML version of the page is the same page: unchanged, and imported afresh it gives the same article', async () => {
    const before = await databaseSnapshot(suite.payload)
    const html = await run([[SAMPLE_HTML]])
    expect(html.totals).toMatchObject({ failed: 0, unchanged: 1 })
    expect(await databaseSnapshot(suite.payload)).toEqual(before)

    const fromText = await theArticle()
    await suite.payload.delete({ collection: 'articles', id: String(fromText.id) })
    const fresh = await run([[SAMPLE_HTML]])
    expect(fresh.totals).toMatchObject({ created: 1, failed: 0 })
    const fromHtml = await theArticle()
    const content = (article: Record<string, unknown>) => ({
      authorNote: article.authorNote,
      authors: article.authors,
      body: storedBlocks(inLocale(article.body, 'en')),
      lead: article.lead,
      legacySource: article.legacySource,
      receivedAt: article.receivedAt,
      section: article.section,
      slug: article.slug,
      title: article.title,
    })
    expect(content(fromHtml)).toEqual(content(fromText))
    expect(fresh.directory.unchanged).toBe(footer.units.length + 2)
  })

  it('a corrected page updates its article in place', async () => {
    const before = await theArticle()
    const corrected = await run([[SAMPLE_TEXT, (text) => text.replace('now theUS is making', 'now the US is making')]])
    expect(corrected.totals).toMatchObject({ failed: 0, updated: 1 })
    expect(corrected.pages[0].changes).toEqual([`updated article "${sample.title}": body (en)`])
    const after = await theArticle()
    expect(after.id).toBe(before.id)
    const paragraphs = storedBlocks(inLocale(after.body, 'en')).filter((block) => block.type === 'paragraph')
    expect(paragraphs[0].text).toContain('now the US is making great efforts')
    expect(paragraphs).toHaveLength(18)
    expect(inLocale(after.title, 'en')).toBe(sample.title)
  })

  it('a dry run reports what would change and writes nothing', async () => {
    const before = await databaseSnapshot(suite.payload)
    const dry = await run([[SAMPLE_TEXT]], { dryRun: true })
    expect(dry.dryRun).toBe(true)
    expect(dry.totals).toMatchObject({ failed: 0, updated: 1 })
    expect(dry.pages[0].changes).toEqual([`updated article "${sample.title}": body (en)`])
    expect(await databaseSnapshot(suite.payload)).toEqual(before)
  })

  it('--publish publishes the article; anonymous readers then get it', async () => {
    const published = await run([[SAMPLE_TEXT]], { publish: true })
    expect(published.totals).toMatchObject({ failed: 0, updated: 1 })
    expect(published.pages[0].changes[0]).toMatch(/body \(en\), published$/)
    const response = await suite.rest.get('/api/articles?depth=0&locale=en')
    const { docs } = (await response.json()) as List<Article>
    expect(docs.map((article) => article.title)).toEqual([sample.title])
    expect(docs[0]).not.toHaveProperty('legacySource')
    const again = await run([[SAMPLE_TEXT]], { publish: true })
    expect(again.totals).toMatchObject({ unchanged: 1 })
  })

  it('a change to a published article becomes a newer draft; readers keep the published text', async () => {
    const changed = await run([[SAMPLE_TEXT, (text) => text.replace('In sum, it is very hard', 'In short, it is very hard')]])
    expect(changed.totals).toMatchObject({ failed: 0, updated: 1 })
    expect(changed.pages[0].warnings.join(' ')).toMatch(/published: the imported changes were saved as a newer draft/)
    const response = await suite.rest.get('/api/articles?depth=0&locale=en')
    const [published] = ((await response.json()) as List<Article>).docs
    expect(JSON.stringify(published.body)).toContain('In sum, it is very hard')
    const draft = await theArticle()
    expect(JSON.stringify(draft.body)).toContain('In short, it is very hard')
  })

  it('leaves sections and authors alone that have nothing new: one author, two sections after all runs', async () => {
    expect((await suite.payload.count({ collection: 'authors' })).totalDocs).toBe(1)
    expect((await suite.payload.count({ collection: 'sections' })).totalDocs).toBe(2)
    const sections = (await suite.payload.find({ collection: 'sections', depth: 0, pagination: false })).docs as Section[]
    expect(sections.map((section) => section.title).sort()).toEqual(['Journals', 'Master forum'])
    const authors = (await suite.payload.find({ collection: 'authors', depth: 0, pagination: false })).docs as Author[]
    expect(authors.map((author) => author.name)).toEqual([sample.author])
  })
})
