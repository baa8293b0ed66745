import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { importLegacyPages, type ImportProgress } from '../../src/import/importLegacyPages'
import type { ImportReport, PageResult } from '../../src/import/importReport'
import { readSources } from '../../src/import/readSources'
import type { Author, Section } from '../../src/payload-types'
import { indexBuildsFinished } from '../helpers/indexBuilds'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'
import { allArticles, BATCH_DIR, databaseSnapshot, inLocale, storedBlocks } from './legacyFixtures'

/**
 * A folder of saved pages as an editor would bring it (test/fixtures/legacy/batch):
 * pages with several authors, an English and a Chinese page of one article,
 * and pages that cannot be imported (empty, an image saved under a page's
 * name, no title, cut off as text and as HTML). The bad ones fail with a
 * message each; the others import.
 */

let suite: SuiteContext
let report: ImportReport
const progress: ImportProgress[] = []
const PAIR: [string, string] = ['rules-and-order.en.txt', 'rules-and-order.zh.txt']

const pageOf = (file: string): PageResult => {
  const found = report.pages.find((page) => page.files.some((name) => path.basename(name) === file))
  if (!found) throw new Error(`${file} is not in the report`)
  return found
}

async function authorsOf(article: Record<string, unknown>): Promise<Record<string, Record<string, string>>[]> {
  const ids = article.authors as string[]
  const { docs } = await suite.payload.find({ collection: 'authors', depth: 0, locale: 'all', pagination: false, where: { id: { in: ids } } })
  return ids.map((id) => docs.find((author) => author.id === id) as unknown as Record<string, Record<string, string>>)
}

async function articleTitled(title: string): Promise<Record<string, unknown>> {
  const found = (await allArticles(suite.payload)).find((article) => inLocale(article.title, 'en') === title)
  if (!found) throw new Error(`no article "${title}"`)
  return found
}

beforeAll(async () => {
  suite = await startPayloadForSuite('import-batch')
  await indexBuildsFinished(suite.payload)
  const sources = await readSources([BATCH_DIR])
  report = await importLegacyPages(suite.payload, sources, { onProgress: (step) => void progress.push(step), pairs: [PAIR] })
})

afterAll(async () => {
  await suite?.close()
})

