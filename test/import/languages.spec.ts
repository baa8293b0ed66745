import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createLocalReq } from 'payload'

import { up as seedSectionsAndDirectory } from '../../migrations/20261128_125346_seed_sections_and_directory'
import { importLegacyPages } from '../../src/import/importLegacyPages'
import type { Author, Contact, Section } from '../../src/payload-types'
import { indexBuildsFinished } from '../helpers/indexBuilds'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'
import { allArticles, databaseSnapshot, inLocale, SAMPLE_CHINESE, SAMPLE_TEXT, samplePage, source, storedBlocks } from './legacyFixtures'

/**
 * Importing into a site that already has the seeded sections and directory
 * and an author an editor made: what exists is matched and only filled in.
 * Then the Chinese page of the sample article: on its own it is an article
 * in Chinese; paired with the English page (`--pair`) it becomes the
 * Chinese version of the English article.
 */

let suite: SuiteContext
const sample = samplePage()
const CHINESE_TITLE = '美日同盟与中日关系'
const CHINESE_HEADINGS = ['一、美日同盟的强化', '二、美日在“印太战略”上的协调与合作', '三、特朗普政府对美日同盟的态度', '四、中日关系中的美国因素']
const CHINESE_NOTE = '（作者系中国社会科学院美国研究所外交研究室主任。本文收稿日期：2018年5月15日。）'

let seededSections: Record<string, Section>
let editorsAuthor: Author

const english = () => source(SAMPLE_TEXT)
const chinese = () => source(SAMPLE_CHINESE)
const pair: [string, string] = ['master-forum-us-japan-alliance.txt', 'master-forum-us-japan-alliance.zh.txt']

async function contacts(): Promise<(Contact & { address?: unknown; name: unknown })[]> {
  const { docs } = await suite.payload.find({ collection: 'contacts', depth: 0, locale: 'all', pagination: false, sort: 'order' })
  return docs as never
}

beforeAll(async () => {
  suite = await startPayloadForSuite('import-languages')
  await indexBuildsFinished(suite.payload)
  await seedSectionsAndDirectory({ payload: suite.payload, req: await createLocalReq({}, suite.payload) })
  const { docs } = await suite.payload.find({ collection: 'sections', depth: 0, pagination: false })
  seededSections = Object.fromEntries(docs.map((section) => [section.slug, section]))
  editorsAuthor = await suite.payload.create({
    collection: 'authors',
    data: { affiliation: 'CASS', name: 'Yuan Zheng', slug: 'yuan-zheng' },
    locale: 'en',
  })
})

afterAll(async () => {
  await suite?.close()
})

describe('the English page, next to the seeded sections and directory and an editor’s author', () => {
  it('goes into the seeded Master forum and reuses the editor’s author, filling in only the missing position', async () => {
    const contactsBefore = await contacts()
    const report = await importLegacyPages(suite.payload, [english()])
    expect(report.totals).toMatchObject({ created: 1, failed: 0 })

    const [article] = await allArticles(suite.payload)
    expect(article.section).toBe(seededSections['master-forum'].id)
    expect(article.authors).toEqual([editorsAuthor.id])
    expect((await suite.payload.count({ collection: 'sections' })).totalDocs).toBe(2)

    const author = await suite.payload.findByID({ collection: 'authors', depth: 0, id: editorsAuthor.id, locale: 'en' })
    expect(author).toMatchObject({ affiliation: 'CASS', name: 'Yuan Zheng', position: sample.position })
    expect(report.pages[0].changes).toContain('author Yuan Zheng: added position (en)')

    // The seed holds the footer exactly as printed: every entry found, none created or changed.
    expect(report.directory).toMatchObject({ created: [], errors: [], updated: [] })
    expect(report.directory.unchanged).toBe(contactsBefore.length)
    expect(await contacts()).toEqual(contactsBefore)
  })
})

