import fs from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { XMLParser } from 'fast-xml-parser'

import { readStartupSettings } from '../../src/boot/startupSettings'
import { readOaiEnvironment } from '../../src/discovery/oai/settings'
import { projectRoot } from '../../src/lib/projectPaths'
import type { Article } from '../../src/payload-types'
import type { JournalContent } from '../helpers/journalContent'
import { createRoleUsers, type RoleUsers } from '../helpers/roleUsers'
import { articleBody, SeededJournal } from '../helpers/seededJournal'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'
import { setSuiteEnvironment } from '../helpers/suiteEnvironment'
import { expectSchemaValid as expectValidAgainst, parseWellFormedXml } from '../helpers/xmlAnswers'

/**
 * OAI-PMH (docs/oai-pmh.md) against a small bilingual journal: Journals ›
 * Master forum, World affairs and an inactive Archive; a bilingual article,
 * an English-only one, one with a newer unpublished draft, one in the
 * inactive section, one deleted, one unpublished and one never published.
 * Datestamps are pinned (written straight to the database) so that the
 * selective-harvesting tests know each record's place:
 *
 *   bilingual     2021-01-05T08:00:00Z  journals:master-forum
 *   englishOnly   2021-02-05T08:00:00Z  journals:master-forum
 *   worldOrder    2021-03-05T08:00:00Z  world-affairs
 *   archived      2021-03-20T00:00:00Z  (inactive section: no set)
 *   deleted       2021-04-05T08:00:00Z  journals:master-forum, deleted
 *   unpublished   2021-05-05T08:00:00Z  world-affairs, deleted
 *
 * Pages hold two records (OAI_PAGE_SIZE=2). Every answer is checked against
 * the OAI-PMH and oai_dc schemas (src/discovery/oai/schemas/).
 */

const WEBSITE = 'https://www.example.org'
const ENVIRONMENT = { OAI_ADMIN_EMAIL: '', OAI_PAGE_SIZE: '2', WEBSITE_URL: WEBSITE }
const BASE_URL = 'http://localhost:3000/oai'
const HOST = 'www.example.org'
const FORM = 'application/x-www-form-urlencoded'
const OAI_NAMESPACE = 'http://www.openarchives.org/OAI/2.0/'

let suite: SuiteContext
let users: RoleUsers
let restoreEnvironment: (() => void) | undefined
let content: JournalContent
let bilingual: Article
let englishOnly: Article
let worldOrder: Article
let archived: Article
let deleted: Article
let unpublished: Article
let neverPublished: Article

const identifierOf = (article: Pick<Article, 'id'>) => `oai:${HOST}:article/${article.id}`

// --- Schema validation -------------------------------------------------------

const SCHEMA_DIR = path.join(projectRoot, 'src', 'discovery', 'oai', 'schemas')
const schemaFile = (fileName: string) => ({ contents: fs.readFileSync(path.join(SCHEMA_DIR, fileName), 'utf8'), fileName })
const SCHEMAS = {
  preload: ['OAI-PMH.xsd', 'oai_dc.xsd', 'dc.xsd', 'xml.xsd'].map(schemaFile),
  schema: {
    contents: fs.readFileSync(path.join(projectRoot, 'test', 'fixtures', 'oai', 'oaiDcResponses.xsd'), 'utf8'),
    fileName: 'oaiDcResponses.xsd',
  },
}

const expectSchemaValid = (contents: string) => expectValidAgainst(contents, SCHEMAS)

// --- Reading answers ---------------------------------------------------------

type Element = Record<string, unknown>

const REPEATED = new Set(['adminEmail', 'error', 'header', 'metadataFormat', 'record', 'set', 'setSpec'])

const parser = new XMLParser({
  alwaysCreateTextNode: true,
  attributeNamePrefix: '@',
  ignoreAttributes: false,
  isArray: (name) => REPEATED.has(name) || name.startsWith('dc:'),
  parseAttributeValue: false,
  parseTagValue: false,
})

function children(element: Element | undefined, name: string): Element[] {
  const value = element?.[name]
  if (value === undefined) return []
  return (Array.isArray(value) ? value : [value]) as Element[]
}

function child(element: Element | undefined, name: string): Element | undefined {
  return children(element, name)[0]
}

function text(element: Element | undefined): string {
  const value = element?.['#text']
  return value === undefined ? '' : String(value)
}

function texts(element: Element | undefined, name: string): string[] {
  return children(element, name).map(text)
}

/** The values of a Dublin Core element per xml:lang ('' when none). */
function byLanguage(element: Element | undefined, name: string): Record<string, string[]> {
  const result: Record<string, string[]> = {}
  for (const entry of children(element, name)) {
    const language = String(entry['@xml:lang'] ?? '')
    ;(result[language] ??= []).push(text(entry))
  }
  return result
}

type Answer = {
  /** The attributes of the request element (without the @). */
  echoed: Record<string, string>
  errors: { code: string; message: string }[]
  raw: string
  root: Element
}