describe('a folder of pages, some of them bad', () => {
  it('imports the good pages and fails the bad ones, one result each, the pair as one', () => {
    expect(report.totals).toEqual({ created: 2, failed: 5, pages: 7, unchanged: 0, updated: 0 })
    expect(pageOf('rules-and-order.en.txt').files.map((file) => path.basename(file))).toEqual(PAIR)
  })

  it.each([
    ['empty.txt', /^The file is empty\.$/],
    ['scanned-page.txt', /^This is not a saved page: the file is a PNG image\.$/],
    ['no-title.txt', /^No title: after the breadcrumb the page goes straight into the text \("In the years after the financial crisis/],
    ['truncated.txt', /^The page looks truncated: it stops at "….*and they sug" with neither the author note nor the site's footer after it/],
    ['truncated.html', /^The page looks truncated: its HTML stops before <\/body>/],
  ])('%s fails with a clear message', (file, message) => {
    const page = pageOf(file)
    expect(page.status).toBe('failed')
    expect(page.error).toMatch(message)
    expect(page.changes).toEqual([])
  })

  it('leaves nothing of the failed pages behind', async () => {
    const titles = (await allArticles(suite.payload)).map((article) => inLocale(article.title, 'en')).sort()
    expect(titles).toEqual(['Connectivity and Development in Central Asia', 'Rules and Order in the Indo-Pacific'])
    const authors = (await suite.payload.find({ collection: 'authors', depth: 0, locale: 'en', pagination: false })).docs as Author[]
    expect(authors.map((author) => author.name).sort()).toEqual(['Chen Hong', 'Li Na', 'Liu Yang', 'Wang Wei', 'Zhang Ming'])
  })

  it('reports progress after every page with running counts', () => {
    expect(progress.map((step) => step.done)).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(progress.every((step) => step.total === 7)).toBe(true)
    expect(progress.at(-1)?.totals).toEqual(report.totals)
  })
})

describe('bylines', () => {
  it('"By A, B and C": three authors in byline order, each with the affiliation the note gives "the authors"', async () => {
    const article = await articleTitled('Connectivity and Development in Central Asia')
    const authors = await authorsOf(article)
    expect(authors.map((author) => author.name.en)).toEqual(['Zhang Ming', 'Chen Hong', 'Liu Yang'])
    for (const author of authors) {
      expect(author.affiliation).toEqual({ en: 'Institute of World Economics and Politics, CASS' })
      expect(author.position ?? null).toBeNull()
    }
    expect(String(article.receivedAt).slice(0, 10)).toBe('2019-10-08')
  })

  it('"By A and B" with "文/甲、乙" paired: two authors with their names, positions and affiliations in both languages', async () => {
    const article = await articleTitled('Rules and Order in the Indo-Pacific')
    const [wang, li] = await authorsOf(article)
    expect(wang).toMatchObject({
      affiliation: { en: 'School of International Studies, Peking University', zh: '北京大学国际关系学院' },
      name: { en: 'Wang Wei', zh: '王伟' },
      position: { en: 'Professor of International Relations', zh: '教授' },
    })
    expect(li).toMatchObject({
      affiliation: { en: 'China Institute of International Studies', zh: '中国国际问题研究院' },
      name: { en: 'Li Na', zh: '李娜' },
      position: { en: 'Research Fellow', zh: '研究员' },
    })
    expect(article.title).toEqual({ en: 'Rules and Order in the Indo-Pacific', zh: '印太地区的规则与秩序' })
    expect(String(article.receivedAt).slice(0, 10)).toBe('2019-03-02')
    expect(storedBlocks(inLocale(article.body, 'zh')).filter((block) => block.type === 'heading')).toEqual([
      { tag: 'h2', text: 'I.围绕秩序的不同理念', type: 'heading' },
      { tag: 'h2', text: 'II.寻求共同点', type: 'heading' },
    ])
    expect(storedBlocks(inLocale(article.body, 'en')).filter((block) => block.type === 'heading').map((block) => block.text)).toEqual([
      'I. Competing Ideas of Order',
      'II.Building Common Ground',
    ])
  })
})

describe('sections', () => {
  it('creates the sections the breadcrumbs name, each under its parent, with the Chinese titles of a paired page', async () => {
    const { docs } = await suite.payload.find({ collection: 'sections', depth: 0, locale: 'all', pagination: false })
    const sections = docs as unknown as (Omit<Section, 'title'> & { title: Record<string, string> })[]
    const bySlug = Object.fromEntries(sections.map((section) => [section.slug, section]))
    expect(Object.keys(bySlug).sort()).toEqual(['journals', 'master-forum', 'regional-studies'])
    expect(bySlug['master-forum'].parent).toBe(bySlug.journals.id)
    expect(bySlug['regional-studies'].parent).toBe(bySlug.journals.id)
    expect(bySlug.journals.title).toEqual({ en: 'Journals', zh: '期刊' })
    expect(bySlug['master-forum'].title).toEqual({ en: 'Master forum', zh: '大家论坛' })
    expect(bySlug['regional-studies'].title.en).toBe('Regional studies')
    const article = await articleTitled('Connectivity and Development in Central Asia')
    expect(article.section).toBe(bySlug['regional-studies'].id)
  })
})

describe('the folder imported again', () => {
  it('changes nothing: the good pages are unchanged, the bad ones fail again', async () => {
    const before = await databaseSnapshot(suite.payload)
    const again = await importLegacyPages(suite.payload, await readSources([BATCH_DIR]), { pairs: [PAIR] })
    expect(again.totals).toEqual({ created: 0, failed: 5, pages: 7, unchanged: 2, updated: 0 })
    expect(await databaseSnapshot(suite.payload)).toEqual(before)
  })
})
