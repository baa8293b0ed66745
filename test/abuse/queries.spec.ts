import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { MAX_EXPANDED_FIELDS } from '../../src/graphql/fragmentExpansion'
import { MAX_WHERE_CONDITIONS, MAX_WHERE_DEPTH, MAX_WHERE_VALUES } from '../../src/hooks/checkWhereQueries'
import type { Article } from '../../src/payload-types'
import { JournalContent } from '../helpers/journalContent'
import { lexicalDocument } from '../helpers/lexical'
import { recordDatabaseCommands } from '../helpers/databaseCommands'
import { readJson } from '../helpers/responses'
import { createRoleUsers, tokenOf, type RoleUsers, type Viewer } from '../helpers/roleUsers'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'

/**
 * Abusive `where` queries over REST and GraphQL: filters on fields the
 * caller cannot read, operators that are not Payload's, malformed shapes,
 * prototype keys, and queries nested or long enough to tie up the server.
 * Each is answered quickly with a 4xx and a JSON message, and none changes
 * a document.
 */

let suite: SuiteContext
let users: RoleUsers
let article: Article
let content: JournalContent

const LEGACY_SOURCE = 'old-site/politics/secret-page-title'
const REVIEW_COMMENT = 'Confidential: check the second source'
const SEEDED_BY = 'directory-seed-2024'
/**
 * A refusal must come before the query runs: while the request is answered,
 * the database is asked nothing but who the caller is (a signed-in viewer's
 * account). Counted, not timed, so a busy machine cannot make it fail.
 */
async function answeredBeforeRunning<T>(request: () => Promise<T>): Promise<T> {
  const { commands, result } = await recordDatabaseCommands(suite.payload, request)
  expect(commands.filter((command) => command.collection !== undefined && command.collection !== 'users').map((command) => command.text)).toEqual([])
  return result
}

type ErrorBody = { errors: { message: string }[] }
type ListBody = { docs: { id: string }[]; totalDocs: number }

beforeAll(async () => {
  suite = await startPayloadForSuite('abuse-queries', { monitorCommands: true })
  users = await createRoleUsers(suite, 'abuse')
  content = new JournalContent(suite.payload)
  const section = await content.section({ title: 'World affairs' })
  const author = await content.author({ name: 'Li Wei' })
  article = await content.article({ authors: [author.id], section: section.id, title: 'Maritime order' })
  await suite.payload.update({
    collection: 'articles',
    data: {
      createdBy: users.contributor.id,
      legacySource: LEGACY_SOURCE,
      reviewComments: [{ text: REVIEW_COMMENT }],
    },
    id: article.id,
    overrideAccess: true,
  })
  await content.article({ authors: [author.id], section: section.id, title: 'Another article' })
  await content.contact({ name: 'Reception', seededBy: SEEDED_BY })
  await content.contact({ name: 'Switchboard' })
})

afterAll(async () => {
  await suite?.close()
})

/** Every stored document of the collections a query could touch, as the database holds them. */
async function snapshot(): Promise<string> {
  const all: Record<string, unknown> = {}
  for (const collection of ['articles', 'authors', 'sections', 'contacts', 'users'] as const) {
    all[collection] = (await suite.payload.find({ collection, depth: 0, draft: true, overrideAccess: true, pagination: false, sort: 'id' })).docs
  }
  all.versions = (await suite.payload.countVersions({ collection: 'articles', overrideAccess: true })).totalDocs
  return JSON.stringify(all)
}

async function expectRefused(
  method: 'delete' | 'get' | 'patch',
  path: string,
  status: number,
  message: RegExp,
  viewer: Viewer = 'anonymous',
): Promise<void> {
  const options = { body: method === 'patch' ? { title: 'Overwritten by a query' } : undefined, token: tokenOf(users, viewer) }
  const response = await answeredBeforeRunning(() => suite.rest[method](path as `/api/${string}`, options))
  expect(response.headers.get('content-type')).toMatch(/application\/json/)
  const { body } = await readJson<ErrorBody>(response)
  expect({ path, status: response.status }).toEqual({ path, status })
  expect(body.errors[0].message).toMatch(message)
}