async function readAnswer(response: Response): Promise<Answer> {
  const raw = await response.text()
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toBe('text/xml; charset=utf-8')
  const root = parseWellFormedXml<Record<string, Element>>(parser, raw)['OAI-PMH']
  if (!root) throw new Error(`expected an <OAI-PMH> answer, got ${raw.slice(0, 300)}`)
  const request = child(root, 'request') ?? {}
  const echoed = Object.fromEntries(
    Object.entries(request)
      .filter(([name]) => name.startsWith('@'))
      .map(([name, value]) => [name.slice(1), String(value)]),
  )
  const errors = children(root, 'error').map((error) => ({ code: String(error['@code']), message: text(error) }))
  return { echoed, errors, raw, root }
}

async function get(query: string, token?: string): Promise<Answer> {
  const path: `/api/${string}` = query ? `/api/oai?${query}` : '/api/oai'
  return readAnswer(await suite.rest.get(path, { token }))
}

async function post(form: string, contentType = FORM): Promise<Answer> {
  return readAnswer(await suite.rest.post('/api/oai', { body: form, headers: { 'Content-Type': contentType } }))
}

/** A GET whose answer must be free of errors and valid; returns the verb's element. */
async function harvest(query: string): Promise<{ answer: Answer; result: Element }> {
  const answer = await get(query)
  expect(answer.errors).toEqual([])
  await expectSchemaValid(answer.raw)
  const verb = new URLSearchParams(query).get('verb') ?? ''
  const result = child(answer.root, verb)
  if (!result) throw new Error(`expected <${verb}> in ${answer.raw.slice(0, 500)}`)
  return { answer, result }
}

type Header = { datestamp: string; deleted: boolean; identifier: string; setSpecs: string[] }

function headerOf(header: Element): Header {
  return {
    datestamp: text(child(header, 'datestamp')),
    deleted: header['@status'] === 'deleted',
    identifier: text(child(header, 'identifier')),
    setSpecs: texts(header, 'setSpec'),
  }
}

function headersOf(result: Element, verb: 'ListIdentifiers' | 'ListRecords'): Header[] {
  return verb === 'ListIdentifiers'
    ? children(result, 'header').map(headerOf)
    : children(result, 'record').map((record) => headerOf(child(record, 'header') as Element))
}

type Token = { completeListSize?: string; cursor?: string; value: string }

function tokenOf(result: Element): Token | undefined {
  const token = child(result, 'resumptionToken')
  if (!token) return undefined
  return { completeListSize: token['@completeListSize'] as string | undefined, cursor: token['@cursor'] as string | undefined, value: text(token) }
}

/** Follows resumption tokens to the end; every part is checked against the schemas. */
async function harvestAll(verb: 'ListIdentifiers' | 'ListRecords', query: string): Promise<{ headers: Header[]; parts: { headers: Header[]; token?: Token }[] }> {
  const parts: { headers: Header[]; token?: Token }[] = []
  let next: string | undefined = `verb=${verb}&${query}`
  while (next !== undefined) {
    const { result } = await harvest(next)
    const token = tokenOf(result)
    parts.push({ headers: headersOf(result, verb), token })
    next = token?.value ? `verb=${verb}&resumptionToken=${encodeURIComponent(token.value)}` : undefined
    if (parts.length > 20) throw new Error('the list never ends')
  }
  return { headers: parts.flatMap((part) => part.headers), parts }
}

const identifiersOf = (headers: Header[]) => headers.map((header) => header.identifier)

// --- Data ----------------------------------------------------------------------

type MongooseModel = { updateOne(filter: object, update: object, options: object): Promise<unknown> }

/** Pins an article's datestamp (its stored updatedAt), as if it had last changed then. */
async function pinUpdatedAt(article: Pick<Article, 'id'>, iso: string): Promise<void> {
  const model = (suite.payload.db as unknown as { collections: Record<string, MongooseModel> }).collections.articles
  await model.updateOne({ _id: article.id }, { $set: { updatedAt: new Date(iso) } }, { timestamps: false })
}

async function tombstonesOf(article: Pick<Article, 'id'>) {
  const { docs } = await suite.payload.find({
    collection: 'oai-tombstones',
    depth: 0,
    overrideAccess: true,
    where: { article: { equals: String(article.id) } },
  })
  return docs
}

async function pinDeletedAt(article: Pick<Article, 'id'>, iso: string): Promise<void> {
  const [tombstone] = await tombstonesOf(article)
  if (!tombstone) throw new Error(`article ${article.id} has no tombstone`)
  await suite.payload.update({ collection: 'oai-tombstones', data: { deletedAt: iso }, id: tombstone.id, overrideAccess: true })
}

