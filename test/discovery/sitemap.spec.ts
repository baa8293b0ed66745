import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { XMLParser } from 'fast-xml-parser'

import { websiteLinks } from '../../src/discovery/feeds/websiteLinks'
import { articleSitemap } from '../../src/discovery/sitemap/articleSitemap'
import { sitemapContext } from '../../src/discovery/sitemap/sitemapContext'
import { sitemapIndex } from '../../src/discovery/sitemap/sitemapIndex'
import type { Section } from '../../src/payload-types'
import { readJson, readOkText, type ApiErrorBody } from '../helpers/responses'
import { createRoleUsers, type RoleUsers } from '../helpers/roleUsers'
import { articleBody, SeededJournal } from '../helpers/seededJournal'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'
import { setSuiteEnvironment } from '../helpers/suiteEnvironment'
import { expectSchemaValid as expectValidAgainst, parseWellFormedXml } from '../helpers/xmlAnswers'

/**
 * The sitemap index and its files (docs/feeds.md) against a small bilingual
 * journal: Journals › Master forum, World affairs and an inactive Archive;
 * a bilingual article, an English-only one, a Chinese-only one, one with a
 * newer unpublished draft, one in the inactive section and one never
 * published; authors with and without published articles. Website
 * addresses come from WEBSITE_URL and a custom section path template.
 */

const WEBSITE = 'https://www.example.org'
const ENVIRONMENT = { WEBSITE_SECTION_PATH: '/{locale}/topics/{path}', WEBSITE_URL: WEBSITE }
const CMS = 'http://localhost:3000'
const SITEMAP_NAMESPACE = 'http://www.sitemaps.org/schemas/sitemap/0.9'

let suite: SuiteContext
let restoreEnvironment: (() => void) | undefined
let users: RoleUsers
let journals: Section

/**
 * The sitemap protocol's structure (sitemaps.org, version 0.9) and the
 * xhtml:link alternates, as XML Schemas written for these tests: `url` and
 * `sitemap` entries with an absolute `loc` and an optional W3C datetime
 * `lastmod`, then any number of language alternates.
 */
const SITEMAP_SCHEMA = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xhtml="http://www.w3.org/1999/xhtml"
  xmlns="${SITEMAP_NAMESPACE}" targetNamespace="${SITEMAP_NAMESPACE}" elementFormDefault="qualified">
  <xs:import namespace="http://www.w3.org/1999/xhtml" schemaLocation="alternates.xsd"/>
  <xs:simpleType name="absoluteAddress">
    <xs:restriction base="xs:anyURI">
      <xs:maxLength value="2047"/>
      <xs:pattern value="https?://[^/]+/.*"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="whenChanged">
    <xs:union memberTypes="xs:date xs:dateTime"/>
  </xs:simpleType>
  <xs:element name="urlset">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="url" maxOccurs="unbounded">
          <xs:complexType>
            <xs:sequence>
              <xs:element name="loc" type="absoluteAddress"/>
              <xs:element name="lastmod" type="whenChanged" minOccurs="0"/>
              <xs:element ref="xhtml:link" minOccurs="0" maxOccurs="unbounded"/>
            </xs:sequence>
          </xs:complexType>
        </xs:element>
      </xs:sequence>
    </xs:complexType>
  </xs:element>
  <xs:element name="sitemapindex">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="sitemap" maxOccurs="unbounded">
          <xs:complexType>
            <xs:sequence>
              <xs:element name="loc" type="absoluteAddress"/>
              <xs:element name="lastmod" type="whenChanged" minOccurs="0"/>
            </xs:sequence>
          </xs:complexType>
        </xs:element>
      </xs:sequence>
    </xs:complexType>
  </xs:element>
</xs:schema>`

const ALTERNATES_SCHEMA = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.w3.org/1999/xhtml" elementFormDefault="qualified">
  <xs:element name="link">
    <xs:complexType>
      <xs:attribute name="rel" type="xs:string" fixed="alternate" use="required"/>
      <xs:attribute name="hreflang" use="required">
        <xs:simpleType>
          <xs:restriction base="xs:string">
            <xs:pattern value="x-default|[a-z]{2,3}(-[A-Za-z0-9]{2,8})*"/>
          </xs:restriction>
        </xs:simpleType>
      </xs:attribute>
      <xs:attribute name="href" type="xs:anyURI" use="required"/>
    </xs:complexType>
  </xs:element>
</xs:schema>`