/** `where` given whole, as JSON, the way Payload also reads it. */
function jsonWhere(where: unknown): string {
  return `where=${encodeURIComponent(JSON.stringify(where))}`
}

function nestedWhere(levels: number, key = 'or'): Record<string, unknown> {
  let where: Record<string, unknown> = { title: { equals: 'Maritime order' } }
  for (let level = 0; level < levels; level++) where = { [key]: [where] }
  return where
}

describe('filters on fields the caller cannot read', () => {
  // Payload refuses them with 400, naming the field, before any document is looked at: the
  // answer is the same whether the guessed value is right or wrong, so nothing can be probed.
  it('anonymous readers cannot filter articles by createdBy, reviewComments or legacySource, right guess or wrong', async () => {
    const before = await snapshot()
    const filters = [
      ['createdBy', `where[createdBy][equals]=${users.contributor.id}`, 'where[createdBy][equals]=000000000000000000000000'],
      ['createdBy', 'where[createdBy][exists]=true', 'where[createdBy][exists]=false'],
      ['reviewComments.text', `where[reviewComments.text][like]=${encodeURIComponent('Confidential')}`, 'where[reviewComments.text][like]=nothing'],
      ['legacySource', `where[legacySource][equals]=${encodeURIComponent(LEGACY_SOURCE)}`, 'where[legacySource][equals]=wrong'],
      ['legacySource', 'where[or][0][legacySource][like]=secret&where[or][1][title][equals]=x', 'where[or][0][legacySource][like]=absent&where[or][1][title][equals]=x'],
      ['withheldLocales', 'where[withheldLocales][in]=zh', 'where[withheldLocales][in]=en'],
    ] as const
    for (const [field, right, wrong] of filters) {
      for (const query of [right, wrong]) {
        await expectRefused('get', `/api/articles?${query}`, 400, new RegExp(`cannot be queried: ${field.replace('.', '\\.')}`))
        await expectRefused('get', `/api/articles/count?${query}`, 400, /cannot be queried/)
      }
    }
    expect(await snapshot()).toBe(before)
  })

  it('contacts staff and contributors cannot filter articles by where they were imported from', async () => {
    for (const viewer of ['contacts', 'contributor'] as const) {
      await expectRefused('get', `/api/articles?where[legacySource][exists]=true`, 400, /cannot be queried: legacySource/, viewer)
    }
  })

  it('the same filters are refused over GraphQL, with no data', async () => {
    for (const where of ['{ createdBy: { exists: true } }', '{ legacySource: { like: "secret" } }', '{ OR: [{ reviewComments__text: { like: "Confidential" } }] }']) {
      const { body } = await readJson<{ data?: { Articles: unknown } | null; errors?: { message: string }[] }>(
        suite.rest.graphql(`{ Articles(where: ${where}, limit: 10) { docs { title } } }`),
      )
      expect(body.errors?.[0].message).toMatch(/cannot be queried|not defined/)
      expect(body.data?.Articles ?? null).toBeNull()
    }
  })

  // A join field answers from the joined documents as stored: `in` with guessed ids found a hidden
  // draft's author in a few requests, and `exists` was ignored.
  it('readers cannot filter by a join field (authors by their articles): refused, right guess or wrong; editors can', async () => {
    const author = await content.author({ name: 'Hidden Draft Author' })
    const section = await content.section({ title: 'Drafts only' })
    const draft = await content.article({ _status: 'draft', authors: [author.id], section: section.id, title: 'A secret draft' })
    const guesses = [
      `where[articles][equals]=${draft.id}`,
      'where[articles][equals]=aaaaaaaaaaaaaaaaaaaaaaaa',
      `where[articles][in]=${draft.id},aaaaaaaaaaaaaaaaaaaaaaaa`,
      'where[articles][exists]=true',
      `where[or][0][name][equals]=x&where[or][1][articles][equals]=${draft.id}`,
      `where[articles.title][equals]=${encodeURIComponent('A secret draft')}`,
    ]
    for (const viewer of ['anonymous', 'contacts', 'contributor'] as const) {
      for (const query of guesses) {
        await expectRefused('get', `/api/authors?depth=0&${query}`, 400, /^The following path cannot be queried: articles/, viewer)
      }
      await expectRefused('get', `/api/authors/count?where[articles][equals]=${draft.id}`, 400, /cannot be queried/, viewer)
    }
    const overGraphql = await readJson<{ data?: unknown; errors?: { message: string }[] }>(
      suite.rest.graphql(`{ Authors(where: { articles: { equals: "${draft.id}" } }) { docs { name } } }`),
    )
    expect(JSON.stringify(overGraphql.body)).not.toMatch(/Hidden Draft Author/)

    const asEditor = await readJson<ListBody>(suite.rest.get(`/api/authors?depth=0&where[articles][equals]=${draft.id}` as `/api/${string}`, { token: users.editor.token }))
    expect(asEditor.status).toBe(200)
    expect(asEditor.body.docs.map((doc) => doc.id)).toEqual([author.id])
  })

  it('anonymous readers cannot filter contacts by who seeded them; directory staff can', async () => {
    await expectRefused('get', `/api/contacts?where[seededBy][equals]=${SEEDED_BY}`, 400, /cannot be queried: seededBy/)
    await expectRefused('get', `/api/contacts?where[seededBy][exists]=false`, 400, /cannot be queried: seededBy/)
    const { body, status } = await readJson<ListBody>(suite.rest.get(`/api/contacts?where[seededBy][equals]=${SEEDED_BY}`, { token: users.contacts.token }))
    expect(status).toBe(200)
    expect(body.totalDocs).toBe(1)
  })

  it('users: anonymous callers are refused whatever they filter by; staff only ever find themselves', async () => {
    for (const query of [`where[email][equals]=${encodeURIComponent(users.admin.email)}`, 'where[roles][in]=admin', 'where[email][like]=abuse']) {
      await expectRefused('get', `/api/users?${query}`, 403, /not allowed/)
    }
    for (const viewer of ['contacts', 'editor', 'contributor'] as const) {
      const probes = [`where[email][equals]=${encodeURIComponent(users.admin.email)}`, 'where[roles][in]=admin', 'where[email][like]=admin']
      for (const query of probes) {
        const { body, status } = await readJson<ListBody>(suite.rest.get(`/api/users?${query}` as `/api/${string}`, { token: users[viewer].token }))
        expect({ query, status, totalDocs: body.totalDocs }).toEqual({ query, status: 200, totalDocs: 0 })
      }
      const own = await readJson<ListBody>(suite.rest.get(`/api/users?where[roles][in]=${viewer}`, { token: users[viewer].token }))
      expect(own.body.docs.map((doc) => doc.id)).toEqual([users[viewer].id])
    }
  })
})