beforeAll(async () => {
  restoreEnvironment = setSuiteEnvironment(ENVIRONMENT)

  suite = await startPayloadForSuite('oai')
  users = await createRoleUsers(suite, 'oai')
  const journal = new SeededJournal(suite.payload)
  content = journal.content
  const { payload } = suite

  const { masterForum, worldAffairs } = await journal.sections({
    journals: { description: 'The journal, by column.' },
    journalsInChinese: { description: '按栏目浏览期刊。' },
  })

  const office = await content.contact({ email: 'journal@example.org', name: 'Editorial office' })
  await journal.site(
    { journalTitle: 'American Studies Quarterly', mainContact: office.id, siteName: 'Institute of American Studies' },
    { journalTitle: '美国研究', siteName: '美国研究所' },
  )

  const { li, yuan } = await journal.authors()

  bilingual = await journal.bilingualArticle({
    en: { issue: { number: 3, volume: 32, year: 2018 }, keywords: ['alliance', 'Japan'], subtitle: 'A Reassessment' },
    zh: { keywords: ['美日同盟', '日本'], subtitle: '再评估' },
  })
  englishOnly = await journal.englishOnlyArticle()
  worldOrder = await journal.articleWithDraft()
  archived = await journal.archivedArticle()
  deleted = await content.article({
    authors: [li.id],
    body: articleBody('Withdrawn.'),
    lead: 'An article deleted after publication.',
    section: masterForum.id,
    slug: 'deleted-article',
    title: 'Deleted article',
  })
  await payload.delete({ collection: 'articles', id: deleted.id, overrideAccess: true })
  unpublished = await content.article({
    authors: [yuan.id],
    body: articleBody('Taken down.'),
    lead: 'An article unpublished after publication.',
    section: worldAffairs.id,
    slug: 'unpublished-article',
    title: 'Unpublished article',
  })
  await payload.update({ collection: 'articles', data: { _status: 'draft' }, id: unpublished.id, overrideAccess: true })
  neverPublished = await journal.neverPublishedArticle()

  await pinUpdatedAt(bilingual, '2021-01-05T08:00:00.000Z')
  await pinUpdatedAt(englishOnly, '2021-02-05T08:00:00.000Z')
  await pinUpdatedAt(worldOrder, '2021-03-05T08:00:00.000Z')
  await pinUpdatedAt(archived, '2021-03-20T00:00:00.000Z')
  await pinDeletedAt(deleted, '2021-04-05T08:00:00.000Z')
  await pinDeletedAt(unpublished, '2021-05-05T08:00:00.000Z')
})

afterAll(async () => {
  await suite?.close()
  restoreEnvironment?.()
})

/** Fills in the identifiers of the test's articles: {bilingual}, {neverPublished}, {bilingual on another host}. */
function withIdentifiers(template: string): string {
  return template
    .replace('{bilingual}', encodeURIComponent(identifierOf(bilingual)))
    .replace('{neverPublished}', encodeURIComponent(identifierOf(neverPublished)))
    .replace('{bilingual on another host}', encodeURIComponent(`oai:elsewhere.org:article/${bilingual.id}`))
}

const ALL_IN_ORDER = () => [bilingual, englishOnly, worldOrder, archived, deleted, unpublished].map(identifierOf)

// --- Configuration ---------------------------------------------------------------

describe('configuration', () => {
  it('OAI_PAGE_SIZE and OAI_ADMIN_EMAIL are read and checked when the server starts, with one-line errors', () => {
    expect(readOaiEnvironment({})).toEqual({ adminEmails: [], pageSize: 100 })
    expect(readOaiEnvironment({ OAI_ADMIN_EMAIL: 'a@example.org, b@example.org', OAI_PAGE_SIZE: '25' })).toEqual({
      adminEmails: ['a@example.org', 'b@example.org'],
      pageSize: 25,
    })
    expect(() => readStartupSettings({ OAI_PAGE_SIZE: '0' })).toThrow('OAI_PAGE_SIZE must be a whole number from 1 to 1000 (got "0")')
    expect(() => readStartupSettings({ OAI_PAGE_SIZE: 'ten' })).toThrow('OAI_PAGE_SIZE must be a whole number from 1 to 1000 (got "ten")')
    expect(() => readStartupSettings({ OAI_ADMIN_EMAIL: 'journal@example.org, nobody' })).toThrow(
      'OAI_ADMIN_EMAIL must be e-mail addresses such as journal@example.org, comma-separated (bad entry "nobody")',
    )
  })
})

// --- Verbs -----------------------------------------------------------------------

