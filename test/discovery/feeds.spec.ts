import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { parseFeed } from '@rowanmanning/feed-parser'
import { XMLParser } from 'fast-xml-parser'

import type { Article } from '../../src/payload-types'
import { readJson, readOkText, type ApiErrorBody } from '../helpers/responses'
import { createRoleUsers, type RoleUsers } from '../helpers/roleUsers'
import { NEWER_DRAFT_TITLE, SeededJournal } from '../helpers/seededJournal'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'
import { setSuiteEnvironment } from '../helpers/suiteEnvironment'
import { parseWellFormedXml } from '../helpers/xmlAnswers'

/**
 * The RSS, Atom and JSON feeds (docs/feeds.md) against a small bilingual
 * journal: Journals › Master forum, World affairs and an inactive Archive
 * section; a bilingual article whose titles need escaping, an English-only
 * one, one with a newer unpublished draft, one in the inactive section and
 * one never published. Website addresses come from WEBSITE_URL and a custom
 * article path template.
 */

const WEBSITE = 'https://www.example.org'
const ENVIRONMENT = { WEBSITE_ARTICLE_PATH: '/{locale}/read/{slug}', WEBSITE_URL: WEBSITE }
const CMS = 'http://localhost:3000'

const EN_TITLE = 'Alliances & <Rivals>: "US" and \'Japan\''
const ZH_TITLE = '美日同盟与中日关系 & <对话>'
const NEVER_PUBLISHED = 'Not yet published'

let suite: SuiteContext
let users: RoleUsers
let restoreEnvironment: (() => void) | undefined
let bilingual: Article

const xml = new XMLParser({
  attributeNamePrefix: '@',
  ignoreAttributes: false,
  isArray: (_name, path) =>
    ['feed.entry', 'feed.entry.author', 'feed.entry.link', 'feed.link', 'rss.channel.item', 'rss.channel.item.dc:creator'].includes(String(path)),
  parseTagValue: false,
})

type XmlNode = Record<string, unknown> & { '#text'?: string }

const feed = (path: `/api/${string}`, token?: string) => readOkText(suite.rest.get(path, { token }), path)

const parseXml = (text: string) => parseWellFormedXml<Record<string, XmlNode>>(xml, text)

const textOf = (node: unknown): string => (typeof node === 'string' ? node : String((node as XmlNode | undefined)?.['#text'] ?? ''))

const RFC_3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/

beforeAll(async () => {
  restoreEnvironment = setSuiteEnvironment(ENVIRONMENT)

  suite = await startPayloadForSuite('feeds')
  users = await createRoleUsers(suite, 'feeds')
  const journal = new SeededJournal(suite.payload)

  await journal.site(
    { description: 'Research & <commentary> on America', siteName: 'Institute of American Studies' },
    { description: '美国研究所的研究与评论', siteName: '美国研究所' },
  )
  await journal.sections()
  await journal.authors()

  bilingual = await journal.bilingualArticle({
    en: { lead: 'How the alliance shapes relations between China & Japan.\u0001', title: EN_TITLE },
    zh: { title: ZH_TITLE },
  })
  await journal.englishOnlyArticle()
  await journal.articleWithDraft()
  await journal.archivedArticle()
  await journal.neverPublishedArticle()
})

afterAll(async () => {
  await suite?.close()
  restoreEnvironment?.()
})

const articleUrl = (locale: string, slug: string) => `${WEBSITE}/${locale}/read/${slug}`

/** The English feed's articles, newest first: every published article, the one in the inactive section too. */
const PUBLISHED_IN_ENGLISH = ['english-only', 'us-japan-alliance', 'world-order', 'archived'].map((slug) => articleUrl('en', slug))