describe('sorting', () => {
  it('treats an empty sort as the default order instead of failing', async () => {
    for (const collection of ['articles', 'sections', 'contacts', 'media', 'authors']) {
      const response = await suite.rest.get(`/api/${collection}?sort=&depth=0&limit=5` as `/api/${string}`)
      expect({ collection, status: response.status }).toEqual({ collection, status: 200 })
    }
  })

  it('refuses a sort that cannot name a field with 400 and a message', async () => {
    for (const sort of ['%F2%BB%95%A7%C3%92%09', 'title%3B', '%24where', 'a..b']) {
      const response = await suite.rest.get(`/api/contacts?sort=${sort}&depth=0` as `/api/${string}`)
      expect({ sort, status: response.status }).toEqual({ sort, status: 400 })
      const { errors } = (await response.json()) as { errors: { message: string }[] }
      expect(errors[0].message).toMatch(/^sort must name fields/)
    }
    const fine = await suite.rest.get('/api/articles?sort=-publishedAt,title&depth=0&limit=5')
    expect(fine.status).toBe(200)
  })
})

describe('select', () => {
  it('refuses keys that cannot name a field and values other than true or false, with 400', async () => {
    for (const select of ['select%5B%F2%B9%AF%A4%3C%5D=true', 'select%5Btitle%5D=%C3%9C', 'select%5B%40x%5D%5B%29%5D=true']) {
      const response = await suite.rest.get(`/api/contacts?${select}&depth=0` as `/api/${string}`)
      expect({ select, status: response.status }).toEqual({ select, status: 400 })
    }
    const fine = await suite.rest.get('/api/contacts?select[name]=true&depth=0')
    expect(fine.status).toBe(200)
  })
})

