import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { configToSchema } from '@payloadcms/graphql'
import { parse, type GraphQLSchema } from 'graphql'

import { DATABASE_COMMAND_COST, MAX_DATABASE_QUERIES } from '../../src/graphql/databaseWork'
import { queryCosts } from '../../src/graphql/queryCost'
import { recordDatabaseCommands } from '../helpers/databaseCommands'
import { SeededJournal } from '../helpers/seededJournal'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'

/**
 * GraphQL's own queries (the search, the website's page queries) run
 * database queries of their own: each is priced by the database commands it
 * runs, and one request may hold only a few of them, aliases included.
 */

let suite: SuiteContext
let schema: GraphQLSchema

beforeAll(async () => {
  suite = await startPayloadForSuite('graphql_database_work', { monitorCommands: true })
  const journal = new SeededJournal(suite.payload)
  await journal.sections()
  await journal.authors()
  await journal.bilingualArticle()
  await journal.englishOnlyArticle()
  schema = configToSchema(suite.config).schema
}, 60_000)

afterAll(async () => {
  await suite?.close()
})

const QUERIES: Record<string, string> = {
  ContactDirectory: 'ContactDirectory { organizations { organization } }',
  Search: 'Search(q: "alliance") { totalDocs docs { title } }',
  WebsiteArticle: 'WebsiteArticle(slug: "us-japan-alliance") { title authors { name } section { title } }',
  WebsiteAuthor: 'WebsiteAuthor(slug: "yuan-zheng") { author { name } articles { totalDocs docs { title } } }',
  WebsiteHome: 'WebsiteHome { latest { title } sections { section { title } articles { title } } }',
  WebsiteRedirect: 'WebsiteRedirect(path: "/en/articles/us-japan-alliance-2018") { to status }',
  WebsiteSection: 'WebsiteSection(slug: "journals") { section { title } children { title } articles { totalDocs docs { title } } }',
}

async function graphqlGet(query: string): Promise<Response> {
  return suite.rest.get(`/api/graphql?query=${encodeURIComponent(query)}`)
}

describe('GraphQL queries that run database queries of their own', () => {
  for (const [name, selection] of Object.entries(QUERIES)) {
    it(`${name} is priced at no fewer database commands than it runs`, async () => {
      const declared = (schema.getQueryType()!.getFields()[name].extensions as { databaseCommands?: number }).databaseCommands
      expect(declared).toEqual(expect.any(Number))
      const { commands } = await recordDatabaseCommands(suite.payload, async () => {
        const response = await graphqlGet(`{ ${selection} }`)
        const body = (await response.json()) as { errors?: unknown }
        expect({ errors: body.errors, status: response.status }).toEqual({ errors: undefined, status: 200 })
      })
      expect(commands.length).toBeGreaterThan(0)
      expect(commands.length).toBeLessThanOrEqual(declared!)
    })
  }

  it(`a request holding more than ${MAX_DATABASE_QUERIES} of them, aliases or fragments, is refused with 400 before anything runs`, async () => {
    const aliased = Array.from({ length: MAX_DATABASE_QUERIES + 1 }, (_, index) => `s${index}: ${QUERIES.Search}`).join(' ')
    const { commands } = await recordDatabaseCommands(suite.payload, async () => {
      const response = await graphqlGet(`{ ${aliased} }`)
      expect(response.status).toBe(400)
      const body = (await response.json()) as { errors: { message: string }[] }
      expect(body.errors[0].message).toMatch(new RegExp(`asks for ${MAX_DATABASE_QUERIES + 1} searches or page queries`))
    })
    expect(commands).toEqual([])
    const viaFragments = await graphqlGet(`query { ...A ...B } fragment A on Query { a1: ${QUERIES.WebsiteHome} a2: ${QUERIES.WebsiteHome} a3: ${QUERIES.WebsiteHome} } fragment B on Query { b1: ${QUERIES.Search} b2: ${QUERIES.Search} b3: ${QUERIES.Search} }`)
    expect(viaFragments.status).toBe(400)
    const allowed = await graphqlGet(`{ ${Array.from({ length: MAX_DATABASE_QUERIES }, (_, index) => `s${index}: ${QUERIES.Search}`).join(' ')} }`)
    expect(allowed.status).toBe(200)
  })

  it('each costs its database commands: 900 aliased searches, once priced at 11 each, now cost far over the limit', () => {
    const cost = (query: string) => queryCosts(schema, parse(query))['']
    expect(cost(`{ ${QUERIES.Search} }`)).toBeGreaterThan(6 * DATABASE_COMMAND_COST)
    const aliased = Array.from({ length: 900 }, (_, index) => `s${index}: ${QUERIES.Search}`).join(' ')
    expect(cost(`{ ${aliased} }`)).toBeGreaterThan(900 * 6 * DATABASE_COMMAND_COST)
  })
})