describe('Identify', () => {
  it('names the journal, its base URL, contact, oldest datestamp, persistent deletions and second granularity', async () => {
    const { answer, result } = await harvest('verb=Identify')
    expect(answer.echoed).toEqual({ verb: 'Identify' })
    expect(text(child(answer.root, 'request'))).toBe(BASE_URL)
    expect(text(child(answer.root, 'responseDate'))).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/)
    expect(answer.raw).toContain(`xmlns="${OAI_NAMESPACE}"`)
    expect({
      adminEmail: texts(result, 'adminEmail'),
      baseURL: text(child(result, 'baseURL')),
      deletedRecord: text(child(result, 'deletedRecord')),
      earliestDatestamp: text(child(result, 'earliestDatestamp')),
      granularity: text(child(result, 'granularity')),
      protocolVersion: text(child(result, 'protocolVersion')),
      repositoryName: text(child(result, 'repositoryName')),
    }).toEqual({
      adminEmail: ['journal@example.org'],
      baseURL: BASE_URL,
      deletedRecord: 'persistent',
      earliestDatestamp: '2021-01-05T08:00:00Z',
      granularity: 'YYYY-MM-DDThh:mm:ssZ',
      protocolVersion: '2.0',
      repositoryName: 'American Studies Quarterly',
    })
  })

  it('names the addresses of OAI_ADMIN_EMAIL instead of the main contact when set', async () => {
    process.env.OAI_ADMIN_EMAIL = 'harvesting@example.org, it@example.org'
    try {
      const { result } = await harvest('verb=Identify')
      expect(texts(result, 'adminEmail')).toEqual(['harvesting@example.org', 'it@example.org'])
    } finally {
      process.env.OAI_ADMIN_EMAIL = ''
    }
  })
})

describe('ListMetadataFormats', () => {
  it('offers oai_dc for the repository, for a record and for a deleted record', async () => {
    for (const query of ['verb=ListMetadataFormats', `verb=ListMetadataFormats&identifier=${identifierOf(bilingual)}`, `verb=ListMetadataFormats&identifier=${identifierOf(deleted)}`]) {
      const { result } = await harvest(query)
      expect(
        children(result, 'metadataFormat').map((format) => ({
          metadataNamespace: text(child(format, 'metadataNamespace')),
          metadataPrefix: text(child(format, 'metadataPrefix')),
          schema: text(child(format, 'schema')),
        })),
      ).toEqual([
        {
          metadataNamespace: 'http://www.openarchives.org/OAI/2.0/oai_dc/',
          metadataPrefix: 'oai_dc',
          schema: 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd',
        },
      ])
    }
  })
})

describe('ListSets', () => {
  it('lists the sections readers can see as a colon-separated hierarchy, with names in both languages', async () => {
    const { result } = await harvest('verb=ListSets')
    const sets = children(result, 'set').map((set) => {
      const description = child(child(set, 'setDescription'), 'oai_dc:dc')
      return {
        descriptions: byLanguage(description, 'dc:description'),
        name: text(child(set, 'setName')),
        spec: text(child(set, 'setSpec')),
        titles: byLanguage(description, 'dc:title'),
      }
    })
    expect(sets).toEqual([
      { descriptions: { en: ['The journal, by column.'], zh: ['按栏目浏览期刊。'] }, name: 'Journals', spec: 'journals', titles: { en: ['Journals'], zh: ['期刊'] } },
      { descriptions: {}, name: 'Master forum', spec: 'journals:master-forum', titles: { en: ['Master forum'], zh: ['大家论坛'] } },
      { descriptions: {}, name: 'World affairs', spec: 'world-affairs', titles: { en: ['World affairs'] } },
    ])
    expect(tokenOf(result)).toBeUndefined()
  })
})

