import fs from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { XMLParser } from 'fast-xml-parser'
import { validateXML, type XMLFileInfo } from 'xmllint-wasm'

import { readCrossrefEnvironment } from '../../src/discovery/crossref/settings'
import type { Article, Section } from '../../src/payload-types'
import { projectRoot } from '../../src/lib/projectPaths'
import { indexBuildsFinished } from '../helpers/indexBuilds'
import { invalidFieldPaths, readJson, type ApiErrorBody } from '../helpers/responses'
import { articleBody, SeededJournal } from '../helpers/seededJournal'
import { createStaffAccount, type StaffAccount } from '../helpers/staffAccounts'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'
import { setSuiteEnvironment } from '../helpers/suiteEnvironment'
import { parseWellFormedXml } from '../helpers/xmlAnswers'

/**
 * DOIs, references and the Crossref deposit export (docs/scholarly-metadata.md):
 * the DOI's validation and generation, the DOI and the references in every
 * output that carries them, and deposit files valid against Crossref's own
 * schema (src/discovery/crossref/schemas), refused to readers.
 */

const WEBSITE = 'https://journal.example.org'
const PREFIX = '10.55555'
const ENVIRONMENT = {
  CROSSREF_DEPOSITOR_EMAIL: 'doi@example.org',
  CROSSREF_DEPOSITOR_NAME: 'Peace and Development editorial office',
  CROSSREF_REGISTRANT: 'China Institute for International Studies',
  DOI_PREFIX: PREFIX,
  JOURNAL_ISSN: '2095-8412',
  WEBSITE_URL: WEBSITE,
}
const ORCID = '0000-0002-1825-0097'
const DOI = '10.55555/pd.2018.003'

const REFERENCES = [
  { citation: 'Nye, Joseph S. 2004. Soft Power: The Means to Success in World Politics. New York: PublicAffairs.', url: 'https://example.org/soft-power' },
  { citation: 'Keohane, Robert O. 1984. After Hegemony. Princeton: Princeton University Press.', doi: 'https://doi.org/10.2307/J.CTT7SQ9S' },
]
const REFERENCES_IN_CHINESE = ['约瑟夫·奈：《软实力》，北京：中信出版社，2013年。']

let suite: SuiteContext
let restoreEnvironment: (() => void) | undefined
let editor: StaffAccount
let contributor: StaffAccount
let bilingual: Article
let englishOnly: Article
let noDoi: Article
let masterForum: Section
let journalsSection: Section

const SCHEMA_DIR = path.join(projectRoot, 'src', 'discovery', 'crossref', 'schemas')

/** Crossref's deposit schema and every schema it imports, as shipped in the repository. */
function crossrefSchemas(): { preload: XMLFileInfo[]; schema: XMLFileInfo } {
  const files: string[] = []
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.name.endsWith('.xsd')) files.push(full)
    }
  }
  walk(SCHEMA_DIR)
  const info = (file: string): XMLFileInfo => ({ contents: fs.readFileSync(file, 'utf8'), fileName: path.relative(SCHEMA_DIR, file).split(path.sep).join('/') })
  return {
    preload: files.filter((file) => path.basename(file) !== 'crossref5.3.1.xsd').map(info),
    schema: info(path.join(SCHEMA_DIR, 'crossref5.3.1.xsd')),
  }
}

/** Validates deposit files against the schema in one run (compiling the schema once); the errors of each, [] when valid. */
async function schemaErrors(documents: string[]): Promise<string[]> {
  const result = await validateXML({
    ...crossrefSchemas(),
    // Crossref's schema with JATS and MathML compiles in about 100 MB, more than xmllint-wasm's default 32 MB.
    maxMemoryPages: 4096,
    xml: documents.map((contents, index) => ({ contents, fileName: `deposit-${index + 1}.xml` })),
  })
  const errors = result.errors.map((error) => error.rawMessage)
  if (errors.length === 0) expect(result.valid).toBe(true)
  return errors
}

const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (name) => ['journal', 'journal_article', 'person_name', 'citation', 'publication_date'].includes(name) })

