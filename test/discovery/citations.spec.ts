import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'

import type { Article } from '../../src/payload-types'
import { indexBuildsFinished } from '../helpers/indexBuilds'
import { readJson } from '../helpers/responses'
import { articleBody, SeededJournal } from '../helpers/seededJournal'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'
import { setSuiteEnvironment } from '../helpers/suiteEnvironment'

/**
 * GET /api/articles/{id}/cite?format=bibtex|ris|csl-json (docs/scholarly-metadata.md):
 * each format, in English and Chinese, read back with citation-js gives the
 * article's title, authors and date; escaping, file names and refusals.
 */

const WEBSITE = 'https://journal.example.org'

/** A title with every character TeX treats specially. */
const TRICKY_TITLE = 'Costs & Benefits: 50% of US_Japan {alliance} #1 ~ $5^2 \\ back'

type CslName = { family?: string; given?: string; literal?: string }
type CslData = {
  URL?: string
  author?: CslName[]
  'container-title'?: string
  issue?: string
  issued?: { 'date-parts': number[][] }
  language?: string
  title?: string
  type?: string
  volume?: string
}
type CiteConstructor = new (input: string) => { data: CslData[]; format(kind: 'bibliography', options: { format: 'text'; template: string }): string }
type ErrorBody = { errors: { message: string }[] }

const FORMATS = ['bibtex', 'ris', 'csl-json'] as const
type Format = (typeof FORMATS)[number]

const CONTENT_TYPES: Record<Format, string> = {
  bibtex: 'application/x-bibtex; charset=utf-8',
  'csl-json': 'application/vnd.citationstyles.csl+json; charset=utf-8',
  ris: 'application/x-research-info-systems; charset=utf-8',
}
const EXTENSIONS: Record<Format, string> = { bibtex: 'bib', 'csl-json': 'json', ris: 'ris' }

let suite: SuiteContext
let restoreEnvironment: (() => void) | undefined
let Cite: CiteConstructor
let article: Article
let tricky: Article
let neverPublished: Article

const EXPECTED = {
  en: { authors: ['Yuan Zheng', 'Li Wei'], title: 'The US-Japan Alliance and the Sino-Japanese Relations: A View from Beijing' },
  zh: { authors: ['袁征', '欧阳修文'], title: '美日同盟与中日关系：北京的视角' },
} as const

/**
 * citation-js is a test-only dependency without type declarations: loaded by
 * name, typed here. Its core requires node-fetch (for fetching remote input,
 * which these tests never do), an ES module that jest cannot `require`: the
 * platform's own fetch stands in for it.
 */
async function loadCitationJs(): Promise<CiteConstructor> {
  jest.mock('node-fetch', () => ({ __esModule: true, default: globalThis.fetch, Headers: globalThis.Headers }))
  const load = (name: string) => import(name) as Promise<Record<string, unknown> & { default?: Record<string, unknown> }>
  const core = await load('@citation-js/core')
  for (const plugin of ['@citation-js/plugin-bibtex', '@citation-js/plugin-ris', '@citation-js/plugin-csl']) await load(plugin)
  return (core.Cite ?? core.default?.Cite) as CiteConstructor
}

/** A parsed name as the byline prints it: Chinese names family then given without a space, others whole. */
function printedName(name: CslName): string {
  if (name.literal) return name.literal
  if (!name.given) return name.family ?? ''
  if (/\p{Script=Han}/u.test(`${name.family}${name.given}`)) return `${name.family}${name.given}`
  return `${name.given} ${name.family}`
}

async function cite(id: string, query: string): Promise<{ disposition: null | string; status: number; text: string; type: null | string }> {
  const response = await suite.rest.get(`/api/articles/${id}/cite?${query}`)
  return {
    disposition: response.headers.get('content-disposition'),
    status: response.status,
    text: await response.text(),
    type: response.headers.get('content-type'),
  }
}

function parse(text: string): CslData {
  const items = new Cite(text).data
  expect(items).toHaveLength(1)
  return items[0]
}

