import { GRAPHQL_POST, REST_OPTIONS } from '@payloadcms/next/routes'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { createRoleUsers, type RoleUsers } from '../helpers/roleUsers'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'

/**
 * CORS through Payload's REST and GraphQL route handlers: an origin listed
 * in CORS_ORIGINS gets `Access-Control-Allow-Origin: <origin>` with
 * credentials allowed, on answers and errors alike; any other origin gets
 * neither header, so a browser there cannot read the answer. (`Vary: Origin`
 * is added in front of these handlers, by the server: src/lib/httpCaching.ts.)
 */

const WEBSITE = 'https://www.example.org'
const PREVIEW = 'https://preview.example.org'
const REFUSED = ['https://evil.example', 'http://www.example.org', 'https://www.example.org.evil.example', 'null']

let suite: SuiteContext
let users: RoleUsers
let previousOrigins: string | undefined

type Handler = (request: Request, args: { params: Promise<{ slug: string[] }> }) => Promise<Response>
let options: Handler
let graphql: (request: Request) => Promise<Response>

function slugOf(path: string): { params: Promise<{ slug: string[] }> } {
  return { params: Promise.resolve({ slug: path.replace(/^\/api\//, '').split('/').filter(Boolean) }) }
}

function preflight(path: `/api/${string}`, origin: string, method = 'GET'): Promise<Response> {
  const request = new Request(`${suite.rest.serverUrl}${path}`, {
    headers: { 'Access-Control-Request-Headers': 'authorization,content-type', 'Access-Control-Request-Method': method, Origin: origin },
    method: 'OPTIONS',
  })
  return path === '/api/graphql' ? options(request, { params: Promise.resolve(undefined as never) }) : options(request, slugOf(path))
}

function graphqlFrom(origin: string, query = '{ Articles(limit: 1) { totalDocs } }'): Promise<Response> {
  return graphql(
    new Request(`${suite.rest.serverUrl}/api/graphql`, {
      body: JSON.stringify({ query }),
      headers: { 'Content-Type': 'application/json', Origin: origin },
      method: 'POST',
    }),
  )
}

function expectAllowed(response: Response, origin: string): void {
  expect(response.headers.get('access-control-allow-origin')).toBe(origin)
  expect(response.headers.get('access-control-allow-credentials')).toBe('true')
}

function expectRefused(response: Response): void {
  expect(response.headers.get('access-control-allow-origin')).toBeNull()
  expect(response.headers.get('access-control-allow-credentials')).toBeNull()
}

beforeAll(async () => {
  previousOrigins = process.env.CORS_ORIGINS
  process.env.CORS_ORIGINS = `${WEBSITE},${PREVIEW}/`
  suite = await startPayloadForSuite('cors')
  users = await createRoleUsers(suite, 'cors')
  options = REST_OPTIONS(suite.config) as Handler
  graphql = GRAPHQL_POST(suite.config) as (request: Request) => Promise<Response>
})

afterAll(async () => {
  await suite?.close()
  if (previousOrigins === undefined) delete process.env.CORS_ORIGINS
  else process.env.CORS_ORIGINS = previousOrigins
})

describe('REST', () => {
  it('a listed origin may read answers, with credentials', async () => {
    for (const origin of [WEBSITE, PREVIEW]) {
      const response = await suite.rest.get('/api/articles?limit=1', { headers: { Origin: origin } })
      expect(response.status).toBe(200)
      expectAllowed(response, origin)
    }
  })

  it('any other origin gets no CORS grant', async () => {
    for (const origin of REFUSED) {
      const response = await suite.rest.get('/api/articles?limit=1', { headers: { Origin: origin } })
      expect(response.status).toBe(200)
      expectRefused(response)
    }
  })

  it('a request without an Origin (a server, not a browser) gets no CORS headers', async () => {
    expectRefused(await suite.rest.get('/api/articles?limit=1'))
  })

  it('preflight: a listed origin may send Authorization (the preview key) and JSON; another may not', async () => {
    for (const method of ['GET', 'POST', 'PATCH']) {
      const allowed = await preflight('/api/articles', WEBSITE, method)
      expect(allowed.status).toBe(200)
      expectAllowed(allowed, WEBSITE)
      expect(allowed.headers.get('access-control-allow-methods')).toContain(method)
      expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toEqual(expect.stringContaining('authorization'))
    }
    for (const origin of REFUSED) expectRefused(await preflight('/api/articles', origin))
  })

  it('errors carry the grant too, so the website can read the message', async () => {
    const refusedWrite = await suite.rest.post('/api/articles', { body: { title: 'x' }, headers: { Origin: WEBSITE } })
    expect(refusedWrite.status).toBe(403)
    expectAllowed(refusedWrite, WEBSITE)
    const badLimit = await suite.rest.get('/api/articles?limit=1000', { headers: { Origin: WEBSITE } })
    expect(badLimit.status).toBe(400)
    expectAllowed(badLimit, WEBSITE)
    const unknown = await suite.rest.get('/api/no-such-collection', { headers: { Origin: WEBSITE } })
    expect(unknown.status).toBe(404)
    expectAllowed(unknown, WEBSITE)
    expectRefused(await suite.rest.get('/api/articles?limit=1000', { headers: { Origin: REFUSED[0] } }))
  })

  it('signing in from a listed origin is granted with credentials; from another it is not', async () => {
    const body = { email: users.editor.email, password: users.editor.password }
    const allowed = await suite.rest.post('/api/users/login', { body, headers: { Origin: WEBSITE } })
    expect(allowed.status).toBe(200)
    expectAllowed(allowed, WEBSITE)
    expectRefused(await suite.rest.post('/api/users/login', { body, headers: { Origin: REFUSED[0] } }))
  })
})

describe('GraphQL', () => {
  it('a listed origin may read answers, with credentials; another gets no grant', async () => {
    const allowed = await graphqlFrom(PREVIEW)
    expect(allowed.status).toBe(200)
    expectAllowed(allowed, PREVIEW)
    for (const origin of REFUSED) expectRefused(await graphqlFrom(origin))
  })

  it('refused queries carry the grant for a listed origin', async () => {
    const response = await graphqlFrom(WEBSITE, '{ Articles(limit: 1000) { totalDocs } }')
    expectAllowed(response, WEBSITE)
  })

  it('preflight on /api/graphql: granted to a listed origin only', async () => {
    const allowed = await preflight('/api/graphql', WEBSITE, 'POST')
    expect(allowed.status).toBe(200)
    expectAllowed(allowed, WEBSITE)
    expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toEqual(expect.stringContaining('content-type'))
    for (const origin of REFUSED) expectRefused(await preflight('/api/graphql', origin, 'POST'))
  })
})
