import fs from 'node:fs'
import { describe, expect, it } from '@jest/globals'

import { decodePage } from '../../src/import/decodePage'
import { isNumberedHeading } from '../../src/import/headings'
import { isChromeLine } from '../../src/import/pageChrome'
import { PageError } from '../../src/import/pageError'
import { parseAuthorNote } from '../../src/import/parseAuthorNote'
import { parseByline } from '../../src/import/parseByline'
import { parseDate } from '../../src/import/parseDate'
import { parseDirectoryFooter, parsePhones } from '../../src/import/parseDirectoryFooter'
import { parseLegacyPage } from '../../src/import/parseLegacyPage'
import { checkPairs, parsePairs } from '../../src/import/parsePairs'
import { SAMPLE_HTML, SAMPLE_TEXT } from './legacyFixtures'

/** How the importer reads the parts of a page, without a database. */

const page = (text: string) => parseLegacyPage({ format: 'text', text })

const FOOTER = 'Address: 1 Example Road, Beijing 100088, China Tel: 86-10-82005566 Fax: 86-10-82007131'
const articlePage = (titleLine: string, note = '(The author is Professor, Peking University. This article was received on May 15, 2018.)') =>
  ['Login Set as Homepage Contact us', '中文 English', 'Your location:Home > Journals > Master forum', titleLine, 'A lead paragraph.', note, FOOTER].join('\n\n')

describe('bylines', () => {
  it.each([
    ['The US-Japan Alliance and the Sino-Japanese Relations By Yuan Zheng', 'The US-Japan Alliance and the Sino-Japanese Relations', ['Yuan Zheng']],
    ['Rules and Order By Wang Wei and Li Na', 'Rules and Order', ['Wang Wei', 'Li Na']],
    ['Connectivity By Zhang Ming, Chen Hong and Liu Yang', 'Connectivity', ['Zhang Ming', 'Chen Hong', 'Liu Yang']],
    ['Connectivity By Zhang Ming, Chen Hong, and Liu Yang', 'Connectivity', ['Zhang Ming', 'Chen Hong', 'Liu Yang']],
    ['Driven By Interests By Wang Wei', 'Driven By Interests', ['Wang Wei']],
    ['美日同盟与中日关系 作者：袁征', '美日同盟与中日关系', ['袁征']],
    ['印太地区的规则与秩序 文/王伟、李娜', '印太地区的规则与秩序', ['王伟', '李娜']],
    ['印太地区的规则与秩序 作者: 王伟 李娜', '印太地区的规则与秩序', ['王伟', '李娜']],
    ['A Title Without Byline', 'A Title Without Byline', []],
  ])('%s', (line, title, authors) => {
    expect(parseByline(line)).toEqual({ authors, title })
  })

  it('a byline on a line of its own under the title', () => {
    const parsed = page(articlePage('Rules and Order\n\nBy Wang Wei and Li Na'))
    expect(parsed).toMatchObject({ authors: ['Wang Wei', 'Li Na'], lead: ['A lead paragraph.'], title: 'Rules and Order' })
  })
})

describe('numbered headings', () => {
  it.each(['I. The Strengthening of the US-Japan Alliance', 'II.The US-Japan Coordination', 'IV.The US Factor', 'XII. Conclusions', '一、美日同盟的强化', 'I.围绕秩序的不同理念'])(
    '%s is a heading',
    (line) => expect(isNumberedHeading(line)).toBe(true),
  )

  it.each([
    'I.e. this is a sentence.',
    'I think the alliance will last.',
    'Ideas. They matter',
    `I. ${'A very long line that is a paragraph which happens to start with a numeral '.repeat(3)}`,
    'II. A sentence that ends with a full stop.',
  ])('%s is not', (line) => expect(isNumberedHeading(line)).toBe(false))
})

