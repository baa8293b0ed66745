import { configToSchema } from '@payloadcms/graphql'
import { GRAPHQL_POST } from '@payloadcms/next/routes'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { getIntrospectionQuery, parse, validate, type GraphQLSchema } from 'graphql'
import type { SanitizedConfig } from 'payload'

import { withBadRequestStatus } from '../../src/graphql/badRequestStatus'
import { queryCosts } from '../../src/graphql/queryCost'
import { graphqlValidationRules } from '../../src/graphql/validationRules'
import { ConfigurationError } from '../../src/settings/configurationError'
import { readGraphqlLimits } from '../../src/settings/environment'
import type { Article, Author, Section } from '../../src/payload-types'
import { JournalContent } from '../helpers/journalContent'
import { readJson } from '../helpers/responses'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'

/**
 * GraphQL limits: nesting depth, cost (aliases and list sizes counted), the
 * same list caps as REST, introspection only where allowed. A query over a
 * limit is refused whole, before it runs, with a 400 and a message.
 */

let suite: SuiteContext
let content: JournalContent
let schema: GraphQLSchema
let section: Section
let author: Author
let article: Article

type GraphqlBody = { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string }; message: string }[] }

/** The GraphQL route as the server answers it: Payload's handler, refusals turned into 400s. */
let answer: (request: Request) => Promise<Response>