type PersonName = { '@_sequence': string; given_name?: string; ORCID?: string; surname: string }
type JournalArticle = {
  '@_language': string
  citation_list?: { citation: { '@_key': string; doi?: string; unstructured_citation: string }[] }
  contributors: { person_name: PersonName[] }
  doi_data: { doi: string; resource: string }
  publication_date: { '@_media_type': string; day?: string; month?: string; year: string }[]
  titles: { original_language_title?: { '#text': string; '@_language': string } | string; subtitle?: string[] | string; title: string }
}
type Deposit = {
  doi_batch: {
    body: { journal: { journal_article: JournalArticle[]; journal_issue?: { issue?: string; journal_volume?: { volume: string } }; journal_metadata: { full_title: string; issn?: { '#text': string } } }[] }
    head: { depositor: { depositor_name: string; email_address: string }; doi_batch_id: string; registrant: string; timestamp: string }
  }
}

function firstAuthorId(): string {
  const author = bilingual.authors[0]
  return typeof author === 'object' ? author.id : author
}

async function download(pathname: `/api/${string}`, token?: string): Promise<{ disposition: null | string; status: number; text: string; type: null | string }> {
  const response = await suite.rest.get(pathname, { token })
  return { disposition: response.headers.get('content-disposition'), status: response.status, text: await response.text(), type: response.headers.get('content-type') }
}

async function saveDoi(id: string, doi: unknown, options: { draft?: boolean; token?: string } = {}) {
  return readJson<ApiErrorBody & { doc?: Article }>(
    suite.rest.patch(`/api/articles/${id}${options.draft ? '?draft=true' : ''}`, { body: { doi }, token: options.token ?? editor.token }),
  )
}

beforeAll(async () => {
  restoreEnvironment = setSuiteEnvironment(ENVIRONMENT)
  suite = await startPayloadForSuite('crossref')
  await indexBuildsFinished(suite.payload)
  await createStaffAccount(suite, 'admin', 'crossref')
  editor = await createStaffAccount(suite, 'editor', 'crossref')
  contributor = await createStaffAccount(suite, 'contributor', 'crossref')

  const journal = new SeededJournal(suite.payload)
  await journal.site({ journalTitle: 'Peace and Development', siteName: 'CAIFC' }, { journalTitle: '和平与发展' })
  const sections = await journal.sections()
  masterForum = sections.masterForum
  journalsSection = sections.journals
  await journal.authors({ li: { zh: { name: '欧阳修文' } }, yuan: { en: { orcid: ORCID } } })

  bilingual = await journal.bilingualArticle({
    en: { doi: DOI, issue: { number: 3, volume: 12, year: 2018 }, references: REFERENCES, subtitle: 'A View from Beijing' },
    zh: { subtitle: '北京的视角' },
  })
  // The Chinese text of the first reference; the second keeps the English text in Chinese too.
  const stored = await suite.payload.findByID({ collection: 'articles', depth: 0, id: bilingual.id, overrideAccess: true })
  await journal.inChinese('articles', bilingual.id, {
    references: (stored.references ?? []).map((entry, index) => ({ ...entry, citation: REFERENCES_IN_CHINESE[index] })),
  })
  englishOnly = await journal.englishOnlyArticle({ doi: '10.55555/pd.2018.004' })
  noDoi = await journal.content.article({
    authors: [firstAuthorId()],
    body: articleBody('World affairs text.'),
    publishedAt: '2018-05-01T00:00:00.000Z',
    section: sections.worldAffairs.id,
    slug: 'world-order',
    title: 'World order',
  })
})

afterAll(async () => {
  await suite?.close()
  restoreEnvironment?.()
})