describe('the author note', () => {
  it('English, one author: position and affiliation split at the first comma, the date received', () => {
    const note = parseAuthorNote(
      '(The author is Director of Department of American Diplomacy, Institute of American Studies, CASS. This article was received on May 15, 2018.)',
      ['Yuan Zheng'],
      'en',
    )
    expect(note.receivedAt).toBe('2018-05-15')
    expect([...note.authors]).toEqual([[0, { affiliation: 'Institute of American Studies, CASS', position: 'Director of Department of American Diplomacy' }]])
  })

  it('English, named authors: each gets what is said about them', () => {
    const note = parseAuthorNote(
      '(Wang Wei is Professor of International Relations, Peking University; Li Na is a research fellow at the China Institute of International Studies. This article was received on 2 March 2019.)',
      ['Wang Wei', 'Li Na'],
      'en',
    )
    expect(note.receivedAt).toBe('2019-03-02')
    expect(note.authors.get(0)).toEqual({ affiliation: 'Peking University', position: 'Professor of International Relations' })
    expect(note.authors.get(1)).toEqual({ affiliation: 'China Institute of International Studies', position: 'research fellow' })
  })

  it('Chinese: 作者系…, the institution and the position told apart, 收稿日期', () => {
    const note = parseAuthorNote('（作者系中国社会科学院美国研究所外交研究室主任。本文收稿日期：2018年5月15日。）', ['袁征'], 'zh')
    expect(note.receivedAt).toBe('2018-05-15')
    expect(note.authors.get(0)).toEqual({ affiliation: '中国社会科学院美国研究所', position: '外交研究室主任' })
  })

  it('Chinese, named authors', () => {
    const note = parseAuthorNote('（王伟系北京大学国际关系学院教授；李娜系中国国际问题研究院副研究员。收稿日期：2019-03-02）', ['王伟', '李娜'], 'zh')
    expect(note.receivedAt).toBe('2019-03-02')
    expect(note.authors.get(0)).toEqual({ affiliation: '北京大学国际关系学院', position: '教授' })
    expect(note.authors.get(1)).toEqual({ affiliation: '中国国际问题研究院', position: '副研究员' })
  })

  it.each([
    ['May 15, 2018', '2018-05-15'],
    ['15 May 2018', '2018-05-15'],
    ['Sept. 3, 2019', '2019-09-03'],
    ['2018年5月15日', '2018-05-15'],
    ['2018/5/15', '2018-05-15'],
    ['April 31, 2018', undefined],
    ['sometime in 2018', undefined],
  ])('the date %s', (text, day) => expect(parseDate(text)).toBe(day))
})

describe('the directory footer', () => {
  it('numbers with extensions as printed', () => {
    expect(parsePhones('86-10-82002138, 82005566 Ext.8008')).toEqual([{ number: '86-10-82002138' }, { extension: '8008', number: '82005566' }])
    expect(parsePhones('82005669 Ext. 8002')).toEqual([{ extension: '8002', number: '82005669' }])
    expect(parsePhones('82003022 82005566转8030')).toEqual([{ number: '82003022' }, { extension: '8030', number: '82005566' }])
  })

  it('several units on a line, a name starting with a digit, and the Art Council with its own address', () => {
    const { entries, unread } = parseDirectoryFooter([
      FOOTER,
      '2nd Department of Asian Affairs:82005953 82005566 Ext. 8038 Department of Council Affairs:82002375 82005566 Ext. 8023',
      'Website:http://www.example.org E-Mail:office@example.org',
      'Art Council (Art Academy of International Friendly Contact):86-10-62366878',
      'Address:D5 Building, No. 1A , Huayanbeili ,Chaoyang District, Beijing Postal code:100029',
    ])
    expect(unread).toEqual([])
    expect(entries).toEqual([
      {
        address: '1 Example Road, Beijing 100088, China',
        email: 'office@example.org',
        fax: '86-10-82007131',
        kind: 'organization',
        organization: 'association',
        phones: [{ number: '86-10-82005566' }],
        website: 'http://www.example.org',
      },
      { kind: 'department', name: '2nd Department of Asian Affairs', organization: 'association', phones: [{ number: '82005953' }, { extension: '8038', number: '82005566' }] },
      { kind: 'department', name: 'Department of Council Affairs', organization: 'association', phones: [{ number: '82002375' }, { extension: '8023', number: '82005566' }] },
      {
        address: 'D5 Building, No. 1A, Huayanbeili, Chaoyang District, Beijing 100029',
        kind: 'organization',
        name: 'Art Council (Art Academy of International Friendly Contact)',
        organization: 'art-council',
        phones: [{ number: '86-10-62366878' }],
      },
    ])
  })

  it('says what it could not read', () => {
    const { unread } = parseDirectoryFooter([FOOTER, 'Opening hours: weekdays'])
    expect(unread).toEqual(['Opening hours: weekdays'])
  })
})

