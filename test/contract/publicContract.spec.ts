import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { buildClientSchema, getIntrospectionQuery, type IntrospectionQuery, printSchema } from 'graphql'

import type { Article, Contact } from '../../src/payload-types'
import { SeededJournal } from '../helpers/seededJournal'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'

/**
 * The public contract, held still: the OpenAPI document, the GraphQL schema
 * as introspection shows it, and the answers of every public call on a fixed
 * bilingual journal, compared with the snapshot committed beside this file.
 * A change to any of them fails here until the snapshot is updated on
 * purpose (`npm test -- test/contract -u`), so a refactoring that should
 * change nothing can prove it changed nothing.
 *
 * What differs from run to run is replaced before comparing: document ids
 * (by the order they first appear), and times of this run (`<now>`, `<today>`).
 */

let suite: SuiteContext
let bilingual: Article
let contact: Contact
let startedAt: number

beforeAll(async () => {
  startedAt = Date.now()
  suite = await startPayloadForSuite('public_contract')
  const journal = new SeededJournal(suite.payload)
  await journal.site({ journalTitle: 'Peace and Development', siteName: 'Peace and Development Association' }, { journalTitle: '和平与发展', siteName: '和平与发展协会' })
  await journal.sections()
  await journal.authors({ li: { en: { affiliation: 'Institute of World Affairs', position: 'Research Fellow' } } })
  bilingual = await journal.bilingualArticle()
  await journal.englishOnlyArticle()
  await journal.articleWithDraft()
  await journal.archivedArticle()
  await journal.neverPublishedArticle()
  contact = await suite.payload.create({
    collection: 'contacts',
    data: { email: 'office@example.org', kind: 'office', name: 'Administrative Office', organization: 'association', phones: [{ extension: '8001', number: '82005566' }] },
    overrideAccess: true,
  })
  await suite.payload.update({ collection: 'contacts', data: { name: '办公室' }, id: contact.id, locale: 'zh', overrideAccess: true })
}, 120_000)

afterAll(async () => {
  await suite?.close()
})

/** Ids become <id:1>, <id:2>… in the order they first appear; this run's times become <now> and <today>. */
function normalise(text: string, ids: Map<string, string>): string {
  const windowStart = startedAt - 60_000
  const windowEnd = Date.now() + 60_000
  const today = new Date().toISOString().slice(0, 10)
  const isNow = (value: string) => {
    const time = Date.parse(value)
    return Number.isFinite(time) && time >= windowStart && time <= windowEnd
  }
  return text
    .replace(/[0-9a-f]{24}/g, (id) => {
      if (!ids.has(id)) ids.set(id, `<id:${ids.size + 1}>`)
      return ids.get(id)!
    })
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)/g, (value) => (isNow(value) ? '<now>' : value))
    .replace(/(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d (GMT|[+-]\d{4})/g, (value) =>
      isNow(value) ? '<now>' : value,
    )
    .replace(/\b(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z\b/g, (value, ...parts: string[]) =>
      isNow(`${parts[0]}-${parts[1]}-${parts[2]}T${parts[3]}:${parts[4]}:${parts[5]}Z`) ? '<now>' : value,
    )
    .replaceAll(today, '<today>')
}

async function answer(path: `/api/${string}`, ids: Map<string, string>): Promise<string> {
  const response = await suite.rest.get(path)
  const type = response.headers.get('content-type') ?? ''
  const body = await response.text()
  const shown = /json/.test(type) ? JSON.stringify(JSON.parse(body), null, 2) : body
  return `${response.status} ${type}\n${normalise(shown, ids)}`
}

const graphql = (query: string) => `/api/graphql?query=${encodeURIComponent(query)}` as const

describe('the public contract', () => {
  it('the OpenAPI document', async () => {
    const response = await suite.rest.get('/api/openapi.json')
    expect(response.status).toBe(200)
    expect(JSON.stringify(await response.json(), null, 2)).toMatchSnapshot()
  })

  it('the GraphQL schema', async () => {
    const response = await suite.rest.post('/api/graphql', { body: { query: getIntrospectionQuery() } })
    const { data } = (await response.json()) as { data: IntrospectionQuery }
    expect(printSchema(buildClientSchema(data))).toMatchSnapshot()
  })

  it('the answers of every public call on a fixed bilingual journal', async () => {
    const ids = new Map<string, string>()
    const id = bilingual.id
    const calls: `/api/${string}`[] = [
      ...(['en', 'zh', 'all'] as const).flatMap((locale): `/api/${string}`[] => [
        `/api/website/home?locale=${locale}`,
        `/api/website/sections/journals?locale=${locale}`,
        `/api/website/articles/us-japan-alliance?locale=${locale}`,
        `/api/website/authors/yuan-zheng?locale=${locale}`,
        `/api/articles?locale=${locale}`,
      ]),
      '/api/website/articles/no-such-article',
      '/api/website/sections/archive',
      '/api/website/redirects?path=/en/articles/no-such-article/',
      `/api/articles/${id}?locale=zh`,
      '/api/authors?locale=zh',
      '/api/sections?locale=zh',
      '/api/contacts/directory?locale=zh',
      '/api/contacts/jsonld',
      `/api/contacts/${contact.id}/vcard`,
      '/api/globals/site?locale=zh',
      '/api/search?q=alliance',
      '/api/search?q=%E7%BE%8E%E6%97%A5&locale=zh',
      `/api/articles/${id}/metadata`,
      `/api/articles/${id}/metadata?locale=zh`,
      ...['bibtex', 'ris', 'csl-json'].map((format): `/api/${string}` => `/api/articles/${id}/cite?format=${format}&locale=zh`),
      ...['rss.xml', 'atom.xml', 'feed.json'].flatMap((file): `/api/${string}`[] => [`/api/feeds/en/${file}`, `/api/feeds/zh/sections/journals/${file}`]),
      '/api/sitemap.xml',
      '/api/sitemaps/articles-1.xml',
      '/api/sitemaps/sections.xml',
      '/api/sitemaps/authors.xml',
      '/api/oai?verb=Identify',
      '/api/oai?verb=ListSets',
      '/api/oai?verb=ListMetadataFormats',
      '/api/oai?verb=ListRecords&metadataPrefix=oai_dc',
      '/api/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:localhost:article/nothing',
      graphql('{ WebsiteHome(locale: zh) { latest { slug title contentLocale translations { locale slug } authors { name } section { title breadcrumbs { label url } } } sections { section { slug title } articles { slug } } } }'),
      graphql('{ WebsiteArticle(slug: "us-japan-alliance", locale: zh) { title subtitle lead contentLocale availableLocales translations { locale slug } authors { name position affiliation } section { title } } }'),
      graphql('{ WebsiteSection(slug: "journals") { section { title } children { slug } articles { totalDocs docs { slug } } } }'),
      graphql('{ WebsiteAuthor(slug: "li-wei") { author { name position affiliation } articles { totalDocs docs { slug } } } }'),
      graphql('{ Articles(locale: zh, sort: "-publishedAt") { totalDocs docs { title slug availableLocales translations { locale slug } } } }'),
      graphql('{ Search(q: "alliance") { totalDocs docs { kind title slug } } }'),
    ]
    const answers: string[] = []
    for (const path of calls) answers.push(`GET ${normalise(path, ids)}\n${await answer(path, ids)}`)
    expect(answers.join('\n\n')).toMatchSnapshot()
  })
})
