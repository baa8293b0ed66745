import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { importLegacyPages } from '../../src/import/importLegacyPages'
import type { ImportReport, PageResult } from '../../src/import/importReport'
import { parseLegacyPage } from '../../src/import/parseLegacyPage'
import type { BodyBlock } from '../../src/import/types'
import { markersOf } from '../helpers/footnotes'
import { indexBuildsFinished } from '../helpers/indexBuilds'
import { readJson } from '../helpers/responses'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'
import { allArticles, inLocale, LEGACY_DIR, source } from './legacyFixtures'

/**
 * Numbered notes of old pages (docs/import.md#notes) become footnotes: the
 * three ways the old site marks them (`[1]`, `①`, `注1`), each marker in the
 * text with its note at the end of the page (test/fixtures/legacy/notes/),
 * and the pages where markers and notes do not match, which keep their
 * notes as paragraphs.
 */

const NOTES_DIR = path.join(LEGACY_DIR, 'notes')
const fixture = (file: string) => fs.readFileSync(path.join(NOTES_DIR, file), 'utf8')
const page = (text: string, format: 'html' | 'text' = 'text') => parseLegacyPage({ format, text })

/** Each note of the body with the text of its block up to its marker. */
const notesInPlace = (body: BodyBlock[]) => body.flatMap((block) => (block.notes ?? []).map((note) => ({ before: block.text.slice(0, note.at), note: note.text })))
const endingWith = (text: string) => expect.stringMatching(new RegExp(`${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`))

const FOOTER = 'Address: 1 Example Road, Beijing 100088, China Tel: 86-10-82005566 Fax: 86-10-82007131'
const AUTHOR_NOTE = '(The author is Professor, Peking University. This article was received on May 15, 2018.)'
/** A small English page: the lead, a heading, the paragraphs given, the author note, then the lines given after it. */
const englishPage = (paragraphs: string[], after: string[], lead = 'A lead paragraph.') =>
  ['Your location:Home > Journals > Master forum', 'Rules and Order By Wang Wei', lead, 'I. The Question', ...paragraphs, AUTHOR_NOTE, ...after, FOOTER].join('\n\n')

describe('reading the notes of a page', () => {
  it('"[1]" markers with the notes under "Notes:" after the author note', () => {
    const parsed = page(fixture('defense-guidelines.en.txt'))
    expect(notesInPlace(parsed.body)).toEqual([
      { before: endingWith('in peace and in war.'), note: 'The Guidelines for Japan-U.S. Defense Cooperation, April 27, 2015, section II.' },
      { before: endingWith('for the first time.'), note: 'Legislation for Peace and Security, passed by the Diet on September 19, 2015.' },
      { before: endingWith("beyond Japan's own defense"), note: 'See, for example, the statements of the foreign ministries of China and the ROK, April 2015.' },
    ])
    // The markers are gone from the text, and the space before "[3]" with them; the notes are no paragraphs of their own.
    const texts = parsed.body.map((block) => block.text)
    expect(texts.join('\n')).not.toMatch(/\[\d\]|Notes:|Legislation for Peace/)
    expect(texts).toContain("Neighbours read the Guidelines as a sign that the alliance now looks beyond Japan's own defense, and several of them said so in public.")
    expect(parsed.authorNote?.receivedAt).toBe('2018-06-03')
    expect(parsed.warnings).toEqual([])
  })

  it('"①" markers with the notes under "注释：" before the author note', () => {
    const parsed = page(fixture('defense-guidelines.zh.txt'))
    expect(notesInPlace(parsed.body)).toEqual([
      { before: endingWith('灵活和有效”的应对'), note: '《日美防卫合作指针》，2015年4月27日，第二部分。' },
      { before: endingWith('首次可以行使集体自卫权'), note: '日本国会于2015年9月19日通过的安保相关法。' },
      { before: endingWith('已超出日本本土防卫'), note: '参见中国和韩国外交部2015年4月的有关表态。' },
    ])
    expect(parsed.body.map((block) => block.text).join('\n')).not.toMatch(/[①②③]|注释/)
    expect(parsed.authorNote?.receivedAt).toBe('2018-06-03')
    expect(parsed.warnings).toEqual([])
  })

  it('"注1" markers, "（注1）" or bare, with the notes after the author note', () => {
    const parsed = page(fixture('connectivity-notes.zh.txt'))
    expect(notesInPlace(parsed.body)).toEqual([
      { before: '中吉乌铁路的可行性研究已经完成', note: '中国、吉尔吉斯斯坦、乌兹别克斯坦三国交通部门联合声明，2022年9月。' },
      { before: '跨里海国际运输走廊的货运量在2022年增长了两倍多', note: '跨里海国际运输走廊协会年度报告，2023年。' },
    ])
    expect(parsed.body.map((block) => block.text)).toContain('中吉乌铁路的可行性研究已经完成，三国正在商定融资方案。')
    expect(parsed.body.map((block) => block.text).join('\n')).not.toMatch(/注\d/)
  })

  it('an HTML page with its markers in <sup>', () => {
    const html = `<html><body><p>Your location:Home &gt; Journals &gt; Master forum</p><h1>Rules and Order By Wang Wei</h1>
      <p>A lead paragraph.</p><p>I. The Question</p><p>Rules matter<sup>[1]</sup> to everyone.</p>
      <p>${AUTHOR_NOTE}</p><p>[1] A source.</p><p>${FOOTER}</p></body></html>`
    const parsed = page(html, 'html')
    expect(parsed.body.at(-1)).toEqual({ kind: 'paragraph', notes: [{ at: 12, text: 'A source.' }], text: 'Rules matter to everyone.' })
  })

  it('a page with "[1]" in its text but no notes at its end keeps its text as printed', () => {
    const parsed = page(englishPage(['Clause [1] of the treaty applies.'], []))
    expect(parsed.body.at(-1)).toEqual({ kind: 'paragraph', text: 'Clause [1] of the treaty applies.' })
    expect(parsed.warnings).toEqual([])
  })

  it.each([
    ['a note has no marker', ['The first point.[1]', 'The second point.'], /ends with 2 notes numbered \[1\], but the text has no marker for note 2/],
    ['the markers come in another order', ['The first point.[2]', 'The second point.[1]'], /ends with 2 notes numbered \[1\], but the text has markers in the order 2, 1/],
  ])('when %s, the notes stay paragraphs at the end, with a warning', (_, paragraphs, warning) => {
    const parsed = page(englishPage(paragraphs, ['[1] First source.', '[2] Second source.']))
    expect(parsed.warnings).toEqual([expect.stringMatching(warning)])
    expect(parsed.body.map((block) => block.text).slice(-2)).toEqual(['[1] First source.', '[2] Second source.'])
    expect(parsed.body.some((block) => block.notes)).toBe(false)
  })

  it('a marker in the lead is taken out of the lead, and the warning gives the note for an editor to place', () => {
    const parsed = page(englishPage(['The body.[2]'], ['[1] Lead source.', '[2] Body source.'], 'A lead with a note.[1]'))
    expect(parsed.lead).toEqual(['A lead with a note.'])
    expect(parsed.body.at(-1)).toEqual({ kind: 'paragraph', notes: [{ at: 9, text: 'Body source.' }], text: 'The body.' })
    expect(parsed.warnings).toEqual([expect.stringMatching(/^The lead has a note marker, but the lead cannot hold notes: .*"Lead source\."/)])
  })
})