describe('settings', () => {
  it('reads the prefix, the depositor and the ISSN, each validated', () => {
    expect(readCrossrefEnvironment({})).toEqual({ depositor: null, doiPrefix: null, issn: null })
    expect(readCrossrefEnvironment({ ...ENVIRONMENT, JOURNAL_ISSN: '2095 8412'.replace(' ', '') })).toEqual({
      depositor: { email: 'doi@example.org', name: 'Peace and Development editorial office', registrant: 'China Institute for International Studies' },
      doiPrefix: PREFIX,
      issn: '2095-8412',
    })
    expect(() => readCrossrefEnvironment({ DOI_PREFIX: '10.12/x' })).toThrow(/DOI_PREFIX must be a DOI prefix such as 10.12345/)
    expect(() => readCrossrefEnvironment({ CROSSREF_DEPOSITOR_NAME: 'Office' })).toThrow(/go together: set all three or none/)
    expect(() => readCrossrefEnvironment({ ...ENVIRONMENT, CROSSREF_DEPOSITOR_EMAIL: 'not an address' })).toThrow(/CROSSREF_DEPOSITOR_EMAIL must be an e-mail address/)
    expect(() => readCrossrefEnvironment({ JOURNAL_ISSN: '2095-8413' })).toThrow(/JOURNAL_ISSN must be an ISSN/)
  })
})

describe('the DOI field', () => {
  it('stores a DOI normalized: no resolver or doi: in front, lower case', async () => {
    const { body, status } = await saveDoi(noDoi.id, '  https://doi.org/10.55555/PD.Test.001 ')
    expect(status).toBe(200)
    expect(body.doc?.doi).toBe('10.55555/pd.test.001')
    expect((await saveDoi(noDoi.id, 'doi:10.55555/PD.Test.002')).body.doc?.doi).toBe('10.55555/pd.test.002')
    expect((await saveDoi(noDoi.id, '')).body.doc?.doi ?? null).toBeNull()
  })

  it.each([
    ['no registrant code', '10.555/abc'],
    ['no suffix', '10.55555/'],
    ['white space in the suffix', '10.55555/a b'],
    ['not a DOI', 'pd.2018.003'],
  ])('refuses %s with a 400 naming the field', async (_case, doi) => {
    const { body, status } = await saveDoi(noDoi.id, doi)
    expect(status).toBe(400)
    expect(invalidFieldPaths(body)).toEqual(['doi'])
    expect(JSON.stringify(body)).toContain('Enter a DOI like 10.12345/pd.2018.001')
  })

  it('refuses a DOI another article has, in any spelling, drafts included', async () => {
    for (const spelling of [DOI, DOI.toUpperCase(), `https://doi.org/${DOI}`]) {
      const { body, status } = await saveDoi(noDoi.id, spelling)
      expect(status).toBe(400)
      expect(invalidFieldPaths(body)).toEqual(['doi'])
      expect(JSON.stringify(body)).toContain(`The DOI ${DOI} is already the article`)
    }
    const draftSave = await saveDoi(noDoi.id, DOI, { draft: true })
    expect(draftSave.status).toBe(400)
    expect(JSON.stringify(draftSave.body)).toContain('each DOI names one article')
    const badDraft = await saveDoi(noDoi.id, '10.1/x', { draft: true })
    expect(badDraft.status).toBe(400)
  })

  it('suggests a DOI from DOI_PREFIX and the article id, the same each time, to editors only', async () => {
    const first = await readJson<{ doi: string }>(suite.rest.get(`/api/articles/${noDoi.id}/suggested-doi`, { token: editor.token }))
    expect(first).toEqual({ body: { doi: `${PREFIX}/${noDoi.id}` }, status: 200 })
    const again = await readJson<{ doi: string }>(suite.rest.get(`/api/articles/${noDoi.id}/suggested-doi`, { token: editor.token }))
    expect(again.body.doi).toBe(first.body.doi)
    expect((await saveDoi(noDoi.id, first.body.doi)).body.doc?.doi).toBe(first.body.doi)

    expect((await suite.rest.get(`/api/articles/${noDoi.id}/suggested-doi`)).status).toBe(401)
    expect((await suite.rest.get(`/api/articles/${noDoi.id}/suggested-doi`, { token: contributor.token })).status).toBe(403)
    expect((await suite.rest.get('/api/articles/000000000000000000000000/suggested-doi', { token: editor.token })).status).toBe(404)

    const restore = setSuiteEnvironment({ DOI_PREFIX: '' })
    try {
      const refused = await readJson<ApiErrorBody>(suite.rest.get(`/api/articles/${noDoi.id}/suggested-doi`, { token: editor.token }))
      expect(refused.status).toBe(409)
      expect(refused.body.errors?.[0]?.message).toMatch(/no DOI_PREFIX/)
    } finally {
      restore()
    }
    await saveDoi(noDoi.id, null)
  })
})