beforeAll(async () => {
  restoreEnvironment = setSuiteEnvironment({ WEBSITE_URL: WEBSITE })
  Cite = await loadCitationJs()
  suite = await startPayloadForSuite('citations')
  await indexBuildsFinished(suite.payload)
  const journal = new SeededJournal(suite.payload)
  const { content } = journal

  await journal.site({ journalTitle: 'Peace and Development', siteName: 'CAIFC' }, { journalTitle: '和平与发展' })
  const section = await content.section({ slug: 'master-forum', title: 'Master forum' })

  const { li } = await journal.authors({
    // A compound surname: 欧阳 + 修文.
    li: { zh: { name: '欧阳修文' } },
    yuan: { en: { affiliation: 'Institute of American Studies, CASS' } },
  })

  article = await journal.bilingualArticle({
    en: {
      issue: { number: 3, volume: 12, year: 2018 },
      keywords: ['alliance', 'Japan'],
      publishedAt: '2018-06-01T08:00:00.000Z',
      section: section.id,
      subtitle: 'A View from Beijing',
    },
    zh: { keywords: ['同盟', '日本'], subtitle: '北京的视角' },
  })
  tricky = await content.article({
    authors: [li.id],
    body: articleBody('Text.'),
    lead: 'A lead with 100% & more.',
    publishedAt: '2019-12-31T23:00:00.000Z',
    section: section.id,
    slug: 'costs-and-benefits',
    title: TRICKY_TITLE,
  })
  neverPublished = await journal.neverPublishedArticle({ section: section.id })
})

afterAll(async () => {
  await suite?.close()
  restoreEnvironment?.()
})

describe.each(FORMATS)('%s', (format) => {
  it.each(['en', 'zh'] as const)('parses back to the same title, authors and date (%s)', async (locale) => {
    const answer = await cite(article.id, `format=${format}&locale=${locale}`)
    expect(answer.status).toBe(200)
    expect(answer.type).toBe(CONTENT_TYPES[format])
    expect(answer.disposition).toBe(`attachment; filename="us-japan-alliance-${locale}.${EXTENSIONS[format]}"`)

    const item = parse(answer.text)
    expect(item.type).toBe('article-journal')
    expect(item.title).toBe(EXPECTED[locale].title)
    expect(item.author?.map(printedName)).toEqual(EXPECTED[locale].authors)
    expect(item.issued?.['date-parts']).toEqual([[2018, 6, 1]])
    expect(item['container-title']).toBe(locale === 'en' ? 'Peace and Development' : '和平与发展')
    expect(item.volume).toBe('12')
    expect(item.issue).toBe('3')
    expect(item.URL).toBe(`${WEBSITE}/${locale}/articles/us-japan-alliance`)
  })

  it('keeps every special character of a title', async () => {
    const answer = await cite(tricky.id, `format=${format}`)
    expect(answer.status).toBe(200)
    const item = parse(answer.text)
    expect(item.title).toBe(TRICKY_TITLE)
    expect(item.author?.map(printedName)).toEqual(['Li Wei'])
    // 23:00 UTC on the last day of the year: the UTC calendar date.
    expect(item.issued?.['date-parts']).toEqual([[2019, 12, 31]])
  })
})

