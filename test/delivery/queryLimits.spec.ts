import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { MAX_DEPTH, MAX_ID_LIST, MAX_LIMIT, MAX_PAGE } from '../../src/hooks/limitReadQueries'
import type { Article, Author, Media, Section } from '../../src/payload-types'
import { JournalContent } from '../helpers/journalContent'
import { readJson } from '../helpers/responses'
import { createRoleUsers, type RoleUsers } from '../helpers/roleUsers'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'

/**
 * Depth and list size over REST: depth defaults to 1 and goes to 3 at most,
 * a page holds at most 100 documents, and asking for more (or for everything
 * at once) is refused with a 400 and a message, never served. The server's
 * own reads (Local API) are not limited.
 */

let suite: SuiteContext
let users: RoleUsers
let content: JournalContent
let section: Section
let photo: Media
let author: Author
let article: Article

type ErrorBody = { errors: { message: string }[] }
type ListBody<T> = { docs: T[]; limit: number; totalDocs: number }

const CONTACTS = MAX_LIMIT + 5

async function expectRefused(path: `/api/${string}`, message: RegExp, token?: string): Promise<void> {
  const response = await suite.rest.get(path, { token })
  expect(response.headers.get('content-type')).toMatch(/application\/json/)
  const { body, status } = await readJson<ErrorBody>(response)
  expect([path, status]).toEqual([path, 400])
  expect(body.errors[0].message).toMatch(message)
}

async function expectServed(path: `/api/${string}`, token?: string): Promise<Record<string, unknown>> {
  const { body, status } = await readJson(suite.rest.get(path, { token }))
  expect([path, status]).toEqual([path, 200])
  return body
}

beforeAll(async () => {
  suite = await startPayloadForSuite('query-limits')
  users = await createRoleUsers(suite, 'limits')
  content = new JournalContent(suite.payload)
  section = await content.section({ title: 'Journals' })
  photo = await content.media('A portrait')
  author = await content.author({ name: 'Li Wei', photo: photo.id })
  article = await content.article({ authors: [author.id], section: section.id, title: 'An article' })
  for (let index = 0; index < CONTACTS; index++) {
    await content.contact({ name: `Office ${index}`, order: index })
  }
})

afterAll(async () => {
  await suite?.close()
})

describe('depth', () => {
  it('defaults to 1: related documents are filled in, theirs are not', async () => {
    const body = (await expectServed(`/api/articles/${article.id}`)) as { authors: { name: string; photo: unknown }[] }
    expect(body.authors[0].name).toBe('Li Wei')
    expect(body.authors[0].photo).toBe(photo.id)
  })

  it(`goes up to ${MAX_DEPTH}`, async () => {
    const body = (await expectServed(`/api/articles/${article.id}?depth=${MAX_DEPTH}`)) as { authors: { photo: { alt: string } }[] }
    expect(body.authors[0].photo.alt).toBe('A portrait')
  })

  it(`over ${MAX_DEPTH}, negative or not a number: 400`, async () => {
    for (const depth of [String(MAX_DEPTH + 1), '50', '-1', '1.5', 'deep']) {
      await expectRefused(`/api/articles/${article.id}?depth=${depth}`, /depth must be a whole number from 0 to 3/)
      await expectRefused(`/api/articles?depth=${depth}`, /depth must be a whole number from 0 to 3/)
    }
    await expectRefused('/api/globals/site?depth=9', /depth must be a whole number from 0 to 3/)
    await expectRefused('/api/authors?depth=4', /depth/)
  })

  it('the server’s own reads are capped at the same depth, not refused', async () => {
    const found = await suite.payload.findByID({ collection: 'articles', depth: 10, id: article.id })
    const firstAuthor = found.authors[0] as Author
    expect(typeof firstAuthor.photo).toBe('object')
    expect(suite.payload.config.maxDepth).toBe(MAX_DEPTH)
  })
})