describe('the article call', () => {
  type WebsiteArticle = { doi?: null | string; references?: { citation: string; doi?: null | string; url?: null | string }[] }

  it.each([
    ['en', REFERENCES.map((entry) => entry.citation)],
    ['zh', [REFERENCES_IN_CHINESE[0], REFERENCES[1].citation]],
  ] as const)('returns the DOI and the references in order (%s), over REST and GraphQL', async (locale, citations) => {
    const { body, status } = await readJson<WebsiteArticle>(suite.rest.get(`/api/website/articles/us-japan-alliance?locale=${locale}`))
    expect(status).toBe(200)
    expect(body.doi).toBe(DOI)
    expect(body.references?.map((entry) => entry.citation)).toEqual(citations)
    expect(body.references?.map((entry) => entry.doi ?? null)).toEqual([null, '10.2307/j.ctt7sq9s'])
    expect(body.references?.map((entry) => entry.url ?? null)).toEqual(['https://example.org/soft-power', null])

    const graphql = await readJson<{ data: { WebsiteArticle: WebsiteArticle } }>(
      suite.rest.graphql(`{ WebsiteArticle(slug: "us-japan-alliance", locale: ${locale}) { doi references { citation doi url } } }`),
    )
    expect(graphql.body.data.WebsiteArticle.doi).toBe(DOI)
    expect(graphql.body.data.WebsiteArticle.references?.map((entry) => entry.citation)).toEqual(citations)
  })

  it('refuses a reference without its English text, and a link that is not one', async () => {
    const missing = await readJson<ApiErrorBody>(suite.rest.patch(`/api/articles/${englishOnly.id}`, { body: { references: [{ citation: ' ' }] }, token: editor.token }))
    expect(missing.status).toBe(400)
    expect(invalidFieldPaths(missing.body)).toEqual(['references.0.citation'])
    const badLink = await readJson<ApiErrorBody>(
      suite.rest.patch(`/api/articles/${englishOnly.id}`, { body: { references: [{ citation: 'A book.', doi: '10.1/x', url: 'ftp:/nowhere' }] }, token: editor.token }),
    )
    expect(badLink.status).toBe(400)
    expect(invalidFieldPaths(badLink.body).sort()).toEqual(['references.0.doi', 'references.0.url'])
  })
})

describe('scholarly metadata and citations', () => {
  type Metadata = { highwire: { content: string; name: string }[]; jsonLd: Record<string, unknown> & { citation?: Record<string, unknown>[] } }

  it.each(['en', 'zh'] as const)('carry the DOI and the references (%s)', async (locale) => {
    const { body } = await readJson<Metadata>(suite.rest.get(`/api/articles/${bilingual.id}/metadata?locale=${locale}`))
    expect(body.highwire.filter((tag) => tag.name === 'citation_doi')).toEqual([{ content: DOI, name: 'citation_doi' }])
    const references = body.highwire.filter((tag) => tag.name === 'citation_reference').map((tag) => tag.content)
    const first = locale === 'en' ? REFERENCES[0].citation : REFERENCES_IN_CHINESE[0]
    expect(references).toEqual([`${first} https://example.org/soft-power`, `${REFERENCES[1].citation} https://doi.org/10.2307/j.ctt7sq9s`])
    expect(body.jsonLd.identifier).toEqual({ '@type': 'PropertyValue', propertyID: 'DOI', value: DOI })
    expect(body.jsonLd.sameAs).toBe(`https://doi.org/${DOI}`)
    expect(body.jsonLd.citation).toEqual([
      { '@type': 'CreativeWork', name: first, url: 'https://example.org/soft-power' },
      {
        '@type': 'CreativeWork',
        identifier: { '@type': 'PropertyValue', propertyID: 'DOI', value: '10.2307/j.ctt7sq9s' },
        name: REFERENCES[1].citation,
        sameAs: 'https://doi.org/10.2307/j.ctt7sq9s',
      },
    ])
  })

  it('leave the DOI and references out of an article without them', async () => {
    const { body } = await readJson<Metadata>(suite.rest.get(`/api/articles/${noDoi.id}/metadata`))
    expect(body.highwire.map((tag) => tag.name)).not.toContain('citation_doi')
    expect(body.highwire.map((tag) => tag.name)).not.toContain('citation_reference')
    expect(body.jsonLd).not.toHaveProperty('identifier')
    expect(body.jsonLd).not.toHaveProperty('citation')
  })

  it('give the DOI in BibTeX (doi), RIS (DO) and CSL-JSON (DOI)', async () => {
    const bibtex = await download(`/api/articles/${bilingual.id}/cite?format=bibtex`)
    expect(bibtex.text).toContain(`  doi = {${DOI}},`)
    const ris = await download(`/api/articles/${bilingual.id}/cite?format=ris&locale=zh`)
    expect(ris.text.split('\r\n')).toContain(`DO  - ${DOI}`)
    const csl = JSON.parse((await download(`/api/articles/${bilingual.id}/cite?format=csl-json`)).text) as { DOI?: string }[]
    expect(csl[0].DOI).toBe(DOI)
  })

  it('give the DOI as an https://doi.org/ identifier in OAI-PMH records', async () => {
    const response = await download(`/api/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:journal.example.org:article/${bilingual.id}`)
    expect(response.status).toBe(200)
    const identifiers = [...response.text.matchAll(/<dc:identifier>([^<]+)<\/dc:identifier>/g)].map((match) => match[1])
    expect(identifiers).toContain(`https://doi.org/${DOI}`)
    const without = await download(`/api/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:journal.example.org:article/${noDoi.id}`)
    expect(without.text).not.toContain('https://doi.org/')
  })
})