const expectSchemaValid = (contents: string) =>
  expectValidAgainst(contents, {
    preload: { contents: ALTERNATES_SCHEMA, fileName: 'alternates.xsd' },
    schema: { contents: SITEMAP_SCHEMA, fileName: 'sitemap.xsd' },
  })

type Alternate = { '@href': string; '@hreflang': string; '@rel': string }
type UrlEntry = { 'xhtml:link'?: Alternate[]; lastmod?: string; loc: string }
type Urlset = { '@xmlns': string; '@xmlns:xhtml': string; url?: UrlEntry[] }
type SitemapIndex = { '@xmlns': string; sitemap?: { lastmod?: string; loc: string }[] }

const xml = new XMLParser({
  attributeNamePrefix: '@',
  ignoreAttributes: false,
  isArray: (_name, path) => ['sitemapindex.sitemap', 'urlset.url', 'urlset.url.xhtml:link'].includes(String(path)),
  parseTagValue: false,
})

function parse<T>(text: string, root: 'sitemapindex' | 'urlset'): T {
  const document = parseWellFormedXml<Record<string, T>>(xml, text)
  if (!document[root]) throw new Error(`expected a <${root}>, got ${text.slice(0, 200)}`)
  return document[root]
}

async function getXml(path: `/api/${string}`, token?: string): Promise<string> {
  const { text, type } = await readOkText(suite.rest.get(path, { token }), path)
  expect(type).toBe('application/xml; charset=utf-8')
  return text
}

const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/
const toSecond = (iso: string) => iso.replace(/\.\d{3}Z$/, 'Z')

/** The stored update time of published articles, by slug (what lastmod must say). */
async function updatedAtBySlug(): Promise<Map<string, string>> {
  const { docs } = await suite.payload.find({
    collection: 'articles',
    depth: 0,
    overrideAccess: true,
    pagination: false,
    select: { slug: true, updatedAt: true },
    where: { _status: { equals: 'published' } },
  })
  return new Map(docs.map((doc) => [doc.slug, doc.updatedAt]))
}

const newest = (dates: string[]) => new Date(Math.max(...dates.map((date) => Date.parse(date)))).toISOString()

beforeAll(async () => {
  restoreEnvironment = setSuiteEnvironment(ENVIRONMENT)

  suite = await startPayloadForSuite('sitemap')
  users = await createRoleUsers(suite, 'sitemap')
  const journal = new SeededJournal(suite.payload)

  const sections = await journal.sections({ chinese: false })
  journals = sections.journals
  const { yuan } = await journal.authors({ chinese: false })
  const draftsOnly = await journal.author({ name: 'Drafts Only', slug: 'drafts-only' })
  await journal.author({ name: 'No Articles', slug: 'no-articles' })

  await journal.archivedArticle()
  await journal.articleWithDraft()
  await journal.bilingualArticle({ en: { title: 'The US-Japan Alliance & the Sino-Japanese Relations' } })
  await journal.englishOnlyArticle()
  await suite.payload.create({
    collection: 'articles',
    data: {
      _status: 'published',
      authors: [yuan.id],
      body: articleBody('只有中文。'),
      lead: '一篇只有中文的文章。',
      publishedAt: '2018-08-01T00:00:00.000Z',
      section: sections.worldAffairs.id,
      slug: 'chinese-only',
      title: '只有中文',
    },
    locale: 'zh',
    overrideAccess: true,
  })
  await journal.neverPublishedArticle({ authors: [draftsOnly.id] })
})

afterAll(async () => {
  await suite?.close()
  restoreEnvironment?.()
})

const article = (locale: string, slug: string) => `${WEBSITE}/${locale}/articles/${slug}`

describe('the sitemap index', () => {
  it('points at the article, section and author sitemaps, each with its newest change', async () => {
    const text = await getXml('/api/sitemap.xml')
    await expectSchemaValid(text)
    const index = parse<SitemapIndex>(text, 'sitemapindex')
    expect(index['@xmlns']).toBe(SITEMAP_NAMESPACE)
    expect(index.sitemap?.map((entry) => entry.loc)).toEqual([
      `${CMS}/sitemaps/articles-1.xml`,
      `${CMS}/sitemaps/sections.xml`,
      `${CMS}/sitemaps/authors.xml`,
    ])
    for (const entry of index.sitemap ?? []) expect(entry.lastmod).toMatch(W3C_DATETIME)
    const updates = await updatedAtBySlug()
    expect(index.sitemap?.[0].lastmod).toBe(toSecond(newest([...updates.values()])))
  })
})

