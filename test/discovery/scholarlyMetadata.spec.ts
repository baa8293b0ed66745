import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { Article, Contact, Media } from '../../src/payload-types'
import { readJson } from '../helpers/responses'
import { createRoleUsers, type RoleUsers } from '../helpers/roleUsers'
import { articleBody, SeededJournal } from '../helpers/seededJournal'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'
import { setSuiteEnvironment } from '../helpers/suiteEnvironment'

/**
 * GET /api/articles/{id}/metadata (docs/scholarly-metadata.md): schema.org
 * JSON-LD and Highwire citation_* tags for a bilingual article by two
 * authors (one with an ORCID iD) in a printed issue, in English and Chinese,
 * and what readers must never get metadata for.
 */

const WEBSITE = 'https://journal.example.org'
const ORCID = '0000-0002-1825-0097'

type Node = Record<string, unknown>
type MetaTag = { content: string; name: string }
type Metadata = { contentLocale: string; highwire: MetaTag[]; id: string; jsonLd: Node; locale: string }
type ErrorBody = { errors: { message: string }[] }

let suite: SuiteContext
let users: RoleUsers
let restoreEnvironment: (() => void) | undefined
let cover: Media
let association: Contact
let bilingual: Article
let englishOnly: Article
let withDraft: Article
let neverPublished: Article
let inHiddenSection: Article

async function metadata(id: string, query = '', token?: string) {
  return readJson<Metadata>(suite.rest.get(`/api/articles/${id}/metadata${query}`, { token }))
}

const tagNames = (tags: MetaTag[]) => tags.map((tag) => tag.name)
const tagValues = (tags: MetaTag[], name: string) => tags.filter((tag) => tag.name === name).map((tag) => tag.content)

beforeAll(async () => {
  restoreEnvironment = setSuiteEnvironment({ WEBSITE_URL: WEBSITE })
  suite = await startPayloadForSuite('scholarly-metadata')
  users = await createRoleUsers(suite, 'scholarly-metadata')
  const journal = new SeededJournal(suite.payload)

  association = await journal.content.contact({
    kind: 'organization',
    name: 'China Association for International Friendly Contact',
    website: 'http://www.caifc.org.cn',
  })
  await journal.inChinese('contacts', association.id, { name: '中国国际友好联络会' })
  await journal.site(
    { journalTitle: 'Peace and Development', mainContact: association.id, siteName: 'CAIFC' },
    { journalTitle: '和平与发展', siteName: '友联会' },
  )

  const { archive, masterForum } = await journal.sections()
  await journal.authors({
    li: { en: { affiliation: 'Peking University' }, zh: { affiliation: '北京大学', name: '李伟' } },
    yuan: {
      en: { affiliation: 'Institute of American Studies, CASS', orcid: ORCID, position: 'Director of Department of American Diplomacy' },
      zh: { affiliation: '中国社会科学院美国研究所', position: '美国外交研究室主任' },
    },
  })

  cover = await journal.content.media('Delegates at the forum')

  bilingual = await journal.bilingualArticle({
    en: {
      featuredImage: cover.id,
      issue: { number: 3, volume: 12, year: 2018 },
      keywords: ['alliance', 'Japan'],
      publishedAt: '2018-06-01T08:00:00.000Z',
      receivedAt: '2018-05-15T12:00:00.000Z',
      subtitle: 'A View from Beijing',
    },
    zh: { keywords: ['同盟', '日本'], subtitle: '北京的视角' },
  })
  englishOnly = await journal.englishOnlyArticle({ publishedAt: '2019-01-10T00:00:00.000Z' })
  withDraft = await journal.articleWithDraft({ section: masterForum.id })
  neverPublished = await journal.neverPublishedArticle()
  inHiddenSection = await journal.archivedArticle({
    body: articleBody('Archived text.'),
    lead: 'An archived article.',
    publishedAt: '2017-03-01T00:00:00.000Z',
    section: archive.id,
  })
})

afterAll(async () => {
  await suite?.close()
  restoreEnvironment?.()
})