describe('RSS 2.0', () => {
  it('lists the newest published articles of the journal in English, newest first', async () => {
    const { text, type } = await feed('/api/feeds/en/rss.xml')
    expect(type).toBe('application/rss+xml; charset=utf-8')
    const parsed = parseFeed(text)
    expect(parsed.meta.type).toBe('rss')
    expect(parsed).toMatchObject({
      description: 'Research & <commentary> on America',
      language: 'en',
      self: `${CMS}/feeds/en/rss.xml`,
      title: 'Institute of American Studies',
      url: `${WEBSITE}/en`,
    })
    expect(parsed.items.map((item) => item.url)).toEqual(PUBLISHED_IN_ENGLISH)
    const alliance = parsed.items[1]
    expect(alliance.title).toBe(EN_TITLE)
    expect(alliance.description).toBe('How the alliance shapes relations between China & Japan.')
    expect(alliance.authors.map((author) => author.name)).toEqual(['Yuan Zheng', 'Li Wei'])
    expect(alliance.categories.map((category) => category.label)).toEqual(['Master forum'])
    expect(alliance.published?.toISOString()).toBe('2018-06-01T00:00:00.000Z')
    expect(alliance.id).toMatch(new RegExp(`^tag:www\\.example\\.org,2018-06-01:articles/${bilingual.id}/en$`))
  })

  it('has every element the RSS 2.0 specification requires, and a guid that is not a permalink', async () => {
    const { rss } = parseXml((await feed('/api/feeds/en/rss.xml')).text)
    expect(rss['@version']).toBe('2.0')
    const channel = rss.channel as XmlNode
    for (const required of ['title', 'link', 'description']) expect(textOf(channel[required]).length).toBeGreaterThan(0)
    expect(channel.lastBuildDate).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/)
    expect(channel['atom:link']).toMatchObject({ '@href': `${CMS}/feeds/en/rss.xml`, '@rel': 'self', '@type': 'application/rss+xml' })
    const items = channel.item as XmlNode[]
    expect(items).toHaveLength(4)
    for (const item of items) {
      expect(textOf(item.title) || textOf(item.description)).not.toBe('')
      expect(item.guid).toMatchObject({ '@isPermaLink': 'false' })
      expect(textOf(item.guid)).toMatch(/^tag:/)
      expect(new Date(textOf(item.pubDate)).toString()).not.toBe('Invalid Date')
      expect(textOf(item['atom:updated'])).toMatch(RFC_3339)
    }
    expect(new Set(items.map((item) => textOf(item.guid))).size).toBe(items.length)
  })

  it('escapes &, <, > and quotes, keeps Chinese as it is and drops characters XML does not allow', async () => {
    const en = (await feed('/api/feeds/en/rss.xml')).text
    expect(en).toContain('<title>Alliances &amp; &lt;Rivals&gt;: &quot;US&quot; and &apos;Japan&apos;</title>')
    expect(en).toContain('<description>Research &amp; &lt;commentary&gt; on America</description>')
    expect(en).not.toContain('\u0001')
    const zh = (await feed('/api/feeds/zh/rss.xml')).text
    expect(zh).toContain('<title>美日同盟与中日关系 &amp; &lt;对话&gt;</title>')
    expect(parseFeed(zh).items[0].title).toBe(ZH_TITLE)
  })

  it('in Chinese carries only articles written in Chinese, never English fallbacks', async () => {
    const { text } = await feed('/api/feeds/zh/rss.xml')
    const parsed = parseFeed(text)
    expect(parsed).toMatchObject({ language: 'zh-Hans', title: '美国研究所', url: `${WEBSITE}/zh` })
    expect(parsed.items.map((item) => [item.url, item.title, item.description])).toEqual([
      [articleUrl('zh', 'us-japan-alliance'), ZH_TITLE, '美日同盟如何影响中日关系。'],
    ])
    // Li Wei has no Chinese name yet: the English one stands in.
    expect(parsed.items[0].authors.map((author) => author.name)).toEqual(['袁征', 'Li Wei'])
    expect(parsed.items[0].categories.map((category) => category.label)).toEqual(['大家论坛'])
    expect(parsed.items[0].id).toBe(`tag:www.example.org,2018-06-01:articles/${bilingual.id}/zh`)
  })
})