describe('operators that are not Payload’s', () => {
  it('MongoDB operators and unknown names are refused with 400, over lists, counts, updates and deletes', async () => {
    const before = await snapshot()
    const queries = [
      'where[title][$where]=sleep(1000)',
      'where[title][$regex]=.*',
      'where[title][$ne]=x',
      'where[title][$gt]=',
      'where[title][bogus]=x',
      'where[title][equals][$ne]=x',
    ]
    for (const query of queries) {
      await expectRefused('get', `/api/articles?${query}`, 400, /is not an operator|must be a single value/)
      await expectRefused('get', `/api/articles/count?${query}`, 400, /is not an operator|must be a single value/)
      await expectRefused('patch', `/api/articles?${query}`, 400, /is not an operator|must be a single value/, 'editor')
      await expectRefused('delete', `/api/articles?${query}`, 400, /is not an operator|must be a single value/, 'editor')
    }
    await expectRefused('get', '/api/articles?where[$or][0][title][equals]=x', 400, /where\[\$or\] must name an operator/)
    await expectRefused('get', `/api/articles?${jsonWhere({ $where: 'this.title' })}`, 400, /where\[\$where\] must name an operator/)
    await expectRefused('get', `/api/articles?${jsonWhere({ title: { $regex: '^M' } })}`, 400, /"\$regex" is not an operator/)
    expect(await snapshot()).toBe(before)
  })

  it('the same over GraphQL: the schema has no such operators', async () => {
    const { body, status } = await readJson<ErrorBody>(suite.rest.graphql('{ Articles(where: { title: { _regex: ".*" } }) { docs { title } } }'))
    expect(status).toBe(400)
    expect(body.errors[0].message).toMatch(/_regex|must name an operator/)
  })
})

describe('malformed where', () => {
  // These reached the database and failed there with a 500 ("$in needs an array" and the like).
  const malformed = [
    ['where[missingLocales][in][e]=en', /where\[missingLocales\]\[in\] must be a value or a list of values/],
    ['where[title][in][e]=en', /must be a value or a list of values/],
    ['where[id][in][a]=b', /must be a value or a list of values/],
    ['where[authors][in][a]=b', /must be a value or a list of values/],
    ['where[title][equals][e]=en', /where\[title\]\[equals\] must be a single value/],
    ['where[publishedAt][greater_than][a]=b', /must be a single value/],
    ['where[title][like][a]=b', /must be a single value/],
    ['where[title][exists][a]=b', /where\[title\]\[exists\] must be true or false/],
    ['where[title][exists]=maybe', /must be true or false/],
    ['where[title][near]=1,2', /near\] works only on point fields/],
    ['where[title][within][type]=Polygon', /within\] works only on point fields/],
    ['where[title]=x', /where\[title\] must name an operator/],
    ['where[or]=x', /where\[or\] must be a list of conditions/],
    ['where[or][0]=x', /where\[or\]\[0\] must be an object of conditions/],
    ['where=x', /where must be JSON/],
    ['where={"title":', /where must be JSON/],
    ['where=[1,2]', /where must be an object of conditions/],
    ['where="text"', /where must be an object of conditions/],
    ['joins[articles][where][title][in][a]=b', /joins\[articles\]\[where\]\[title\]\[in\] must be a value or a list of values/],
  ] as const

  it('a malformed where is answered 400 with a message naming the part at fault, not 500', async () => {
    for (const [query, message] of malformed) {
      const collection = query.startsWith('joins') ? 'authors' : 'articles'
      await expectRefused('get', `/api/${collection}?${query}`, 400, message)
      // A count has no joins.
      if (collection === 'articles') await expectRefused('get', `/api/${collection}/count?${query}`, 400, message)
    }
  })

  it('updates and deletes by a malformed query change nothing', async () => {
    const before = await snapshot()
    for (const [query, message] of malformed) {
      if (query.startsWith('joins')) continue
      await expectRefused('patch', `/api/articles?${query}`, 400, message, 'editor')
      await expectRefused('delete', `/api/articles?${query}`, 400, message, 'editor')
    }
    expect(await snapshot()).toBe(before)
  })

  it('sound queries of the same kinds are still answered', async () => {
    for (const query of [
      'where[missingLocales][in]=zh',
      'where[missingLocales][in][0]=zh&where[missingLocales][in][1]=en',
      'where[title][equals]=Maritime%20order',
      'where[title][exists]=true',
      `where[id][in]=${article.id}`,
      `${jsonWhere({ or: [{ title: { like: 'maritime' } }, { title: { equals: 'none' } }] })}`,
      'where=',
    ]) {
      const { body, status } = await readJson<ListBody>(suite.rest.get(`/api/articles?${query}` as `/api/${string}`))
      expect({ query, status }).toEqual({ query, status: 200 })
      expect(body.totalDocs).toBeGreaterThan(0)
    }
  })
})