describe('GetRecord', () => {
  it('describes a bilingual article in oai_dc, each language marked with xml:lang', async () => {
    const { answer, result } = await harvest(`verb=GetRecord&identifier=${identifierOf(bilingual)}&metadataPrefix=oai_dc`)
    expect(answer.echoed).toEqual({ identifier: identifierOf(bilingual), metadataPrefix: 'oai_dc', verb: 'GetRecord' })
    const record = children(result, 'record')[0]
    expect(headerOf(child(record, 'header') as Element)).toEqual({
      datestamp: '2021-01-05T08:00:00Z',
      deleted: false,
      identifier: identifierOf(bilingual),
      setSpecs: ['journals', 'journals:master-forum'],
    })
    const dc = child(child(record, 'metadata'), 'oai_dc:dc')
    expect({
      creator: byLanguage(dc, 'dc:creator'),
      date: byLanguage(dc, 'dc:date'),
      description: byLanguage(dc, 'dc:description'),
      identifier: byLanguage(dc, 'dc:identifier'),
      language: byLanguage(dc, 'dc:language'),
      publisher: byLanguage(dc, 'dc:publisher'),
      source: byLanguage(dc, 'dc:source'),
      subject: byLanguage(dc, 'dc:subject'),
      title: byLanguage(dc, 'dc:title'),
      type: byLanguage(dc, 'dc:type'),
    }).toEqual({
      creator: { '': ['Yuan Zheng', 'Li Wei'] },
      date: { '': ['2018-06-01'] },
      description: { en: ['How the alliance shapes relations between China and Japan.'], zh: ['美日同盟如何影响中日关系。'] },
      identifier: { '': [`${WEBSITE}/en/articles/us-japan-alliance`, `${WEBSITE}/zh/articles/us-japan-alliance`] },
      language: { '': ['en', 'zh'] },
      publisher: { en: ['Institute of American Studies'], zh: ['美国研究所'] },
      source: { en: ['American Studies Quarterly, 2018, 32(3)'], zh: ['美国研究, 2018, 32(3)'] },
      subject: { en: ['alliance', 'Japan'], zh: ['美日同盟', '日本'] },
      // Title and subtitle joined by the one rule of every output (src/lib/fullTitle.ts), citations included.
      title: { en: ['The US-Japan Alliance and the Sino-Japanese Relations: A Reassessment'], zh: ['美日同盟与中日关系：再评估'] },
      type: { '': ['Text', 'info:eu-repo/semantics/article'] },
    })
  })

  it('gives an English-only article in English only', async () => {
    const { result } = await harvest(`verb=GetRecord&identifier=${identifierOf(englishOnly)}&metadataPrefix=oai_dc`)
    const dc = child(child(children(result, 'record')[0], 'metadata'), 'oai_dc:dc')
    expect(byLanguage(dc, 'dc:title')).toEqual({ en: ['English only'] })
    expect(texts(dc, 'dc:language')).toEqual(['en'])
    expect(texts(dc, 'dc:identifier')).toEqual([`${WEBSITE}/en/articles/english-only`])
  })

  it('describes the published version of an article with a newer draft, never the draft', async () => {
    const { answer, result } = await harvest(`verb=GetRecord&identifier=${identifierOf(worldOrder)}&metadataPrefix=oai_dc`)
    const record = children(result, 'record')[0]
    expect(texts(child(child(record, 'metadata'), 'oai_dc:dc'), 'dc:title')).toEqual(['World order'])
    expect(headerOf(child(record, 'header') as Element).datestamp).toBe('2021-03-05T08:00:00Z')
    expect(answer.raw).not.toContain('revised, unpublished')
  })

  it('gives an article in an inactive section no set', async () => {
    const { result } = await harvest(`verb=GetRecord&identifier=${identifierOf(archived)}&metadataPrefix=oai_dc`)
    expect(headerOf(child(children(result, 'record')[0], 'header') as Element).setSpecs).toEqual([])
  })

  it('reports a deleted and an unpublished article as deleted records: a header with status="deleted" and no metadata', async () => {
    for (const [article, datestamp, setSpecs] of [
      [deleted, '2021-04-05T08:00:00Z', ['journals', 'journals:master-forum']],
      [unpublished, '2021-05-05T08:00:00Z', ['world-affairs']],
    ] as const) {
      const { result } = await harvest(`verb=GetRecord&identifier=${identifierOf(article)}&metadataPrefix=oai_dc`)
      const record = children(result, 'record')[0]
      expect(headerOf(child(record, 'header') as Element)).toEqual({ datestamp, deleted: true, identifier: identifierOf(article), setSpecs })
      expect(child(record, 'metadata')).toBeUndefined()
    }
  })

  it('knows nothing of a never-published article, even when an editor asks', async () => {
    const query = `verb=GetRecord&identifier=${identifierOf(neverPublished)}&metadataPrefix=oai_dc`
    for (const token of [undefined, users.editor.token]) {
      const answer = await get(query, token)
      expect(answer.errors.map((error) => error.code)).toEqual(['idDoesNotExist'])
      expect(answer.raw).not.toContain('Not yet published')
    }
  })
})

// --- Lists, selection and paging --------------------------------------------------------------