describe('Atom 1.0', () => {
  it('has the feed and entry elements RFC 4287 requires', async () => {
    const { text, type } = await feed('/api/feeds/en/atom.xml')
    expect(type).toBe('application/atom+xml; charset=utf-8')
    const { feed: root } = parseXml(text)
    expect(root['@xmlns']).toBe('http://www.w3.org/2005/Atom')
    expect(root['@xml:lang']).toBe('en')
    expect(textOf(root.id)).toBe(`${CMS}/feeds/en/atom.xml`)
    expect(textOf(root.title)).toBe('Institute of American Studies')
    expect(textOf(root.updated)).toMatch(RFC_3339)
    const links = root.link as XmlNode[]
    expect(links).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ '@href': `${CMS}/feeds/en/atom.xml`, '@rel': 'self' }),
        expect.objectContaining({ '@href': `${WEBSITE}/en`, '@rel': 'alternate' }),
      ]),
    )
    const entries = root.entry as XmlNode[]
    expect(entries).toHaveLength(4)
    for (const entry of entries) {
      expect(textOf(entry.id)).toMatch(/^tag:www\.example\.org,\d{4}-\d{2}-\d{2}:articles\/[0-9a-f]+\/en$/)
      expect(textOf(entry.title)).not.toBe('')
      expect(textOf(entry.updated)).toMatch(RFC_3339)
      expect(textOf(entry.published)).toMatch(RFC_3339)
      expect((entry.author as XmlNode[]).length).toBeGreaterThan(0)
      expect((entry.author as XmlNode[]).every((author) => textOf(author.name) !== '')).toBe(true)
      expect(entry.link).toEqual([expect.objectContaining({ '@rel': 'alternate', '@type': 'text/html' })])
    }
    // The feed's newest change is that of its newest entry (or of the site's own details).
    const newestEntry = Math.max(...entries.map((entry) => Date.parse(textOf(entry.updated))))
    expect(Date.parse(textOf(root.updated))).toBeGreaterThanOrEqual(newestEntry)
  })

  it('parses with the same entries, authors and dates as the RSS feed', async () => {
    const parsed = parseFeed((await feed('/api/feeds/en/atom.xml')).text)
    expect(parsed.meta.type).toBe('atom')
    expect(parsed).toMatchObject({ language: 'en', self: `${CMS}/feeds/en/atom.xml`, url: `${WEBSITE}/en` })
    expect(parsed.items.map((item) => item.url)).toEqual(PUBLISHED_IN_ENGLISH)
    const alliance = parsed.items[1]
    expect(alliance.title).toBe(EN_TITLE)
    expect(alliance.description).toBe('How the alliance shapes relations between China & Japan.')
    expect(alliance.authors).toEqual([
      { email: null, name: 'Yuan Zheng', url: `${WEBSITE}/en/authors/yuan-zheng` },
      { email: null, name: 'Li Wei', url: `${WEBSITE}/en/authors/li-wei` },
    ])
    expect(alliance.published?.toISOString()).toBe('2018-06-01T00:00:00.000Z')
    expect(alliance.updated?.getTime()).toBeGreaterThan(alliance.published?.getTime() ?? Infinity)
  })

  it('in Chinese is marked zh-Hans and carries the Chinese title', async () => {
    const parsed = parseFeed((await feed('/api/feeds/zh/atom.xml')).text)
    expect(parsed.language).toBe('zh-Hans')
    expect(parsed.items.map((item) => item.title)).toEqual([ZH_TITLE])
  })
})

type JsonFeedDocument = {
  authors: { name: string; url?: string }[]
  description: string
  feed_url: string
  home_page_url: string
  items: {
    authors: { name: string; url?: string }[]
    content_html?: string
    content_text?: string
    date_modified: string
    date_published: string
    id: string
    language: string
    tags?: string[]
    title: string
    url: string
  }[]
  language: string
  title: string
  version: string
}

describe('JSON Feed 1.1', () => {
  it('has the version, title and items with id, content, RFC 3339 dates, authors and language', async () => {
    const { text, type } = await feed('/api/feeds/en/feed.json')
    expect(type).toBe('application/feed+json; charset=utf-8')
    const document = JSON.parse(text) as JsonFeedDocument
    expect(document).toMatchObject({
      description: 'Research & <commentary> on America',
      feed_url: `${CMS}/feeds/en/feed.json`,
      home_page_url: `${WEBSITE}/en`,
      language: 'en',
      title: 'Institute of American Studies',
      version: 'https://jsonfeed.org/version/1.1',
    })
    expect(document.authors).toEqual([{ name: 'Institute of American Studies', url: `${WEBSITE}/en` }])
    expect(document.items.map((item) => item.url)).toEqual(PUBLISHED_IN_ENGLISH)
    for (const item of document.items) {
      expect(typeof item.id).toBe('string')
      expect(item.content_text ?? item.content_html).toBeTruthy()
      expect(item.date_published).toMatch(RFC_3339)
      expect(item.date_modified).toMatch(RFC_3339)
      expect(Array.isArray(item.authors) && item.authors.length > 0).toBe(true)
      expect(item.language).toBe('en')
    }
    expect(document.items[1]).toMatchObject({
      authors: [
        { name: 'Yuan Zheng', url: `${WEBSITE}/en/authors/yuan-zheng` },
        { name: 'Li Wei', url: `${WEBSITE}/en/authors/li-wei` },
      ],
      content_text: 'How the alliance shapes relations between China & Japan.',
      date_published: '2018-06-01T00:00:00.000Z',
      id: `tag:www.example.org,2018-06-01:articles/${bilingual.id}/en`,
      tags: ['Master forum'],
      title: EN_TITLE,
    })
  })

  it('in Chinese carries only the Chinese article', async () => {
    const document = JSON.parse((await feed('/api/feeds/zh/feed.json')).text) as JsonFeedDocument
    expect(document.language).toBe('zh-Hans')
    expect(document.items.map((item) => [item.title, item.content_text, item.language])).toEqual([
      [ZH_TITLE, '美日同盟如何影响中日关系。', 'zh-Hans'],
    ])
  })
})