describe('prototype keys', () => {
  it('__proto__, constructor and prototype in query strings are ignored by the parser or refused, and pollute nothing', async () => {
    const before = await snapshot()
    const ignored = [
      '__proto__[polluted]=yes',
      'constructor[prototype][polluted]=yes',
      'where[__proto__][polluted]=yes',
      'where[title][__proto__][polluted]=yes',
      'where[constructor][equals]=x',
    ]
    for (const query of ignored) {
      const { body, status } = await readJson<ListBody>(suite.rest.get(`/api/articles?${query}` as `/api/${string}`))
      // The query-string parser drops these keys: the answer is the unfiltered list.
      expect({ query, status, totalDocs: body.totalDocs }).toEqual({ query, status: 200, totalDocs: 2 })
    }
    await expectRefused('get', `/api/articles?${jsonWhere({ constructor: { equals: 'x' } })}`, 400, /where may not name "constructor"/)
    await expectRefused('get', `/api/articles?where[or][0][prototype][equals]=x`, 400, /may not name "prototype"/)
    await expectRefused('get', `/api/articles?${jsonWhere(JSON.parse('{"__proto__": {"polluted": {"equals": "yes"}}}'))}`, 400, /may not name "__proto__"/)
    await expectRefused(
      'patch',
      `/api/articles?${jsonWhere(JSON.parse('{"or": [{"__proto__": {"polluted": "yes"}}]}'))}`,
      400,
      /may not name "__proto__"/,
      'editor',
    )
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.prototype).not.toHaveProperty('polluted')
    expect(await snapshot()).toBe(before)
  })
})