describe('the article sitemap', () => {
  it('lists each published article once per language it is written in, with lastmod', async () => {
    const text = await getXml('/api/sitemaps/articles-1.xml')
    await expectSchemaValid(text)
    const urlset = parse<Urlset>(text, 'urlset')
    expect(urlset['@xmlns']).toBe(SITEMAP_NAMESPACE)
    expect(urlset['@xmlns:xhtml']).toBe('http://www.w3.org/1999/xhtml')
    // Oldest first: new articles land at the end, earlier files stay as they were.
    expect(urlset.url?.map((url) => url.loc)).toEqual([
      article('en', 'archived'),
      article('en', 'world-order'),
      article('en', 'us-japan-alliance'),
      article('zh', 'us-japan-alliance'),
      article('en', 'english-only'),
      article('zh', 'chinese-only'),
    ])
    const updates = await updatedAtBySlug()
    for (const url of urlset.url ?? []) {
      const slug = url.loc.split('/').at(-1) ?? ''
      expect(url.lastmod).toBe(toSecond(updates.get(slug) ?? 'missing'))
    }
    expect(text).not.toContain('not-yet')
  })

  it('gives a bilingual article hreflang alternates for both languages and x-default in each version', async () => {
    const urlset = parse<Urlset>(await getXml('/api/sitemaps/articles-1.xml'), 'urlset')
    const versions = (urlset.url ?? []).filter((url) => url.loc.endsWith('/us-japan-alliance'))
    expect(versions.map((url) => url.loc)).toEqual([article('en', 'us-japan-alliance'), article('zh', 'us-japan-alliance')])
    const expected = [
      { '@href': article('en', 'us-japan-alliance'), '@hreflang': 'en', '@rel': 'alternate' },
      { '@href': article('zh', 'us-japan-alliance'), '@hreflang': 'zh-Hans', '@rel': 'alternate' },
      { '@href': article('en', 'us-japan-alliance'), '@hreflang': 'x-default', '@rel': 'alternate' },
    ]
    for (const version of versions) expect(version['xhtml:link']).toEqual(expected)
  })

  it('gives an article in one language no alternates', async () => {
    const urlset = parse<Urlset>(await getXml('/api/sitemaps/articles-1.xml'), 'urlset')
    for (const slug of ['english-only', 'chinese-only', 'world-order']) {
      const versions = (urlset.url ?? []).filter((url) => url.loc.endsWith(`/${slug}`))
      expect(versions).toHaveLength(1)
      expect(versions[0]['xhtml:link']).toBeUndefined()
    }
  })

  it('is split into files of at most the allowed number of URLs, the index listing each', async () => {
    // Two URLs per file: one article per file, since an article may have two language versions.
    const context = sitemapContext(suite.payload, websiteLinks(), 2)
    const files: string[][] = []
    for (let page = 1; ; page += 1) {
      const text = await articleSitemap(context, page)
      if (text === undefined) break
      await expectSchemaValid(text)
      const urls = parse<Urlset>(text, 'urlset').url ?? []
      expect(urls.length).toBeLessThanOrEqual(2)
      files.push(urls.map((url) => url.loc))
    }
    expect(files).toEqual([
      [article('en', 'archived')],
      [article('en', 'world-order')],
      [article('en', 'us-japan-alliance'), article('zh', 'us-japan-alliance')],
      [article('en', 'english-only')],
      [article('zh', 'chinese-only')],
    ])

    const index = parse<SitemapIndex>(await sitemapIndex(context), 'sitemapindex')
    const updates = await updatedAtBySlug()
    const articleFiles = (index.sitemap ?? []).filter((entry) => entry.loc.includes('/sitemaps/articles-'))
    expect(articleFiles).toEqual(
      ['archived', 'world-order', 'us-japan-alliance', 'english-only', 'chinese-only'].map((slug, position) => ({
        lastmod: toSecond(updates.get(slug) ?? 'missing'),
        loc: `${CMS}/sitemaps/articles-${position + 1}.xml`,
      })),
    )
  })
})