describe('section feeds', () => {
  it('cover the section and every section below it', async () => {
    const journals = parseFeed((await feed('/api/feeds/en/sections/journals/rss.xml')).text)
    expect(journals.title).toBe('Journals | Institute of American Studies')
    expect(journals.url).toBe(`${WEBSITE}/en/sections/journals`)
    expect(journals.self).toBe(`${CMS}/feeds/en/sections/journals/rss.xml`)
    expect(journals.items.map((item) => item.url)).toEqual([articleUrl('en', 'english-only'), articleUrl('en', 'us-japan-alliance')])

    const masterForum = parseFeed((await feed('/api/feeds/en/sections/master-forum/atom.xml')).text)
    expect(masterForum.url).toBe(`${WEBSITE}/en/sections/journals/master-forum`)
    expect(masterForum.items.map((item) => item.url)).toEqual([articleUrl('en', 'english-only'), articleUrl('en', 'us-japan-alliance')])

    const worldAffairs = JSON.parse((await feed('/api/feeds/en/sections/world-affairs/feed.json')).text) as JsonFeedDocument
    expect(worldAffairs.items.map((item) => item.title)).toEqual(['World order'])
  })

  it('in Chinese carry the branch\'s Chinese articles under the section\'s Chinese title', async () => {
    const journals = parseFeed((await feed('/api/feeds/zh/sections/journals/atom.xml')).text)
    expect(journals.title).toBe('期刊 | 美国研究所')
    expect(journals.items.map((item) => item.title)).toEqual([ZH_TITLE])
    const worldAffairs = JSON.parse((await feed('/api/feeds/zh/sections/world-affairs/feed.json')).text) as JsonFeedDocument
    expect(worldAffairs.items).toEqual([])
  })
})

describe('unpublished content', () => {
  const everyFeed = ['en', 'zh'].flatMap((locale) =>
    ['', 'sections/journals/', 'sections/master-forum/', 'sections/world-affairs/'].flatMap((scope) =>
      ['rss.xml', 'atom.xml', 'feed.json'].map((file) => `/api/feeds/${locale}/${scope}${file}` as const),
    ),
  )

  it('never appears in any feed, not even for a signed-in editor', async () => {
    for (const path of everyFeed) {
      for (const token of [undefined, users.editor.token]) {
        const { text } = await feed(path, token)
        expect(text).not.toContain(NEVER_PUBLISHED)
        expect(text).not.toContain('not-yet')
        expect(text).not.toContain(NEWER_DRAFT_TITLE)
      }
    }
    // The published version of the article with a newer draft is there.
    expect(parseFeed((await feed('/api/feeds/en/rss.xml')).text).items.map((item) => item.title)).toContain('World order')
  })
})

describe('bad addresses', () => {
  it('refuse an unknown language with a 400 naming the languages there are', async () => {
    for (const locale of ['fr', 'all', 'zh-Hans']) {
      const { body, status } = await readJson<ApiErrorBody>(suite.rest.get(`/api/feeds/${locale}/rss.xml`))
      expect(status).toBe(400)
      expect(body.errors?.[0].message).toBe(`The feed language must be one of en, zh (got "${locale}")`)
    }
    const section = await readJson<ApiErrorBody>(suite.rest.get('/api/feeds/de/sections/journals/atom.xml'))
    expect(section.status).toBe(400)
  })

  it('answer 404 for an unknown feed file, an unknown section and a section hidden from readers', async () => {
    const unknownFile = await readJson<ApiErrorBody>(suite.rest.get('/api/feeds/en/feed.xml'))
    expect(unknownFile.status).toBe(404)
    expect(unknownFile.body.errors?.[0].message).toBe('There is no feed "feed.xml": feeds are atom.xml, feed.json, rss.xml')

    const unknownSection = await readJson<ApiErrorBody>(suite.rest.get('/api/feeds/en/sections/no-such-section/rss.xml'))
    expect(unknownSection.status).toBe(404)
    expect(unknownSection.body.errors?.[0].message).toBe('There is no section "no-such-section"')

    const hidden = await readJson<ApiErrorBody>(suite.rest.get('/api/feeds/en/sections/archive/feed.json'))
    expect(hidden.status).toBe(404)
    expect(hidden.body.errors?.[0].message).toBe('There is no section "archive"')

    const long = await readJson<ApiErrorBody>(suite.rest.get(`/api/feeds/en/sections/${'x'.repeat(10_000)}/rss.xml`))
    expect(long.status).toBe(404)
    expect(long.body.errors?.[0].message).toBe(`There is no section "${'x'.repeat(60)}…"`)

    const malformed = await suite.rest.get('/api/feeds/en/sections/%E0%A4%A/rss.xml')
    expect(malformed.status).toBe(404)
  })
})