describe('deeply nested and very long where', () => {
  it(`a where nested ${MAX_WHERE_DEPTH} levels deep is answered; one level more, or hundreds, is refused quickly`, async () => {
    const answered = await readJson<ListBody>(suite.rest.get(`/api/articles?${jsonWhere(nestedWhere(MAX_WHERE_DEPTH))}` as `/api/${string}`))
    expect(answered.status).toBe(200)
    expect(answered.body.totalDocs).toBe(1)
    const refused = new RegExp(`nested more than ${MAX_WHERE_DEPTH} levels deep`)
    await expectRefused('get', `/api/articles?${jsonWhere(nestedWhere(MAX_WHERE_DEPTH + 1))}`, 400, refused)
    await expectRefused('get', `/api/articles?${jsonWhere(nestedWhere(500, 'and'))}`, 400, refused)
    await expectRefused('get', `/api/articles/count?${jsonWhere(nestedWhere(500))}`, 400, refused)
    const before = await snapshot()
    await expectRefused('patch', `/api/articles?${jsonWhere(nestedWhere(300))}`, 400, refused, 'editor')
    await expectRefused('delete', `/api/articles?${jsonWhere(nestedWhere(300))}`, 400, refused, 'editor')
    expect(await snapshot()).toBe(before)
  })

  it('nesting in the query string is cut off by the parser, and refused too', async () => {
    const key = `where${'[or][0]'.repeat(300)}[title][equals]`
    await expectRefused('get', `/api/articles?${encodeURIComponent(key)}=x`, 400, /./)
  })

  it(`at most ${MAX_WHERE_CONDITIONS} conditions, and ${MAX_WHERE_VALUES} values in one list`, async () => {
    const conditions = (count: number) => ({ or: Array.from({ length: count }, (_, index) => ({ title: { equals: `title ${index}` } })) })
    expect((await suite.rest.get(`/api/articles?${jsonWhere(conditions(MAX_WHERE_CONDITIONS))}` as `/api/${string}`)).status).toBe(200)
    await expectRefused('get', `/api/articles?${jsonWhere(conditions(MAX_WHERE_CONDITIONS + 1))}`, 400, new RegExp(`more than ${MAX_WHERE_CONDITIONS} conditions`))
    await expectRefused('get', `/api/articles?${jsonWhere(conditions(5000))}`, 400, /more than \d+ conditions/)
    const values = (count: number) => ({ title: { in: Array.from({ length: count }, (_, index) => `t${index}`) } })
    expect((await suite.rest.get(`/api/articles?${jsonWhere(values(MAX_WHERE_VALUES))}` as `/api/${string}`)).status).toBe(200)
    await expectRefused('get', `/api/articles?${jsonWhere(values(MAX_WHERE_VALUES + 1))}`, 400, new RegExp(`at most ${MAX_WHERE_VALUES} values`))
  })

  it('GraphQL: a where nested hundreds of levels deep, in the query or in a variable, is refused before it runs', async () => {
    let literal = '{ title: { equals: "Maritime order" } }'
    for (let level = 0; level < 300; level++) literal = `{ OR: [${literal}] }`
    for (const [query, variables] of [
      [`{ Articles(where: ${literal}, limit: 1) { docs { title } } }`, {}],
      ['query ($where: Article_where) { Articles(where: $where, limit: 1) { docs { title } } }', { where: nestedWhere(300, 'OR') }],
      ['query ($where: Article_where) { countArticles(where: $where) { totalDocs } }', { where: nestedWhere(MAX_WHERE_DEPTH + 1, 'AND') }],
    ] as const) {
      const { body, status } = await answeredBeforeRunning(() => readJson<{ data?: unknown; errors?: { message: string }[] }>(suite.rest.graphql(query, variables)))
      expect(status).toBe(400)
      expect(body.data).toBeUndefined()
      expect(body.errors?.[0].message).toMatch(new RegExp(`nested more than ${MAX_WHERE_DEPTH} levels deep`))
    }
    const { body, status } = await readJson<{ data?: { Articles: { docs: { title: string }[] } } }>(
      suite.rest.graphql('query ($where: Article_where) { Articles(where: $where, limit: 1) { docs { title } } }', { where: nestedWhere(MAX_WHERE_DEPTH, 'OR') }),
    )
    expect(status).toBe(200)
    expect(body.data?.Articles.docs).toEqual([{ title: 'Maritime order' }])
  })

  it('huge limit, depth and page are refused (the caps of test/delivery/queryLimits.spec.ts), also inside a where request', async () => {
    for (const query of ['limit=1000000', 'depth=1000', 'page=99999999', 'limit[a]=1']) {
      await expectRefused('get', `/api/articles?${query}&where[title][exists]=true`, 400, /must be a whole number/)
    }
  })
})