describe('limit and page', () => {
  it(`serves pages of up to ${MAX_LIMIT} documents`, async () => {
    const body = (await expectServed(`/api/contacts?limit=${MAX_LIMIT}`)) as ListBody<unknown>
    expect(body.docs).toHaveLength(MAX_LIMIT)
    expect(body.totalDocs).toBe(CONTACTS)
    const second = (await expectServed(`/api/contacts?limit=${MAX_LIMIT}&page=2`)) as ListBody<unknown>
    expect(second.docs).toHaveLength(CONTACTS - MAX_LIMIT)
  })

  it('a list without a limit gets Payload’s page of 10', async () => {
    const body = (await expectServed('/api/contacts')) as ListBody<unknown>
    expect(body.docs).toHaveLength(10)
  })

  it(`refuses a limit over ${MAX_LIMIT}, a limit of 0 (everything) and one that is not a whole number`, async () => {
    for (const limit of [String(MAX_LIMIT + 1), '1000', '0', '-5', '2.5', 'many']) {
      await expectRefused(`/api/contacts?limit=${limit}`, /limit must be a whole number from 1 to 100/)
    }
  })

  it('refuses pagination=false without a limit, which would return every document', async () => {
    await expectRefused('/api/contacts?pagination=false', /every document/)
    const bounded = (await expectServed('/api/contacts?pagination=false&limit=5')) as ListBody<unknown>
    expect(bounded.docs).toHaveLength(5)
  })

  it(`refuses a page past ${MAX_PAGE} or below 1`, async () => {
    await expectServed(`/api/contacts?page=${MAX_PAGE}`)
    for (const page of [String(MAX_PAGE + 1), '0', 'last']) {
      await expectRefused(`/api/contacts?page=${page}`, /page must be a whole number from 1 to 10000/)
    }
  })

  it('applies to every collection', async () => {
    for (const slug of ['articles', 'authors', 'sections', 'media', 'contacts']) {
      await expectRefused(`/api/${slug}?limit=500` as `/api/${string}`, /limit/)
    }
  })

  it('the server’s own reads are not limited', async () => {
    const all = await suite.payload.find({ collection: 'contacts', pagination: false })
    expect(all.docs).toHaveLength(CONTACTS)
  })
})

describe('reads that name their documents by id', () => {
  /** The ids of every contact, and made-up ids beyond them. */
  async function contactIds(count: number): Promise<string[]> {
    const { docs } = await suite.payload.find({ collection: 'contacts', depth: 0, pagination: false, select: {} })
    const ids = docs.map((doc) => String(doc.id))
    for (let index = ids.length; index < count; index++) ids.push(index.toString(16).padStart(24, 'a'))
    return ids.slice(0, count)
  }

  it(`may ask for up to ${MAX_ID_LIST} at once, as the admin UI's list views do to fill in relationship columns`, async () => {
    const ids = await contactIds(CONTACTS)
    // What Payload's admin UI sends for the titles of a list view's relationship column.
    const body = (await expectServed(`/api/contacts?depth=0&draft=true&limit=${MAX_ID_LIST}&locale=en&where[id][in]=${ids.join(',')}`, users.editor.token)) as ListBody<unknown>
    expect(body.docs).toHaveLength(CONTACTS)
    const combined = (await expectServed(`/api/contacts?limit=${MAX_ID_LIST}&where[and][0][id][in]=${ids.slice(0, 3).join(',')}&where[and][1][visible][equals]=true`)) as ListBody<unknown>
    expect(combined.docs).toHaveLength(3)
  })

  it(`keeps the limit of ${MAX_LIMIT} for any other read, and for more than ${MAX_ID_LIST} ids`, async () => {
    await expectRefused(`/api/contacts?limit=${MAX_ID_LIST}`, /limit must be a whole number from 1 to 100/)
    await expectRefused(`/api/contacts?limit=${MAX_ID_LIST}&where[or][0][id][in]=${(await contactIds(2)).join(',')}&where[or][1][visible][equals]=true`, /limit must be a whole number from 1 to 100/)
    await expectRefused(`/api/contacts?limit=${MAX_ID_LIST + 1}&where[id][in]=${(await contactIds(3)).join(',')}`, /limit must be a whole number from 1 to 250/)
    await expectRefused(`/api/contacts?limit=${MAX_ID_LIST}&where[id][in]=${(await contactIds(MAX_ID_LIST + 1)).join(',')}`, /limit must be a whole number from 1 to 100/)
  })
})

describe('versions and joins', () => {
  it('caps the versions endpoints the same way', async () => {
    const token = users.editor.token
    await expectServed('/api/articles/versions?limit=100', token)
    await expectRefused('/api/articles/versions?limit=1000', /limit/, token)
    await expectRefused('/api/articles/versions?pagination=false', /every document/, token)
    await expectRefused('/api/articles/versions?depth=5', /depth/, token)
  })

  it('caps the size of joined lists', async () => {
    const body = (await expectServed(`/api/authors/${author.id}?joins[articles][limit]=5`)) as { articles: { docs: unknown[] } }
    expect(body.articles.docs).toHaveLength(1)
    await expectRefused(`/api/authors/${author.id}?joins[articles][limit]=1000`, /joins\[articles\]\[limit\] must be a whole number from 1 to 100/)
    await expectRefused('/api/authors?joins[articles][limit]=0', /joins\[articles\]\[limit\]/)
    await expectRefused('/api/authors?joins[articles][page]=20000', /joins\[articles\]\[page\]/)
  })
})