describe('the Crossref deposit', () => {
  it('of a bilingual article with ORCID iDs is valid against Crossref\'s schema and says what the article is', async () => {
    const answer = await download(`/api/articles/${bilingual.id}/crossref`, editor.token)
    expect(answer.status).toBe(200)
    expect(answer.type).toBe('application/xml; charset=utf-8')
    expect(answer.disposition).toBe('attachment; filename="crossref-10.55555_pd.2018.003.xml"')
    expect(await schemaErrors([answer.text])).toEqual([])

    const deposit = parseWellFormedXml<Deposit>(parser, answer.text).doi_batch
    expect(deposit.head).toMatchObject({
      depositor: { depositor_name: ENVIRONMENT.CROSSREF_DEPOSITOR_NAME, email_address: ENVIRONMENT.CROSSREF_DEPOSITOR_EMAIL },
      registrant: ENVIRONMENT.CROSSREF_REGISTRANT,
    })
    expect(String(deposit.head.timestamp)).toMatch(/^\d{17}$/)
    const [journal] = deposit.body.journal
    expect(journal.journal_metadata.full_title).toBe('Peace and Development')
    expect(journal.journal_metadata.issn?.['#text']).toBe('2095-8412')
    expect(journal.journal_issue).toMatchObject({ issue: '3', journal_volume: { volume: '12' } })
    const [article] = journal.journal_article
    expect(article['@_language']).toBe('en')
    expect(article.titles.title).toBe('The US-Japan Alliance and the Sino-Japanese Relations')
    expect(article.titles.original_language_title).toEqual({ '#text': '美日同盟与中日关系', '@_language': 'zh' })
    expect(article.titles.subtitle).toEqual(['A View from Beijing', '北京的视角'])
    expect(article.contributors.person_name).toEqual([
      { '@_contributor_role': 'author', '@_language': 'en', '@_sequence': 'first', ORCID: `https://orcid.org/${ORCID}`, surname: 'Yuan Zheng' },
      { '@_contributor_role': 'author', '@_language': 'en', '@_sequence': 'additional', surname: 'Li Wei' },
    ])
    expect(article.publication_date).toEqual([
      { '@_media_type': 'online', day: '01', month: '06', year: '2018' },
      { '@_media_type': 'print', year: '2018' },
    ])
    expect(article.doi_data).toEqual({ doi: DOI, resource: `${WEBSITE}/en/articles/us-japan-alliance` })
    expect(article.citation_list?.citation).toEqual([
      { '@_key': 'ref1', unstructured_citation: REFERENCES[0].citation },
      { '@_key': 'ref2', doi: '10.2307/j.ctt7sq9s', unstructured_citation: REFERENCES[1].citation },
    ])
  })

  it('of a section holds its branch\'s published articles with a DOI, one journal per issue, and is valid', async () => {
    const fromParent = await download(`/api/sections/${journalsSection.id}/crossref`, editor.token)
    const fromSection = await download(`/api/sections/${masterForum.id}/crossref`, editor.token)
    expect([fromParent.status, fromSection.status]).toEqual([200, 200])
    expect(fromSection.disposition).toBe('attachment; filename="crossref-section-master-forum.xml"')
    expect(await schemaErrors([fromParent.text, fromSection.text])).toEqual([])

    const deposit = parseWellFormedXml<Deposit>(parser, fromParent.text).doi_batch
    const journals = deposit.body.journal
    expect(journals.map((journal) => journal.journal_article.map((article) => article.doi_data.doi))).toEqual([[DOI], ['10.55555/pd.2018.004']])
    expect(journals.map((journal) => journal.journal_issue !== undefined)).toEqual([true, false])
    const englishArticle = journals[1].journal_article[0]
    expect(englishArticle.titles.original_language_title).toBeUndefined()
    expect(String(deposit.head.doi_batch_id)).toMatch(/^section-journals-\d{17}$/)
  })

  it('leaves out what a reader could not see: drafts and unpublished articles', async () => {
    await suite.payload.update({ collection: 'articles', data: { doi: '10.55555/draft.only', title: 'A draft with a DOI' }, draft: true, id: englishOnly.id, overrideAccess: true })
    const answer = await download(`/api/sections/${masterForum.id}/crossref`, editor.token)
    expect(answer.text).not.toContain('draft.only')
    expect(answer.text).not.toContain('A draft with a DOI')
    const neverPublished = await new SeededJournal(suite.payload).content.article({
      _status: 'draft',
      authors: [firstAuthorId()],
      body: articleBody('Not yet.'),
      doi: '10.55555/not.yet',
      section: masterForum.id,
      slug: 'not-yet-with-doi',
      title: 'Not yet',
    })
    expect((await download(`/api/articles/${neverPublished.id}/crossref`, editor.token)).status).toBe(404)
  })

  it('refuses an article without a DOI, and a section with none, with a message', async () => {
    const article = await readJson<ApiErrorBody>(suite.rest.get(`/api/articles/${noDoi.id}/crossref`, { token: editor.token }))
    expect(article.status).toBe(409)
    expect(article.body.errors?.[0]?.message).toMatch(/has no DOI/)
    const section = await readJson<ApiErrorBody>(suite.rest.get(`/api/sections/${typeof noDoi.section === 'object' ? noDoi.section.id : noDoi.section}/crossref`, { token: editor.token }))
    expect(section.status).toBe(409)
    expect(section.body.errors?.[0]?.message).toMatch(/No published article in the section "world-affairs" has a DOI \(1 without one\)/)
  })

  it('is refused to readers and contributors', async () => {
    for (const pathname of [`/api/articles/${bilingual.id}/crossref`, `/api/sections/${masterForum.id}/crossref`] as const) {
      const anonymous = await readJson<ApiErrorBody>(suite.rest.get(pathname))
      expect(anonymous.status).toBe(401)
      expect(anonymous.body.errors?.[0]?.message).toMatch(/Sign in as an editor/)
      expect((await suite.rest.get(pathname, { token: contributor.token })).status).toBe(403)
    }
  })

  it('says what is missing when the depositor is not set up', async () => {
    const restore = setSuiteEnvironment({ CROSSREF_DEPOSITOR_EMAIL: '', CROSSREF_DEPOSITOR_NAME: '', CROSSREF_REGISTRANT: '' })
    try {
      const answer = await readJson<ApiErrorBody>(suite.rest.get(`/api/articles/${bilingual.id}/crossref`, { token: editor.token }))
      expect(answer.status).toBe(409)
      expect(answer.body.errors?.[0]?.message).toMatch(/CROSSREF_DEPOSITOR_NAME, CROSSREF_DEPOSITOR_EMAIL and CROSSREF_REGISTRANT/)
    } finally {
      restore()
    }
  })
})