describe('pages', () => {
  it('tells text from HTML by their content, whatever the file is called', () => {
    expect(decodePage(fs.readFileSync(SAMPLE_TEXT)).format).toBe('text')
    expect(decodePage(fs.readFileSync(SAMPLE_HTML)).format).toBe('html')
    expect(decodePage(Buffer.from('<p>A paragraph</p><div>and a block</div>')).format).toBe('html')
  })

  it('reads a page served as GBK', () => {
    const gbk = Buffer.from([0xd6, 0xd0, 0xce, 0xc4, 0xd2, 0xb3, 0xc3, 0xe6, 0xa3, 0xba, 0xc3, 0xc0, 0xc8, 0xd5, 0xcd, 0xac, 0xc3, 0xcb])
    expect(decodePage(gbk).text).toBe('中文页面：美日同盟')
  })

  it.each([
    [Buffer.alloc(0), 'The file is empty.'],
    [Buffer.from('  \n\n '), 'The file is empty: it holds only white space.'],
    [Buffer.from('%PDF-1.7 …'), 'This is not a saved page: the file is a PDF document.'],
    [Buffer.from([0x01, 0x02, 0x00, 0x03, 0x41, 0x42]), 'This is not a saved page: the file holds binary data, not text or HTML.'],
  ])('refuses what is not a page with a message saying what it is (%#)', (bytes, message) => {
    expect(() => decodePage(bytes)).toThrow(new PageError(message))
  })

  it('recognises the chrome around the article', () => {
    for (const line of ['Login Set as Homepage Contact us', '中文 English', '【打印】【关闭】', 'Previous: An older article', '登录 设为首页 联系我们']) {
      expect(isChromeLine(line)).toBe(true)
    }
    for (const line of ['Home Affairs in Japan', '中美关系', 'The US-Japan Alliance']) expect(isChromeLine(line)).toBe(false)
  })

  it('refuses a page without a byline, naming the title line', () => {
    expect(() => page(articlePage('A Title Without Byline'))).toThrow(/^No byline: the title line "A Title Without Byline" names no author/)
  })

  it('refuses a page without a breadcrumb', () => {
    expect(() => page('Some Title By Wang Wei\n\nText.\n\n' + FOOTER)).toThrow(/^No breadcrumb/)
  })

  it('a page without headings: the first paragraph is the lead, the rest the body', () => {
    const parsed = page(articlePage('Title By Wang Wei').replace('A lead paragraph.', 'First.\n\nSecond.\n\nThird.'))
    expect(parsed.lead).toEqual(['First.'])
    expect(parsed.body).toEqual([
      { kind: 'paragraph', text: 'Second.' },
      { kind: 'paragraph', text: 'Third.' },
    ])
  })
})

describe('pairs written in the admin UI', () => {
  it('one pair a line', () => {
    expect(parsePairs('a-en.html = a-zh.html\n\nb-en.txt | b-zh.txt\n')).toEqual([
      ['a-en.html', 'a-zh.html'],
      ['b-en.txt', 'b-zh.txt'],
    ])
    expect(checkPairs('a-en.html = a-zh.html')).toBe(true)
    expect(checkPairs('a-en.html = a-zh.html\njust-one.html')).toMatch(/^Line 2 \("just-one.html"\) is not a pair/)
  })
})