describe('importing pages with notes', () => {
  let suite: SuiteContext
  let report: ImportReport
  const PAIR: [string, string] = ['defense-guidelines.en.txt', 'defense-guidelines.zh.txt']
  const sources = () => ['defense-guidelines.en.txt', 'defense-guidelines.zh.txt', 'connectivity-notes.zh.txt'].map((file) => source(path.join(NOTES_DIR, file)))
  const pageOf = (file: string): PageResult => report.pages.find((result) => result.files.some((name) => path.basename(name) === file))!

  beforeAll(async () => {
    suite = await startPayloadForSuite('import-notes')
    await indexBuildsFinished(suite.payload)
    report = await importLegacyPages(suite.payload, sources(), { pairs: [PAIR], publish: true })
  }, 120_000)

  afterAll(async () => {
    await suite?.close()
  })

  it('stores each note as a footnote at its marker, in both languages', async () => {
    expect(report.totals).toEqual({ created: 2, failed: 0, pages: 2, unchanged: 0, updated: 0 })
    const article = (await allArticles(suite.payload)).find((stored) => inLocale(stored.title, 'en') === 'The New Defense Guidelines and Regional Security')!
    expect(markersOf(inLocale(article.body, 'en')).map((marker) => marker.text)).toEqual([
      'The Guidelines for Japan-U.S. Defense Cooperation, April 27, 2015, section II.',
      'Legislation for Peace and Security, passed by the Diet on September 19, 2015.',
      'See, for example, the statements of the foreign ministries of China and the ROK, April 2015.',
    ])
    expect(markersOf(inLocale(article.body, 'zh')).map((marker) => marker.text)).toHaveLength(3)
    expect(inLocale(article.lead, 'zh')).toBe('2015年修订的《日美防卫合作指针》改变了同盟可以做什么，以及可以在离日本多远的地方做。')
  })

  it('the website gets the imported notes numbered, in English and in Chinese', async () => {
    const slug = pageOf('defense-guidelines.en.txt').article!.slug
    for (const [locale, count, first] of [['en', 3, 'The Guidelines for Japan-U.S.'], ['zh', 3, '《日美防卫合作指针》']] as const) {
      const { body } = await readJson<{ notes: { anchor: string; number: number; text: string }[] }>(suite.rest.get(`/api/website/articles/${slug}?locale=${locale}`))
      expect(body.notes.map((note) => [note.number, note.anchor])).toEqual(Array.from({ length: count }, (_, index) => [index + 1, `note-${index + 1}`]))
      expect(body.notes[0].text.startsWith(first)).toBe(true)
    }
    const connectivity = pageOf('connectivity-notes.zh.txt').article!.slug
    const { body } = await readJson<{ notes: { number: number; text: string }[] }>(suite.rest.get(`/api/website/articles/${connectivity}?locale=zh`))
    expect(body.notes.map((note) => note.number)).toEqual([1, 2])
  })

  it('importing the same pages again changes nothing', async () => {
    const again = await importLegacyPages(suite.payload, sources(), { pairs: [PAIR], publish: true })
    expect(again.totals).toEqual({ created: 0, failed: 0, pages: 2, unchanged: 2, updated: 0 })
  })

  it('a page whose note changed updates the body', async () => {
    const changed = sources().map((entry) =>
      path.basename(entry.name) === 'connectivity-notes.zh.txt' ? { ...entry, bytes: Buffer.from(Buffer.from(entry.bytes).toString('utf8').replace('年度报告，2023年', '年度报告，2024年')) } : entry,
    )
    const again = await importLegacyPages(suite.payload, changed, { pairs: [PAIR], publish: true })
    expect(again.pages.find((result) => result.files.some((name) => name.endsWith('connectivity-notes.zh.txt')))).toMatchObject({ changes: [expect.stringContaining('body (zh)')], status: 'updated' })
  })
})