describe('the Chinese page', () => {
  let chineseOnlyId: string

  it('on its own imports into zh: title, lead, numbered headings, author note and date, in the section found by its Chinese title', async () => {
    const report = await importLegacyPages(suite.payload, [chinese()])
    expect(report.totals).toMatchObject({ created: 1, failed: 0 })
    const articles = await allArticles(suite.payload)
    expect(articles).toHaveLength(2)
    const article = articles[1]
    chineseOnlyId = String(article.id)

    expect(inLocale(article.title, 'zh')).toBe(CHINESE_TITLE)
    expect(inLocale(article.title, 'en') ?? null).toBeNull()
    expect(inLocale(article.lead, 'zh')).toMatch(/^日前，李克强总理对日本进行正式访问/)
    expect(inLocale(article.authorNote, 'zh')).toBe(CHINESE_NOTE)
    expect(String(article.receivedAt).slice(0, 10)).toBe('2018-05-15')
    expect(article.availableLocales).toEqual(['zh'])
    expect(article.section).toBe(seededSections['master-forum'].id)
    const blocks = storedBlocks(inLocale(article.body, 'zh'))
    expect(blocks.filter((block) => block.type === 'heading')).toEqual(CHINESE_HEADINGS.map((text) => ({ tag: 'h2', text, type: 'heading' })))
    expect(blocks.filter((block) => block.type === 'paragraph')).toHaveLength(7)
    expect(article.slug).toBe('mei-ri-tong-meng-yu-zhong-ri-guan-xi')

    const author = await suite.payload.findByID({ collection: 'authors', depth: 0, id: String((article.authors as string[])[0]), locale: 'zh' })
    expect(author).toMatchObject({ affiliation: '中国社会科学院美国研究所', name: '袁征', position: '外交研究室主任' })
  })

  it('its footer gives the directory entries their Chinese names and addresses, matched by their telephones, without duplicates', async () => {
    const entries = await contacts()
    expect(entries).toHaveLength(11)
    const byEnglishName = (name: string) => entries.find((entry) => inLocale(entry.name, 'en') === name)!
    expect(inLocale(byEnglishName('Personnel Department').name, 'zh')).toBe('人事处')
    expect(inLocale(byEnglishName('Administrative Office').name, 'zh')).toBe('办公室')
    expect(inLocale(byEnglishName('Editorial Board of Peace and Development').name, 'zh')).toBe('《和平与发展》编辑部')
    const association = byEnglishName('China Association for International Friendly Contact')
    expect(inLocale(association.name, 'zh')).toBe('中国国际友好联络会')
    expect(inLocale(association.address, 'zh')).toBe('北京市海淀区马甸冠海大厦9-10层 100088')
    expect(inLocale(association.address, 'en')).toMatch(/^9th-10th Floor/)
    const artCouncil = byEnglishName('Art Council (Art Academy of International Friendly Contact)')
    expect(inLocale(artCouncil.address, 'zh')).toBe('北京市朝阳区德外大街华严北里甲1号健翔山庄D5楼 100029')
    expect(entries.every((entry) => entry.needsTranslation === false)).toBe(true)
    // Telephones are the same in both languages, and stay as the English footer printed them.
    expect(byEnglishName('Personnel Department').phones?.map(({ extension, number }) => ({ extension, number }))).toEqual([
      { extension: '8002', number: '82005669' },
    ])
  })

  it('paired with the English page while both are separate articles, the pair is refused and nothing changes', async () => {
    const before = await databaseSnapshot(suite.payload)
    const report = await importLegacyPages(suite.payload, [english(), chinese()], { pairs: [pair] })
    expect(report.totals).toMatchObject({ failed: 1, pages: 1 })
    expect(report.pages[0].error).toMatch(/imported before as two separate articles/)
    expect(await databaseSnapshot(suite.payload)).toEqual(before)
  })

  it('paired with the English page (--pair), it becomes the Chinese version of the English article', async () => {
    await suite.payload.delete({ collection: 'articles', id: chineseOnlyId })
    const report = await importLegacyPages(suite.payload, [chinese(), english()], { pairs: [pair] })
    expect(report.totals).toMatchObject({ failed: 0, pages: 1, updated: 1 })
    expect(report.pages[0].files).toHaveLength(2)

    const articles = await allArticles(suite.payload)
    expect(articles).toHaveLength(1)
    const [article] = articles
    expect(article.title).toEqual({ en: sample.title, zh: CHINESE_TITLE })
    expect(article.availableLocales).toEqual(['en', 'zh'])
    expect(inLocale(article.lead, 'en')).toBe(sample.lead)
    expect(storedBlocks(inLocale(article.body, 'zh')).filter((block) => block.type === 'heading').map((block) => block.text)).toEqual(
      CHINESE_HEADINGS,
    )
    expect(inLocale(article.legacySource, 'zh')).toBe('期刊/大家论坛/美日同盟与中日关系')
    expect(article.authors).toEqual([editorsAuthor.id])

    const author = (await suite.payload.findByID({ collection: 'authors', depth: 0, id: editorsAuthor.id, locale: 'all' })) as unknown as Record<
      string,
      Record<string, string>
    >
    expect(author.name).toEqual({ en: 'Yuan Zheng', zh: '袁征' })
    expect(author.position).toEqual({ en: sample.position, zh: '外交研究室主任' })
    expect(author.affiliation).toEqual({ en: 'CASS', zh: '中国社会科学院美国研究所' })
  })

  it('the pair imported again changes nothing', async () => {
    const before = await databaseSnapshot(suite.payload)
    const report = await importLegacyPages(suite.payload, [english(), chinese()], { pairs: [pair] })
    expect(report.totals).toMatchObject({ failed: 0, unchanged: 1 })
    expect(await databaseSnapshot(suite.payload)).toEqual(before)
  })

  it('a pair of two pages in the same language is refused', async () => {
    const report = await importLegacyPages(suite.payload, [english(), source(SAMPLE_TEXT.replace(/\.txt$/, '.html'))], {
      pairs: [['master-forum-us-japan-alliance.txt', 'master-forum-us-japan-alliance.html']],
    })
    expect(report.pages[0]).toMatchObject({ status: 'failed' })
    expect(report.pages[0].error).toBe('Both pages of the pair are English: a pair is an English and a Chinese page of one article.')
  })
})