describe('BibTeX', () => {
  it('escapes TeX special characters, keeps Chinese as UTF-8 and uses a stable key', async () => {
    const english = await cite(tricky.id, 'format=bibtex')
    expect(english.text).toContain(
      'title = {{Costs \\& Benefits: 50\\% of US\\_Japan \\{alliance\\} \\#1 \\textasciitilde{} \\$5\\textasciicircum{}2 \\textbackslash{} back}},',
    )
    expect(english.text).toContain('abstract = {A lead with 100\\% \\& more.},')
    expect(english.text.startsWith('@article{li-wei-2019-costs-and-benefits,\n')).toBe(true)

    const [en, zh, again] = await Promise.all([
      cite(article.id, 'format=bibtex'),
      cite(article.id, 'format=bibtex&locale=zh'),
      cite(article.id, 'format=bibtex'),
    ])
    const key = (text: string) => /^@article\{([^,]+),/.exec(text)?.[1]
    expect(key(en.text)).toBe('yuan-zheng-2018-us-japan-alliance')
    expect(key(zh.text)).toBe(key(en.text))
    expect(key(again.text)).toBe(key(en.text))
    expect(en.text).toContain('author = {{Yuan Zheng} and {Li Wei}},')
    expect(zh.text).toContain('author = {袁, 征 and 欧阳, 修文},')
    expect(zh.text).toContain('title = {{美日同盟与中日关系：北京的视角}},')
    expect(en.text).toContain('month = jun,')
    expect(en.text).toContain('date = {2018-06-01},')
    expect(zh.text).toContain('language = {chinese},')
    expect(Buffer.from(zh.text, 'utf8').toString('utf8')).toBe(zh.text)
  })
})

describe('RIS', () => {
  it('is one JOUR record with an AU line per author, dates, journal, volume, issue, keywords, language and URL', async () => {
    const answer = await cite(article.id, 'format=ris')
    expect(answer.text.endsWith('\r\n')).toBe(true)
    const lines = answer.text.split('\r\n').slice(0, -1)
    for (const line of lines) expect(line).toMatch(/^[A-Z][A-Z0-9] {2}- /)
    expect(lines[0]).toBe('TY  - JOUR')
    expect(lines.at(-1)).toBe('ER  - ')
    const values = (tag: string) => lines.filter((line) => line.startsWith(`${tag}  - `)).map((line) => line.slice(6))
    expect(values('AU')).toEqual(['Yuan Zheng', 'Li Wei'])
    expect(values('PY')).toEqual(['2018'])
    expect(values('DA')).toEqual(['2018/06/01/'])
    expect(values('T2')).toEqual(['Peace and Development'])
    expect(values('VL')).toEqual(['12'])
    expect(values('IS')).toEqual(['3'])
    expect(values('KW')).toEqual(['alliance', 'Japan'])
    expect(values('LA')).toEqual(['en'])
    expect(values('UR')).toEqual([`${WEBSITE}/en/articles/us-japan-alliance`])

    const chinese = await cite(article.id, 'format=ris&locale=zh')
    expect(chinese.text).toContain('AU  - 袁, 征\r\nAU  - 欧阳, 修文\r\n')
    expect(chinese.text).toContain('LA  - zh\r\n')
  })
})

describe('CSL-JSON', () => {
  it('is an array with one article-journal item whose authors are literal names, Chinese ones too', async () => {
    const en = JSON.parse((await cite(article.id, 'format=csl-json')).text) as CslData[]
    expect(en).toHaveLength(1)
    expect(en[0]).toMatchObject({
      author: [{ literal: 'Yuan Zheng' }, { literal: 'Li Wei' }],
      id: 'yuan-zheng-2018-us-japan-alliance',
      issued: { 'date-parts': [[2018, 6, 1]] },
      language: 'en',
      type: 'article-journal',
    })
    const zh = JSON.parse((await cite(article.id, 'format=csl-json&locale=zh')).text) as CslData[]
    expect(zh[0]).toMatchObject({
      author: [{ literal: '袁征' }, { literal: '欧阳修文' }],
      language: 'zh-Hans',
    })
  })

  it('is printed by a citation processor with Chinese names as written (袁征, not 袁, 征. or with initials)', async () => {
    const zh = new Cite((await cite(article.id, 'format=csl-json&locale=zh')).text)
    for (const template of ['apa', 'vancouver', 'harvard1']) {
      const printed = zh.format('bibliography', { format: 'text', template })
      expect({ printed, template }).toEqual({ printed: expect.stringContaining('袁征'), template })
      expect({ printed, template }).toEqual({ printed: expect.stringContaining('欧阳修文'), template })
      expect({ printed, template }).toEqual({ printed: expect.not.stringMatching(/袁\s*[,.]|征\s*\./), template })
      expect({ printed, template }).toEqual({ printed: expect.stringContaining('美日同盟与中日关系：北京的视角'), template })
    }
  })
})

describe('refusals', () => {
  it('refuses an unknown or missing format with a 400 that lists the formats', async () => {
    const unknown = await readJson<ErrorBody>(suite.rest.get(`/api/articles/${article.id}/cite?format=endnote`))
    expect(unknown.status).toBe(400)
    expect(unknown.body.errors[0].message).toBe('format must be one of bibtex, csl-json, ris (got "endnote")')
    const missing = await readJson<ErrorBody>(suite.rest.get(`/api/articles/${article.id}/cite`))
    expect(missing.status).toBe(400)
    expect(missing.body.errors[0].message).toBe('format is required: one of bibtex, csl-json, ris')
  })

  it('refuses an unknown locale with a 400', async () => {
    const answer = await readJson<ErrorBody>(suite.rest.get(`/api/articles/${article.id}/cite?format=ris&locale=de`))
    expect(answer.status).toBe(400)
    expect(answer.body.errors[0].message).toBe('locale must be one of en, zh')
  })

  it('is a 404 for an unpublished or unknown article', async () => {
    for (const id of [neverPublished.id, '0123456789abcdef01234567']) {
      const answer = await readJson<ErrorBody>(suite.rest.get(`/api/articles/${id}/cite?format=bibtex`))
      expect(answer.status).toBe(404)
      expect(answer.body.errors[0].message).toBe(`There is no published article with id "${id}"`)
    }
  })
})