describe('ListIdentifiers and ListRecords', () => {
  it('ListIdentifiers pages through resumption tokens to the end, in datestamp order, deleted records included', async () => {
    const { headers, parts } = await harvestAll('ListIdentifiers', 'metadataPrefix=oai_dc')
    expect(identifiersOf(headers)).toEqual(ALL_IN_ORDER())
    expect(parts.map((part) => part.headers.length)).toEqual([2, 2, 2])
    expect(parts.map((part) => [part.token?.cursor, part.token?.completeListSize])).toEqual([
      ['0', '6'],
      ['2', '6'],
      ['4', '6'],
    ])
    expect(parts[0].token?.value).not.toBe('')
    expect(parts[2].token?.value).toBe('')
    expect(headers.map((header) => header.deleted)).toEqual([false, false, false, false, true, true])
    expect(headers.map((header) => header.datestamp)).toEqual([
      '2021-01-05T08:00:00Z',
      '2021-02-05T08:00:00Z',
      '2021-03-05T08:00:00Z',
      '2021-03-20T00:00:00Z',
      '2021-04-05T08:00:00Z',
      '2021-05-05T08:00:00Z',
    ])
  })

  it('ListRecords pages the same list with metadata for every record but the deleted ones', async () => {
    const first = await harvest('verb=ListRecords&metadataPrefix=oai_dc')
    expect(first.answer.echoed).toEqual({ metadataPrefix: 'oai_dc', verb: 'ListRecords' })
    const token = tokenOf(first.result)?.value ?? ''
    const second = await harvest(`verb=ListRecords&resumptionToken=${encodeURIComponent(token)}`)
    expect(second.answer.echoed).toEqual({ resumptionToken: token, verb: 'ListRecords' })

    const { headers, parts } = await harvestAll('ListRecords', 'metadataPrefix=oai_dc')
    expect(identifiersOf(headers)).toEqual(ALL_IN_ORDER())
    expect(parts.at(-1)?.token).toEqual({ completeListSize: '6', cursor: '4', value: '' })
    const records = children(first.result, 'record')
    expect(records.map((record) => texts(child(child(record, 'metadata'), 'oai_dc:dc'), 'dc:title')[0])).toEqual([
      'The US-Japan Alliance and the Sino-Japanese Relations: A Reassessment',
      'English only',
    ])
  })

  it('a list that fits on one page has no resumption token', async () => {
    const { result } = await harvest('verb=ListRecords&metadataPrefix=oai_dc&set=world-affairs')
    expect(headersOf(result, 'ListRecords').map((header) => header.identifier)).toEqual([identifierOf(worldOrder), identifierOf(unpublished)])
    expect(tokenOf(result)).toBeUndefined()
  })

  it.each([
    ['from=2021-02-01&until=2021-03-31', () => [englishOnly, worldOrder, archived]],
    ['from=2021-02-05T08:00:00Z&until=2021-02-05T08:00:00Z', () => [englishOnly]],
    ['until=2021-01-05', () => [bilingual]],
    ['from=2021-03-20', () => [archived, deleted, unpublished]],
    ['from=2021-03-05T08:00:01Z&until=2021-04-05T08:00:00Z', () => [archived, deleted]],
    ['set=journals', () => [bilingual, englishOnly, deleted]],
    ['set=journals:master-forum', () => [bilingual, englishOnly, deleted]],
    ['set=world-affairs', () => [worldOrder, unpublished]],
    ['set=journals&from=2021-02-01', () => [englishOnly, deleted]],
  ])('selects by %s (both ends inclusive, child sets within their parent)', async (selection, expected) => {
    const { headers } = await harvestAll('ListIdentifiers', `metadataPrefix=oai_dc&${selection}`)
    expect(identifiersOf(headers)).toEqual(expected().map(identifierOf))
  })

  it('keeps the arguments of the first request in its resumption tokens', async () => {
    const { parts } = await harvestAll('ListRecords', 'metadataPrefix=oai_dc&set=journals&until=2021-12-31')
    expect(parts.map((part) => part.headers.length)).toEqual([2, 1])
    expect(parts.map((part) => part.token?.completeListSize)).toEqual(['3', '3'])
  })
})

// --- Errors ---------------------------------------------------------------------

