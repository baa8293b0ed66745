import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { Article, Contact } from '../../src/payload-types'
import { startProductionServer, type RunningServer } from '../helpers/productionServer'
import { rawGet } from '../helpers/rawHttp'
import { SeededJournal } from '../helpers/seededJournal'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'

/**
 * The same content answered twice gives the same bytes, and so the same
 * ETag: a second client, or a CDN, revalidating with the ETag a first client
 * got, gets a 304. Checked over every public call, REST, GraphQL, feeds,
 * sitemap, scholarly metadata and citations, on a bilingual journal, through
 * the production server. OAI-PMH answers carry the time of the request
 * (`responseDate`, as the protocol asks): apart from it they are the same too.
 */

let suite: SuiteContext
let server: RunningServer
let bilingual: Article
let contact: Contact

beforeAll(async () => {
  // The journal is written through Payload in this process, then read through the production server.
  suite = await startPayloadForSuite('deterministic_answers')
  const journal = new SeededJournal(suite.payload)
  await journal.sections()
  await journal.authors()
  bilingual = await journal.bilingualArticle()
  await journal.englishOnlyArticle()
  await journal.articleWithDraft()
  contact = await suite.payload.create({
    collection: 'contacts',
    data: { email: 'office@example.org', kind: 'office', name: 'Administrative Office', organization: 'association', phones: [{ number: '82005566' }] },
    overrideAccess: true,
  })
  await suite.payload.update({ collection: 'contacts', data: { name: '办公室' }, id: contact.id, locale: 'zh', overrideAccess: true })
  server = await startProductionServer({ databaseUri: process.env.DATABASE_URI! })
}, 180_000)

afterAll(async () => {
  await server?.stop()
  await suite?.close()
}, 60_000)

const graphql = (query: string) => `/api/graphql?query=${encodeURIComponent(query)}`

function publicCalls(): string[] {
  const id = bilingual.id
  return [
    ...['en', 'zh', 'all'].flatMap((locale) => [
      `/api/website/home?locale=${locale}`,
      `/api/website/sections/journals?locale=${locale}`,
      `/api/website/articles/us-japan-alliance?locale=${locale}`,
      `/api/website/authors/yuan-zheng?locale=${locale}`,
      `/api/articles?locale=${locale}`,
    ]),
    `/api/articles/${id}`,
    '/api/authors?locale=zh',
    '/api/sections',
    '/api/contacts/directory?locale=zh',
    '/api/contacts/jsonld',
    `/api/contacts/${contact.id}/vcard`,
    '/api/globals/site?locale=zh',
    '/api/search?q=alliance',
    '/api/search?q=%E7%BE%8E%E6%97%A5&locale=zh',
    `/api/articles/${id}/metadata?locale=zh`,
    ...['bibtex', 'ris', 'csl-json'].map((format) => `/api/articles/${id}/cite?format=${format}&locale=zh`),
    ...['rss.xml', 'atom.xml', 'feed.json'].flatMap((file) => [`/feeds/en/${file}`, `/feeds/zh/${file}`]),
    '/sitemap.xml',
    '/sitemaps/articles-1.xml',
    '/sitemaps/sections.xml',
    '/sitemaps/authors.xml',
    '/api/openapi.json',
    graphql('{ WebsiteArticle(slug: "us-japan-alliance", locale: zh) { title contentLocale translations { locale slug } authors { name } section { title breadcrumbs { label url } } } }'),
    graphql('{ WebsiteHome(locale: en) { latest { slug title translations { locale slug } } sections { section { slug } articles { slug } } } }'),
    graphql('{ Articles(locale: zh) { docs { title translations { locale slug } availableLocales } } }'),
    graphql('{ Search(q: "alliance") { docs { title } } }'),
  ]
}

describe('the same content answered twice', () => {
  it('gives the same bytes and the same ETag for every public call, and a 304 to a second client with the first one’s ETag', async () => {
    const differences: string[] = []
    for (const path of publicCalls()) {
      const first = await rawGet(`${server.url}${path}`)
      const second = await rawGet(`${server.url}${path}`)
      expect({ path, status: first.status }).toEqual({ path, status: 200 })
      if (!first.body.equals(second.body)) differences.push(`${path}: the bytes differ`)
      const etag = first.headers.etag
      if (!etag || etag !== second.headers.etag) differences.push(`${path}: ETag ${etag} then ${second.headers.etag}`)
      // Another client, revalidating with what the first one got.
      const revalidated = await rawGet(`${server.url}${path}`, { 'If-None-Match': String(etag) })
      if (revalidated.status !== 304) differences.push(`${path}: revalidation answered ${revalidated.status}`)
    }
    expect(differences).toEqual([])
  }, 120_000)

  it('gives the same OAI-PMH answers apart from their responseDate', async () => {
    const identifier = encodeURIComponent(`oai:${new URL(server.url).host}:article/${bilingual.id}`)
    const requests = [
      '/oai?verb=Identify',
      '/oai?verb=ListSets',
      '/oai?verb=ListRecords&metadataPrefix=oai_dc',
      '/oai?verb=ListIdentifiers&metadataPrefix=oai_dc',
      `/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=${identifier}`,
    ]
    const withoutDate = (body: Buffer) => body.toString('utf8').replace(/<responseDate>[^<]*<\/responseDate>/, '')
    for (const path of requests) {
      const first = await rawGet(`${server.url}${path}`)
      const second = await rawGet(`${server.url}${path}`)
      expect({ path, status: first.status }).toEqual({ path, status: 200 })
      expect({ path, same: withoutDate(first.body) === withoutDate(second.body) }).toEqual({ path, same: true })
    }
  }, 60_000)
})