describe('schema.org JSON-LD', () => {
  it('describes the English article as a ScholarlyArticle with its authors, dates, issue and section', async () => {
    const { body: answer, status } = await metadata(bilingual.id)
    expect(status).toBe(200)
    expect(answer).toMatchObject({ contentLocale: 'en', id: bilingual.id, locale: 'en' })
    const ld = answer.jsonLd
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'ScholarlyArticle',
      alternativeHeadline: 'A View from Beijing',
      articleSection: 'Master forum',
      dateCreated: '2018-05-15',
      datePublished: '2018-06-01T08:00:00.000Z',
      description: 'How the alliance shapes relations between China and Japan.',
      headline: 'The US-Japan Alliance and the Sino-Japanese Relations',
      inLanguage: 'en',
      keywords: ['alliance', 'Japan'],
      url: `${WEBSITE}/en/articles/us-japan-alliance`,
    })
    expect(Date.parse(String(ld.dateModified))).toBeGreaterThanOrEqual(Date.parse('2018-06-01T08:00:00.000Z'))

    expect(ld.author).toEqual([
      {
        '@id': `${WEBSITE}/en/authors/yuan-zheng`,
        '@type': 'Person',
        affiliation: { '@type': 'Organization', name: 'Institute of American Studies, CASS' },
        identifier: { '@type': 'PropertyValue', propertyID: 'ORCID', value: ORCID },
        jobTitle: 'Director of Department of American Diplomacy',
        name: 'Yuan Zheng',
        sameAs: `https://orcid.org/${ORCID}`,
        url: `${WEBSITE}/en/authors/yuan-zheng`,
      },
      {
        '@id': `${WEBSITE}/en/authors/li-wei`,
        '@type': 'Person',
        affiliation: { '@type': 'Organization', name: 'Peking University' },
        name: 'Li Wei',
        url: `${WEBSITE}/en/authors/li-wei`,
      },
    ])

    expect(ld.isPartOf).toEqual([
      {
        '@type': 'PublicationIssue',
        datePublished: '2018',
        isPartOf: {
          '@type': 'PublicationVolume',
          isPartOf: {
            '@type': 'Periodical',
            name: 'Peace and Development',
            publisher: { '@type': 'Organization', name: 'China Association for International Friendly Contact', url: 'http://www.caifc.org.cn' },
            url: `${WEBSITE}/en`,
          },
          volumeNumber: '12',
        },
        issueNumber: '3',
      },
      { '@type': 'CollectionPage', name: 'Master forum', url: `${WEBSITE}/en/sections/journals/master-forum` },
    ])

    const image = ld.image as Node
    expect(image).toMatchObject({ '@type': 'ImageObject', caption: 'Delegates at the forum' })
    expect(String(image.url)).toMatch(/^https?:\/\/[^/]+\/api\/media\/file\/.+/)
    const picture = await fetchMedia(String(image.url))
    expect(picture.status).toBe(200)
  })

  it('describes the Chinese edition in Chinese, with the Chinese names, affiliations and journal title', async () => {
    const { body: answer, status } = await metadata(bilingual.id, '?locale=zh')
    expect(status).toBe(200)
    expect(answer).toMatchObject({ contentLocale: 'zh', locale: 'zh' })
    const ld = answer.jsonLd
    expect(ld).toMatchObject({
      alternativeHeadline: '北京的视角',
      articleSection: '大家论坛',
      description: '美日同盟如何影响中日关系。',
      headline: '美日同盟与中日关系',
      inLanguage: 'zh-Hans',
      keywords: ['同盟', '日本'],
      url: `${WEBSITE}/zh/articles/us-japan-alliance`,
    })
    const authors = ld.author as Node[]
    expect(authors.map((author) => author.name)).toEqual(['袁征', '李伟'])
    expect(authors.map((author) => (author.affiliation as Node).name)).toEqual(['中国社会科学院美国研究所', '北京大学'])
    expect(authors[0]).toMatchObject({ sameAs: `https://orcid.org/${ORCID}`, url: `${WEBSITE}/zh/authors/yuan-zheng` })
    const [issue, section] = ld.isPartOf as Node[]
    const periodical = ((issue.isPartOf as Node).isPartOf as Node)
    expect(periodical).toMatchObject({ name: '和平与发展', publisher: { name: '中国国际友好联络会' }, url: `${WEBSITE}/zh` })
    expect(section).toEqual({ '@type': 'CollectionPage', name: '大家论坛', url: `${WEBSITE}/zh/sections/journals/master-forum` })
  })

  it('gives an untranslated article in English on the Chinese page', async () => {
    const { body: answer, status } = await metadata(englishOnly.id, '?locale=zh')
    expect(status).toBe(200)
    expect(answer).toMatchObject({ contentLocale: 'en', locale: 'zh' })
    expect(answer.jsonLd).toMatchObject({ headline: 'English only', inLanguage: 'en', url: `${WEBSITE}/zh/articles/english-only` })
    expect(tagValues(answer.highwire, 'citation_language')).toEqual(['en'])
  })

  it('leaves out what is not known: no issue means the journal alone, no subtitle, image or received date', async () => {
    const { body: answer } = await metadata(englishOnly.id)
    const ld = answer.jsonLd
    for (const key of ['alternativeHeadline', 'dateCreated', 'image', 'keywords']) expect(ld).not.toHaveProperty(key)
    expect((ld.isPartOf as Node[])[0]).toMatchObject({ '@type': 'Periodical', name: 'Peace and Development' })
  })

  it('names no section that readers cannot see', async () => {
    const { body: answer, status } = await metadata(inHiddenSection.id)
    expect(status).toBe(200)
    expect(answer.jsonLd).not.toHaveProperty('articleSection')
    expect((answer.jsonLd.isPartOf as Node[]).map((part) => part['@type'])).toEqual(['Periodical'])
  })
})