describe('GraphQL bombs not covered by test/delivery/graphqlLimits.spec.ts', () => {
  async function refusedGraphql(query: string): Promise<{ body: { data?: unknown; errors?: { message: string }[] }; status: number }> {
    return answeredBeforeRunning(() => readJson<{ data?: unknown; errors?: { message: string }[] }>(suite.rest.graphql(query)))
  }

  // Each fragment spreads the one before twice: 40 short lines stand for 2^40 fields. Walking them
  // one by one (as a cost estimate does) held the server for minutes.
  it('bombs: fragments that double at every level are refused before they run', async () => {
    let fragments = 'fragment F0 on Article { title }'
    for (let level = 1; level <= 40; level++) fragments += ` fragment F${level} on Article { ...F${level - 1} ...F${level - 1} }`
    const { body, status } = await refusedGraphql(`{ Articles(limit: 1) { docs { ...F40 } } } ${fragments}`)
    expect(status).toBe(400)
    expect(body.data).toBeUndefined()
    expect(body.errors?.[0].message).toMatch(new RegExp(`fragments are spread out; the most allowed is ${MAX_EXPANDED_FIELDS}`))
  })

  it('bombs: tens of thousands of aliases of a field that costs nothing are refused before they run', async () => {
    const aliases = Array.from({ length: MAX_EXPANDED_FIELDS + 1 }, (_, index) => `a${index}: __typename`).join(' ')
    const { body, status } = await refusedGraphql(`{ ${aliases} }`)
    expect(status).toBe(400)
    expect(body.errors?.[0].message).toMatch(/fragments are spread out|the most allowed/)
  })

  // Two fragments spreading each other: GraphQL's own rules report the cycle, but the cost
  // estimates running beside them followed it until the stack overflowed (a 500, POST and GET).
  it('fragments that spread themselves are refused with 400 and a message naming the cycle, by POST and by GET', async () => {
    const cyclic = 'query { Articles(limit: 1) { docs { ...A } } } fragment A on Article { title ...B } fragment B on Article { ...A }'
    const posted = await refusedGraphql(cyclic)
    expect(posted.status).toBe(400)
    expect(posted.body.errors?.[0].message).toBe('Fragment A spreads itself (A → B → A): a fragment cannot contain itself.')

    const url = `${suite.rest.serverUrl}/api/graphql?query=${encodeURIComponent(cyclic)}`
    const { body, status } = await readJson<ErrorBody>(suite.rest.send(new Request(url)))
    expect(status).toBe(400)
    expect(body.errors[0].message).toMatch(/^Fragment A spreads itself/)

    // A fragment that spreads itself directly, and one no operation uses.
    expect((await refusedGraphql('{ Articles(limit: 1) { docs { ...S } } } fragment S on Article { ...S }')).status).toBe(400)
    expect((await refusedGraphql('{ Articles(limit: 1) { docs { title } } } fragment U on Article { ...V } fragment V on Article { ...U }')).status).toBe(400)
  })

  it('selections nested tens of thousands of levels deep are refused with 400, not a 500', async () => {
    const deep = `{ Articles(limit: 1) { docs { ${'authors { '.repeat(20_000)}name${' }'.repeat(20_000)} } } }`
    const { body, status } = await refusedGraphql(deep)
    expect(status).toBe(400)
    expect(body.errors?.[0].message).toMatch(/nest|deep/i)
  })

  it('bombs: fragments used sensibly are not affected', async () => {
    const { status } = await readJson(suite.rest.graphql('fragment Byline on Article { title authors { name } } { Articles(limit: 5) { docs { ...Byline } } }'))
    expect(status).toBe(200)
  })
})

describe('withheld translations', () => {
  it('readers cannot find an article by the text of a language withheld from them', async () => {
    const section = await content.section({ title: 'Asia' })
    const author = await content.author({ name: 'Zhang San' })
    const withheld = await content.article({ authors: [author.id], body: lexicalDocument(['English body']), lead: 'English lead', section: section.id, title: 'Sea lanes' })
    await suite.payload.update({
      collection: 'articles',
      data: { body: lexicalDocument(['中文正文']), lead: '中文导语', title: '未发布的中文标题', withheldLocales: ['zh'] },
      id: withheld.id,
      locale: 'zh',
      overrideAccess: true,
    })
    const probe = async (query: string, token?: string) => {
      const { body, status } = await readJson<ListBody>(suite.rest.get(`/api/articles?${query}` as `/api/${string}`, { token }))
      expect(status).toBe(200)
      return body.docs.map((doc) => doc.id)
    }
    const right = encodeURIComponent('未发布的中文标题')
    // An editor finds it by its Chinese title; a reader's right guess and wrong guess look the same.
    expect(await probe(`locale=zh&where[title][equals]=${right}`, users.editor.token)).toEqual([withheld.id])
    expect(await probe(`locale=zh&where[title][equals]=${right}`)).toEqual(await probe('locale=zh&where[title][equals]=wrong'))
    expect(await probe(`where[title.zh][equals]=${right}`)).toEqual([])
    expect(await probe(`locale=zh&where[lead][like]=${encodeURIComponent('中文导语')}`)).toEqual([])
  })
})