describe('errors', () => {
  const bad = (code: string, queries: string[]) => queries.map((query) => [code, query] as const)

  it.each([
    ...bad('badVerb', ['', 'verb=Frobnicate', 'verb=Identify&verb=Identify', 'verb=listrecords&metadataPrefix=oai_dc']),
    ...bad('badArgument', [
      'verb=Identify&metadataPrefix=oai_dc',
      'verb=ListRecords',
      'verb=ListRecords&metadataPrefix=',
      'verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc',
      'verb=ListRecords&metadataPrefix=oai_dc&from=2021-13-01',
      'verb=ListRecords&metadataPrefix=oai_dc&from=2021-02-30',
      'verb=ListRecords&metadataPrefix=oai_dc&from=2021-01-01T00:00:00',
      'verb=ListRecords&metadataPrefix=oai_dc&from=2021-01-01T00:00:00.000Z',
      'verb=ListRecords&metadataPrefix=oai_dc&from=2021-03-01&until=2021-02-01',
      'verb=ListRecords&metadataPrefix=oai_dc&from=2021-01-01&until=2021-02-01T00:00:00Z',
      'verb=ListRecords&metadataPrefix=oai_dc&set=no%20spaces',
      'verb=ListIdentifiers&metadataPrefix=oai_dc&resumptionToken=abc',
      'verb=GetRecord&metadataPrefix=oai_dc',
      'verb=GetRecord&identifier=oai:www.example.org:article/1',
      'verb=ListSets&set=journals',
      'verb=ListMetadataFormats&identifier=a&identifier=b',
      'verb=ListRecords&metadataPrefix=oai%20dc',
    ]),
  ])('%s for "%s", with no arguments echoed', async (code, query) => {
    const answer = await get(query)
    expect(answer.errors.map((error) => error.code)).toEqual([code])
    expect(answer.errors[0].message).not.toBe('')
    expect(answer.echoed).toEqual({})
    expect(text(child(answer.root, 'request'))).toBe(BASE_URL)
    await expectSchemaValid(answer.raw)
  })

  it.each([
    ['cannotDisseminateFormat', 'verb=ListRecords&metadataPrefix=marc21'],
    ['cannotDisseminateFormat', 'verb=ListIdentifiers&metadataPrefix=mods&set=journals'],
    ['cannotDisseminateFormat', 'verb=GetRecord&metadataPrefix=marc21&identifier={bilingual}'],
    ['idDoesNotExist', 'verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:www.example.org:article/0123456789abcdef01234567'],
    ['idDoesNotExist', 'verb=GetRecord&metadataPrefix=oai_dc&identifier={bilingual on another host}'],
    ['idDoesNotExist', 'verb=GetRecord&metadataPrefix=oai_dc&identifier=article-1'],
    ['idDoesNotExist', 'verb=ListMetadataFormats&identifier={neverPublished}'],
    ['noRecordsMatch', 'verb=ListRecords&metadataPrefix=oai_dc&from=2030-01-01'],
    ['noRecordsMatch', 'verb=ListIdentifiers&metadataPrefix=oai_dc&until=2000-01-01T00:00:00Z'],
    ['noRecordsMatch', 'verb=ListIdentifiers&metadataPrefix=oai_dc&set=no-such-section'],
    ['noRecordsMatch', 'verb=ListIdentifiers&metadataPrefix=oai_dc&set=archive'],
    ['noRecordsMatch', 'verb=ListRecords&metadataPrefix=oai_dc&set=world-affairs&from=2021-06-01'],
    ['badResumptionToken', 'verb=ListRecords&resumptionToken=not-a-token'],
    ['badResumptionToken', 'verb=ListSets&resumptionToken=anything'],
  ])('%s for "%s", echoing the arguments', async (code, template) => {
    const query = withIdentifiers(template)
    const answer = await get(query)
    expect(answer.errors.map((error) => error.code)).toEqual([code])
    const expected = Object.fromEntries(new URLSearchParams(query).entries())
    // Only an identifier that is a URI can be echoed (the request element's attribute is one).
    if (expected.identifier === 'article-1') delete expected.identifier
    expect(answer.echoed).toEqual(expected)
    await expectSchemaValid(answer.raw)
  })

  it('reports an unknown identifier and an unknown format together', async () => {
    const answer = await get('verb=GetRecord&metadataPrefix=marc21&identifier=oai:www.example.org:article/0123456789abcdef01234567')
    expect(answer.errors.map((error) => error.code)).toEqual(['idDoesNotExist', 'cannotDisseminateFormat'])
    await expectSchemaValid(answer.raw)
  })

  it('escapes markup in what it quotes back and drops characters XML cannot carry', async () => {
    const identifier = 'oai:www.example.org:article/<b>&"\'\u0001\u000B\uFFFF'
    const answer = await get(`verb=GetRecord&metadataPrefix=oai_dc&identifier=${encodeURIComponent(identifier)}`)
    expect(answer.errors).toEqual([{ code: 'idDoesNotExist', message: 'There is no record "oai:www.example.org:article/<b>&"\'" in this repository.' }])
    expect(answer.raw).toContain('&lt;b&gt;&amp;&quot;&apos;')
    for (const character of ['\u0001', '\u000B', '\uFFFF']) expect(answer.raw).not.toContain(character)
    await expectSchemaValid(answer.raw)
  })

  it('refuses a resumption token that was altered or issued for another verb', async () => {
    const { result } = await harvest('verb=ListIdentifiers&metadataPrefix=oai_dc')
    const token = tokenOf(result)?.value ?? ''
    const [encoded, signature] = token.split('.')
    const position = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as Record<string, unknown>
    const skipAhead = `${Buffer.from(JSON.stringify({ ...position, c: 0, t: 0 })).toString('base64url')}.${signature}`
    for (const query of [
      `verb=ListRecords&resumptionToken=${encodeURIComponent(token)}`,
      `verb=ListIdentifiers&resumptionToken=${encodeURIComponent(skipAhead)}`,
      `verb=ListIdentifiers&resumptionToken=${encodeURIComponent(`${token}x`)}`,
    ]) {
      const answer = await get(query)
      expect(answer.errors.map((error) => error.code)).toEqual(['badResumptionToken'])
      await expectSchemaValid(answer.raw)
    }
    expect((await get(`verb=ListIdentifiers&resumptionToken=${encodeURIComponent(token)}`)).errors).toEqual([])
  })
})

// --- POST -------------------------------------------------------------------------

describe('POST', () => {
  const withoutDate = (raw: string) => raw.replace(/<responseDate>[^<]*<\/responseDate>/, '')

  it.each([
    'verb=Identify',
    'verb=ListSets',
    'verb=GetRecord&identifier={bilingual}&metadataPrefix=oai_dc',
    'verb=ListRecords&metadataPrefix=oai_dc&set=journals',
    'verb=ListIdentifiers&metadataPrefix=oai_dc&from=2021-13-01',
    'verb=Nothing',
  ])('a form-encoded POST of "%s" is answered as the same GET', async (template) => {
    const query = withIdentifiers(template)
    const [byGet, byPost] = await Promise.all([get(query), post(query)])
    expect(withoutDate(byPost.raw)).toBe(withoutDate(byGet.raw))
  })

  it('a POST that is not form-encoded is a badArgument', async () => {
    const answer = await post(JSON.stringify({ verb: 'Identify' }), 'application/json')
    expect(answer.errors.map((error) => error.code)).toEqual(['badArgument'])
    expect(answer.echoed).toEqual({})
    await expectSchemaValid(answer.raw)
  })
})

// --- Indexes --------------------------------------------------------------------