describe('Highwire citation tags', () => {
  it('lists the tags in order, each author followed by their institution and ORCID iD', async () => {
    const { body: answer } = await metadata(bilingual.id)
    expect(answer.highwire).toEqual([
      { content: 'The US-Japan Alliance and the Sino-Japanese Relations: A View from Beijing', name: 'citation_title' },
      { content: 'Yuan Zheng', name: 'citation_author' },
      { content: 'Institute of American Studies, CASS', name: 'citation_author_institution' },
      { content: `https://orcid.org/${ORCID}`, name: 'citation_author_orcid' },
      { content: 'Li Wei', name: 'citation_author' },
      { content: 'Peking University', name: 'citation_author_institution' },
      { content: '2018/06/01', name: 'citation_publication_date' },
      { content: '2018/06/01', name: 'citation_online_date' },
      { content: 'Peace and Development', name: 'citation_journal_title' },
      { content: '12', name: 'citation_volume' },
      { content: '3', name: 'citation_issue' },
      { content: 'China Association for International Friendly Contact', name: 'citation_publisher' },
      { content: 'en', name: 'citation_language' },
      { content: 'alliance', name: 'citation_keywords' },
      { content: 'Japan', name: 'citation_keywords' },
      { content: `${WEBSITE}/en/articles/us-japan-alliance`, name: 'citation_abstract_html_url' },
      { content: `${WEBSITE}/en/articles/us-japan-alliance`, name: 'citation_fulltext_html_url' },
    ])
  })

  it('gives the Chinese tags for the Chinese page', async () => {
    const { body: answer } = await metadata(bilingual.id, '?locale=zh')
    const tags = answer.highwire
    expect(tagValues(tags, 'citation_title')).toEqual(['美日同盟与中日关系：北京的视角'])
    expect(tagValues(tags, 'citation_author')).toEqual(['袁征', '李伟'])
    expect(tagValues(tags, 'citation_author_institution')).toEqual(['中国社会科学院美国研究所', '北京大学'])
    expect(tagValues(tags, 'citation_journal_title')).toEqual(['和平与发展'])
    expect(tagValues(tags, 'citation_language')).toEqual(['zh'])
    expect(tagValues(tags, 'citation_keywords')).toEqual(['同盟', '日本'])
    expect(tagValues(tags, 'citation_fulltext_html_url')).toEqual([`${WEBSITE}/zh/articles/us-japan-alliance`])
    const names = tagNames(tags)
    expect(names.indexOf('citation_author_institution')).toBe(names.indexOf('citation_author') + 1)
  })

  it('cites the printed issue year when the issue appeared in another year than online', async () => {
    await suite.payload.update({ collection: 'articles', data: { issue: { number: 1, volume: 2, year: 2020 } }, id: englishOnly.id, overrideAccess: true })
    try {
      const { body: answer } = await metadata(englishOnly.id)
      expect(tagValues(answer.highwire, 'citation_publication_date')).toEqual(['2020'])
      expect(tagValues(answer.highwire, 'citation_online_date')).toEqual(['2019/01/10'])
    } finally {
      await suite.payload.update({ collection: 'articles', data: { issue: { number: null, volume: null, year: null } }, id: englishOnly.id, overrideAccess: true })
    }
  })
})

describe('what readers never get metadata for', () => {
  it('answers the published version of an article that has a newer unpublished draft', async () => {
    const { body: answer, status } = await metadata(withDraft.id)
    expect(status).toBe(200)
    expect(answer.jsonLd.headline).toBe('World order')
  })

  it('is a 404 for a never-published article, even for a signed-in editor', async () => {
    for (const token of [undefined, users.editor.token]) {
      const { body: answer, status } = await readJson<ErrorBody>(suite.rest.get(`/api/articles/${neverPublished.id}/metadata`, { token }))
      expect(status).toBe(404)
      expect(answer.errors[0].message).toContain(neverPublished.id)
    }
  })

  it('is a 404 for an id that names no article', async () => {
    for (const id of ['0123456789abcdef01234567', 'not-an-id']) {
      const { status } = await metadata(id)
      expect(status).toBe(404)
    }
  })

  it('refuses an unknown locale with a 400 that lists the languages', async () => {
    for (const locale of ['fr', 'all']) {
      const { body: answer, status } = await readJson<ErrorBody>(suite.rest.get(`/api/articles/${bilingual.id}/metadata?locale=${locale}`))
      expect(status).toBe(400)
      expect(answer.errors[0].message).toBe('locale must be one of en, zh')
    }
  })
})

/** The media file behind an image URL, through the REST handlers (the CMS serves uploads under /api/media/file/). */
function fetchMedia(url: string): Promise<Response> {
  const { pathname } = new URL(url)
  return suite.rest.get(pathname as `/api/${string}`)
}