function graphqlRequest(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Request {
  return new Request(`${suite.rest.serverUrl}/api/graphql`, {
    body: JSON.stringify({ query, variables }),
    headers: { 'Content-Type': 'application/json', ...headers },
    method: 'POST',
  })
}

async function ask(query: string, variables: Record<string, unknown> = {}): Promise<{ body: GraphqlBody; status: number }> {
  return readJson<GraphqlBody>(answer(graphqlRequest(query, variables)))
}

async function expectRefused(query: string, message: RegExp, variables: Record<string, unknown> = {}): Promise<void> {
  const { body, status } = await ask(query, variables)
  expect(status).toBe(400)
  expect(body.data).toBeUndefined()
  expect(body.errors?.map((error) => error.message).join('\n')).toMatch(message)
}

async function expectAnswered(query: string, variables: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const { body, status } = await ask(query, variables)
  expect(body.errors).toBeUndefined()
  expect(status).toBe(200)
  return body.data ?? {}
}

const ARTICLE_PAGE = `query ArticlePage($slug: String!) {
  Articles(where: { slug: { equals: $slug } }, limit: 1) {
    docs {
      title subtitle slug lead body authorNote keywords publishedAt readingTime availableLocales
      featuredImage { url alt width height sizes { hero { url width height } } }
      authors { name slug position affiliation photo { url alt sizes { thumbnail { url } } } }
      section { title slug breadcrumbs { label url } }
    }
  }
}`

const HOME_LIST = `query Home {
  Articles(limit: 100, sort: "-publishedAt") {
    docs {
      title slug lead publishedAt availableLocales
      authors { name slug }
      section { title slug }
      featuredImage { url alt sizes { card { url } } }
    }
    totalDocs hasNextPage
  }
}`

const AUTHOR_PAGE = `query AuthorPage($slug: String!) {
  Authors(where: { slug: { equals: $slug } }, limit: 1) {
    docs {
      name slug position affiliation bio photo { url alt }
      articles(limit: 20) { docs { title slug publishedAt } hasNextPage }
    }
  }
}`

/** The same expensive list under many names. */
function aliasBomb(copies: number): string {
  const list = 'Articles(limit: 100) { docs { title authors { name } } }'
  return `{ ${Array.from({ length: copies }, (_, index) => `a${index}: ${list}`).join(' ')} }`
}

beforeAll(async () => {
  suite = await startPayloadForSuite('graphql-limits')
  content = new JournalContent(suite.payload)
  section = await content.section({ title: 'Journals' })
  author = await content.author({ name: 'Li Wei' })
  article = await content.article({ authors: [author.id], section: section.id, title: 'An article' })
  schema = configToSchema(suite.config).schema
  answer = withBadRequestStatus(GRAPHQL_POST(suite.config) as (request: Request) => Promise<Response>)
})

afterAll(async () => {
  await suite?.close()
})

describe('the website’s page queries', () => {
  it('are answered, each well under the cost limit', async () => {
    const limits = readGraphqlLimits(process.env)
    const costs = {
      ...queryCosts(schema, parse(ARTICLE_PAGE)),
      ...queryCosts(schema, parse(HOME_LIST)),
      ...queryCosts(schema, parse(AUTHOR_PAGE)),
    }
    for (const cost of Object.values(costs)) expect(cost).toBeLessThan(limits.maxComplexity / 2)
    const page = (await expectAnswered(ARTICLE_PAGE, { slug: article.slug })) as { Articles: { docs: { title: string }[] } }
    expect(page.Articles.docs[0].title).toBe('An article')
    await expectAnswered(HOME_LIST)
    const authorPage = (await expectAnswered(AUTHOR_PAGE, { slug: author.slug })) as { Authors: { docs: { articles: { docs: unknown[] } }[] } }
    expect(authorPage.Authors.docs[0].articles.docs).toHaveLength(1)
  })
})

describe('depth', () => {
  const nested = (levels: number) => {
    // Articles > docs > section > parent > parent > … > title
    let inner = 'title'
    for (let level = 0; level < levels; level++) inner = `parent { ${inner} }`
    return `{ Articles(limit: 1) { docs { section { ${inner} } } } }`
  }

  it(`a query nested up to GRAPHQL_MAX_DEPTH (${readGraphqlLimits(process.env).maxDepth}) is answered, a deeper one refused`, async () => {
    const { maxDepth } = readGraphqlLimits(process.env)
    // Articles, docs, section and title are 4 levels; each parent adds one.
    await expectAnswered(nested(maxDepth - 4))
    await expectRefused(nested(maxDepth - 3), new RegExp(`nested ${maxDepth + 1} fields deep; the most allowed is ${maxDepth}`))
  })

  it('fragments do not hide depth', async () => {
    const { maxDepth } = readGraphqlLimits(process.env)
    let fragments = 'fragment F0 on Section { title }'
    for (let level = 1; level <= maxDepth; level++) fragments += ` fragment F${level} on Section { parent { ...F${level - 1} } }`
    await expectRefused(`{ Articles(limit: 1) { docs { section { ...F${maxDepth} } } } } ${fragments}`, /nested \d+ fields deep/)
  })
})

describe('cost', () => {
  it('counts aliases: the same expensive list asked for under many names is refused', async () => {
    const { maxComplexity } = readGraphqlLimits(process.env)
    const oneCopy = queryCosts(schema, parse(aliasBomb(1)))['']
    const copies = Math.floor(maxComplexity / oneCopy) + 1
    await expectAnswered(aliasBomb(copies - 1))
    await expectRefused(aliasBomb(copies), new RegExp(`the most allowed is ${maxComplexity}`))
  })

  it('counts list sizes: a smaller limit costs less', () => {
    const cost = (limit: number) => queryCosts(schema, parse(`{ Articles(limit: ${limit}) { docs { title authors { name } } } }`))['']
    expect(cost(100)).toBeGreaterThan(cost(10) * 9)
    expect(queryCosts(schema, parse('query ($n: Int) { Articles(limit: $n) { docs { title } } }'), { n: 50 })['']).toBe(
      queryCosts(schema, parse('{ Articles(limit: 50) { docs { title } } }'))[''],
    )
  })

  it('a batch of operations in one request is refused', async () => {
    const request = new Request(`${suite.rest.serverUrl}/api/graphql`, {
      body: JSON.stringify([{ query: '{ Articles { totalDocs } }' }, { query: '{ Authors { totalDocs } }' }]),
      headers: { 'Content-Type': 'application/json' },
      method: 'POST',
    })
    const { body, status } = await readJson<GraphqlBody>(answer(request))
    expect(status).toBe(400)
    expect(body.data).toBeUndefined()
    expect(body.errors?.[0].message).toEqual(expect.any(String))
  })
})

describe('list arguments, as over REST', () => {
  it('refuses a limit over 100 or of 0, pagination: false, a page past 10000', async () => {
    await expectRefused('{ Articles(limit: 101) { docs { title } } }', /Articles: limit must be a whole number from 1 to 100 \(got 101\)/)
    await expectRefused('{ Contacts(limit: 0) { docs { name } } }', /limit must be a whole number from 1 to 100 \(got 0\)/)
    await expectRefused('query ($n: Int) { Sections(limit: $n) { docs { title } } }', /got 1000/, { n: 1000 })
    await expectRefused('{ Authors(pagination: false) { docs { name } } }', /pagination cannot be turned off/)
    await expectRefused('{ Articles(page: 10001) { docs { title } } }', /page must be a whole number from 1 to 10000/)
    await expectRefused('{ versionsArticles(limit: 500) { docs { id } } }', /limit must be a whole number/)
  })

  it('a join needs a limit (GraphQL would otherwise return all its documents), at most 100', async () => {
    await expectRefused('{ Authors(limit: 1) { docs { articles { docs { title } } } } }', /articles: give a limit from 1 to 100/)
    await expectRefused('{ Authors(limit: 1) { docs { articles(limit: 1000) { docs { title } } } } }', /limit must be a whole number from 1 to 100/)
    const counted = (await expectAnswered(`{ Authors(limit: 1) { docs { articles(count: true, limit: 0) { totalDocs } } } }`)) as {
      Authors: { docs: { articles: { totalDocs: number } }[] }
    }
    expect(counted.Authors.docs[0].articles.totalDocs).toBe(1)
    const page = (await expectAnswered('{ Authors(limit: 1) { docs { articles(limit: 100) { docs { title } hasNextPage } } } }')) as {
      Authors: { docs: { articles: { docs: unknown[]; hasNextPage: boolean } }[] }
    }
    expect(page.Authors.docs[0].articles).toEqual({ docs: [{ title: 'An article' }], hasNextPage: false })
  })

  it('refuses a rich-text depth over 3', async () => {
    await expectRefused('{ Articles(limit: 1) { docs { body(depth: 9) } } }', /depth must be a whole number from 0 to 3/)
    await expectAnswered('{ Articles(limit: 1) { docs { body(depth: 3) } } }')
  })
})

describe('the status of a refusal', () => {
  it('Payload’s handler answers a refused query with 200 to clients accepting application/json; the wrapper makes it 400', async () => {
    const raw = GRAPHQL_POST(suite.config) as (request: Request) => Promise<Response>
    const query = '{ Articles(limit: 1000) { docs { title } } }'
    expect((await raw(graphqlRequest(query))).status).toBe(200)
    expect((await raw(graphqlRequest(query, {}, { Accept: 'application/graphql-response+json' }))).status).toBe(400)
    const wrapped = await answer(graphqlRequest(query))
    expect(wrapped.status).toBe(400)
    expect(wrapped.headers.get('content-type')).toMatch(/application\/json/)
  })

  it('a query that ran keeps its 200, even with errors in some fields', async () => {
    const { body, status } = await ask('mutation { updateSite(data: { siteName: "Anonymous" }) { siteName } }')
    expect(status).toBe(200)
    expect(body.errors?.[0].message).toMatch(/not allowed/i)
    expect(body).toHaveProperty('data')
  })
})

describe('introspection', () => {
  it('is on outside production, and the standard introspection query fits the limits', async () => {
    expect(readGraphqlLimits(process.env).introspection).toBe(true)
    const data = (await expectAnswered(getIntrospectionQuery())) as { __schema: { queryType: { name: string } } }
    expect(data.__schema.queryType.name).toBe('Query')
  })

  it('GRAPHQL_INTROSPECTION=false refuses __schema and __type, and nothing else', async () => {
    const rules = graphqlValidationRules({ ...readGraphqlLimits(process.env), introspection: false })({ document: parse('{ x }'), schema })
    const errors = (query: string) => validate(schema, parse(query), rules).map((error) => error.message)
    expect(errors('{ __schema { queryType { name } } }').join()).toMatch(/introspection has been disabled/)
    expect(errors('{ __type(name: "Article") { name } }').join()).toMatch(/introspection has been disabled/)
    expect(errors('{ Articles(limit: 1) { docs { title __typename } } }')).toEqual([])
  })

  it('GRAPHQL_INTROSPECTION=false refuses it over HTTP too', async () => {
    const cache = (globalThis as { _payload_graphql?: { graphql: unknown; promise: unknown } })._payload_graphql
    const limits = { ...readGraphqlLimits(process.env), introspection: false }
    const closed: SanitizedConfig = { ...suite.config, graphQL: { ...suite.config.graphQL, validationRules: graphqlValidationRules(limits) } }
    const reset = () => {
      if (cache) Object.assign(cache, { graphql: null, promise: null })
    }
    reset()
    try {
      const handler = withBadRequestStatus(GRAPHQL_POST(closed) as (request: Request) => Promise<Response>)
      const { body, status } = await readJson<GraphqlBody>(handler(graphqlRequest('{ __schema { queryType { name } } }')))
      expect(status).toBe(400)
      expect(body.errors?.[0].message).toMatch(/introspection has been disabled/)
    } finally {
      reset()
    }
  })
})

describe('settings', () => {
  function errorOf(env: Record<string, string>): string {
    try {
      readGraphqlLimits(env)
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError)
      return (error as Error).message
    }
    throw new Error('expected a ConfigurationError')
  }

  it('default: introspection on in development, off in production unless turned on', () => {
    expect(readGraphqlLimits({})).toEqual({ introspection: true, maxComplexity: 10_000, maxDepth: 10 })
    expect(readGraphqlLimits({ NODE_ENV: 'production' }).introspection).toBe(false)
    expect(readGraphqlLimits({ GRAPHQL_INTROSPECTION: 'true', NODE_ENV: 'production' }).introspection).toBe(true)
    expect(readGraphqlLimits({ GRAPHQL_INTROSPECTION: 'false' }).introspection).toBe(false)
    expect(readGraphqlLimits({ GRAPHQL_MAX_COMPLEXITY: '5000', GRAPHQL_MAX_DEPTH: '8' })).toMatchObject({ maxComplexity: 5000, maxDepth: 8 })
  })

  it('a bad value stops the start with one line naming the setting', () => {
    expect(errorOf({ GRAPHQL_INTROSPECTION: 'yes' })).toMatch(/^GRAPHQL_INTROSPECTION must be true or false/)
    expect(errorOf({ GRAPHQL_MAX_COMPLEXITY: '0' })).toMatch(/^GRAPHQL_MAX_COMPLEXITY must be a whole number/)
    expect(errorOf({ GRAPHQL_MAX_DEPTH: 'deep' })).toMatch(/^GRAPHQL_MAX_DEPTH must be a whole number/)
  })
})