describe('indexes', () => {
  type IndexModel = { collection: { indexes(): Promise<{ key: Record<string, number> }[]> }; init(): Promise<unknown> }
  const keysOf = async (slug: string) => {
    const model = (suite.payload.db as unknown as { collections: Record<string, IndexModel> }).collections[slug]
    await model.init()
    return (await model.collection.indexes()).map((index) => Object.keys(index.key).join(','))
  }

  it('lists are read in datestamp order from indexes: published articles by updatedAt, tombstones by deletedAt and article', async () => {
    expect(await keysOf('articles')).toContain('_status,updatedAt')
    expect(await keysOf('oai-tombstones')).toEqual(expect.arrayContaining(['deletedAt,article', 'article']))
  })
})

// --- Changes (these change the data: they run last) -------------------------------------------

describe('changes during and between harvests', () => {
  it('a record that changes during a harvest moves to the end of the list: nothing is skipped', async () => {
    const first = await harvest('verb=ListIdentifiers&metadataPrefix=oai_dc')
    expect(identifiersOf(headersOf(first.result, 'ListIdentifiers'))).toEqual(ALL_IN_ORDER().slice(0, 2))
    // The first record, already harvested, changes: with paging by offset everything would shift and a record be skipped.
    await suite.payload.update({ collection: 'articles', data: { lead: 'How the alliance shapes relations, revised.' }, id: bilingual.id, overrideAccess: true })

    const seen = identifiersOf(headersOf(first.result, 'ListIdentifiers'))
    let token = tokenOf(first.result)?.value
    while (token) {
      const { result } = await harvest(`verb=ListIdentifiers&resumptionToken=${encodeURIComponent(token)}`)
      seen.push(...identifiersOf(headersOf(result, 'ListIdentifiers')))
      token = tokenOf(result)?.value
    }
    expect(seen).toEqual([...ALL_IN_ORDER(), identifierOf(bilingual)])
  })

  it('a draft saved over a published article changes nothing harvesters see', async () => {
    await content.draftOf(englishOnly.id, 'English only (draft)')
    const { result } = await harvest(`verb=GetRecord&identifier=${identifierOf(englishOnly)}&metadataPrefix=oai_dc`)
    const record = children(result, 'record')[0]
    expect(headerOf(child(record, 'header') as Element)).toMatchObject({ datestamp: '2021-02-05T08:00:00Z', deleted: false })
    expect(texts(child(child(record, 'metadata'), 'oai_dc:dc'), 'dc:title')).toEqual(['English only'])
    expect(await tombstonesOf(englishOnly)).toEqual([])
  })

  it('unpublishing makes a deleted record dated now; publishing again brings the record back', async () => {
    const since = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z')
    await suite.payload.update({ collection: 'articles', data: { _status: 'draft' }, id: worldOrder.id, overrideAccess: true })

    const gone = await harvest(`verb=ListIdentifiers&metadataPrefix=oai_dc&from=${since}`)
    const header = headersOf(gone.result, 'ListIdentifiers').find((entry) => entry.identifier === identifierOf(worldOrder))
    expect(header).toMatchObject({ deleted: true, setSpecs: ['world-affairs'] })
    expect(Date.parse(header?.datestamp ?? '')).toBeGreaterThanOrEqual(Date.parse(since))
    expect((await tombstonesOf(worldOrder)).map((tombstone) => tombstone.reason)).toEqual(['unpublished'])

    await suite.payload.update({ collection: 'articles', data: { _status: 'published' }, id: worldOrder.id, overrideAccess: true })
    const back = await harvest(`verb=GetRecord&identifier=${identifierOf(worldOrder)}&metadataPrefix=oai_dc`)
    const record = children(back.result, 'record')[0]
    expect(headerOf(child(record, 'header') as Element).deleted).toBe(false)
    expect(child(record, 'metadata')).toBeDefined()
    expect(await tombstonesOf(worldOrder)).toEqual([])
  })

  it('deleting an unpublished article keeps its deleted record and its datestamp', async () => {
    await suite.payload.delete({ collection: 'articles', id: unpublished.id, overrideAccess: true })
    const { result } = await harvest(`verb=GetRecord&identifier=${identifierOf(unpublished)}&metadataPrefix=oai_dc`)
    expect(headerOf(child(children(result, 'record')[0], 'header') as Element)).toMatchObject({ datestamp: '2021-05-05T08:00:00Z', deleted: true })
    expect((await tombstonesOf(unpublished)).map((tombstone) => tombstone.reason)).toEqual(['deleted'])
  })

  it('deleting a published article over REST makes it a deleted record', async () => {
    const response = await suite.rest.delete(`/api/articles/${englishOnly.id}`, { token: users.editor.token })
    expect(response.status).toBe(200)
    const { result } = await harvest(`verb=GetRecord&identifier=${identifierOf(englishOnly)}&metadataPrefix=oai_dc`)
    expect(headerOf(child(children(result, 'record')[0], 'header') as Element)).toMatchObject({
      deleted: true,
      setSpecs: ['journals', 'journals:master-forum'],
    })
  })
})