describe('the section sitemap', () => {
  it('lists the sections readers can see in both languages, from the section path template', async () => {
    const text = await getXml('/api/sitemaps/sections.xml')
    await expectSchemaValid(text)
    const urls = parse<Urlset>(text, 'urlset').url ?? []
    expect(urls.map((url) => url.loc)).toEqual([
      `${WEBSITE}/en/topics/journals`,
      `${WEBSITE}/zh/topics/journals`,
      `${WEBSITE}/en/topics/journals/master-forum`,
      `${WEBSITE}/zh/topics/journals/master-forum`,
      `${WEBSITE}/en/topics/world-affairs`,
      `${WEBSITE}/zh/topics/world-affairs`,
    ])
    expect(text).not.toContain('archive')
    expect(urls[2]['xhtml:link']).toEqual([
      { '@href': `${WEBSITE}/en/topics/journals/master-forum`, '@hreflang': 'en', '@rel': 'alternate' },
      { '@href': `${WEBSITE}/zh/topics/journals/master-forum`, '@hreflang': 'zh-Hans', '@rel': 'alternate' },
      { '@href': `${WEBSITE}/en/topics/journals/master-forum`, '@hreflang': 'x-default', '@rel': 'alternate' },
    ])
  })

  it('dates a section page by the newest change in its whole branch', async () => {
    const urls = parse<Urlset>(await getXml('/api/sitemaps/sections.xml'), 'urlset').url ?? []
    const updates = await updatedAtBySlug()
    const journalsPage = urls.find((url) => url.loc === `${WEBSITE}/en/topics/journals`)
    const own = await suite.payload.findByID({ collection: 'sections', depth: 0, id: journals.id, overrideAccess: true })
    // Journals lists the articles of Master forum below it.
    const branchNewest = newest([own.updatedAt, updates.get('us-japan-alliance') ?? '', updates.get('english-only') ?? ''])
    expect(journalsPage?.lastmod).toBe(toSecond(branchNewest))
  })
})

describe('the author sitemap', () => {
  it('lists only authors with a published article, in both languages', async () => {
    const text = await getXml('/api/sitemaps/authors.xml')
    await expectSchemaValid(text)
    const urls = parse<Urlset>(text, 'urlset').url ?? []
    expect(urls.map((url) => url.loc)).toEqual([
      `${WEBSITE}/en/authors/li-wei`,
      `${WEBSITE}/zh/authors/li-wei`,
      `${WEBSITE}/en/authors/yuan-zheng`,
      `${WEBSITE}/zh/authors/yuan-zheng`,
    ])
    for (const url of urls) {
      expect(url.lastmod).toMatch(W3C_DATETIME)
      expect(url['xhtml:link']?.map((link) => link['@hreflang'])).toEqual(['en', 'zh-Hans', 'x-default'])
    }
    const updates = await updatedAtBySlug()
    // Yuan Zheng's newest article is the Chinese-only one, saved last.
    expect(urls[2].lastmod).toBe(toSecond(updates.get('chinese-only') ?? 'missing'))
  })
})

describe('unpublished content', () => {
  it('is never listed, not even for a signed-in editor', async () => {
    for (const token of [undefined, users.editor.token]) {
      for (const path of ['/api/sitemap.xml', '/api/sitemaps/articles-1.xml', '/api/sitemaps/authors.xml'] as const) {
        const text = await getXml(path, token)
        expect(text).not.toContain('not-yet')
        expect(text).not.toContain('drafts-only')
        expect(text).not.toContain('no-articles')
      }
    }
  })
})

describe('bad addresses', () => {
  it('answer 404 for sitemap files that do not exist', async () => {
    for (const file of ['articles-0.xml', 'articles-2.xml', 'articles-99999.xml', 'articles-1.xml.gz', 'pages.xml', 'articles-x.xml']) {
      const { body, status } = await readJson<ApiErrorBody>(suite.rest.get(`/api/sitemaps/${file}`))
      expect(status).toBe(404)
      expect(body.errors?.[0].message).toBe(`There is no sitemap "${file}": see /sitemap.xml for the list`)
    }
  })
})
