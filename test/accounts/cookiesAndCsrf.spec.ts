import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { generatePayloadCookie } from 'payload/shared'
import type { Auth } from 'payload'

import { usersAuthSettings } from '../../collections/Users/authSettings'
import { readJson, type ApiErrorBody } from '../helpers/responses'
import { createRoleUsers, type RoleUsers } from '../helpers/roleUsers'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'

/**
 * The session cookie (HttpOnly, SameSite=Lax, Secure in production) and
 * CSRF protection: Payload uses the cookie only for requests from the CMS's
 * own origin (SERVER_URL) or one listed in CORS_ORIGINS; a cookie sent from
 * any other page is ignored, so the request is anonymous and a write is
 * refused.
 */

const WEBSITE = 'https://www.journal.example'
const FOREIGN = 'https://evil.example'

let suite: SuiteContext
let users: RoleUsers
let cookie: string
const previousOrigins = process.env.CORS_ORIGINS
let serial = 0

beforeAll(async () => {
  process.env.CORS_ORIGINS = WEBSITE
  suite = await startPayloadForSuite('accounts_cookies')
  users = await createRoleUsers(suite, 'cookies')
  cookie = `payload-token=${users.editor.token}`
})

afterAll(async () => {
  await suite?.close()
  if (previousOrigins === undefined) delete process.env.CORS_ORIGINS
  else process.env.CORS_ORIGINS = previousOrigins
})

/** Creates a section with the editor's session cookie and the given headers; on refusal checks that nothing was saved. */
async function cookieWrite(headers: Record<string, string>): Promise<number> {
  serial += 1
  const slug = `cookie-write-${serial}`
  const { body, status } = await readJson<ApiErrorBody>(
    suite.rest.post('/api/sections', { body: { slug, title: `Cookie write ${serial}` }, headers: { Cookie: cookie, ...headers } }),
  )
  const saved = (await suite.payload.count({ collection: 'sections', where: { slug: { equals: slug } } })).totalDocs
  if (status === 201) {
    expect(saved).toBe(1)
  } else {
    expect(body.errors?.[0]?.message).toEqual(expect.any(String))
    expect(saved).toBe(0)
  }
  return status
}

describe('the session cookie', () => {
  it('is HttpOnly and SameSite=Lax, and not Secure outside production', async () => {
    const response = await suite.rest.post('/api/users/login', { body: { email: users.contacts.email, password: users.contacts.password } })
    expect(response.status).toBe(200)
    const setCookie = response.headers.get('set-cookie') ?? ''
    expect(setCookie).toMatch(/^payload-token=[^;]+;/)
    expect(setCookie).toMatch(/;\s*HttpOnly/i)
    expect(setCookie).toMatch(/;\s*SameSite=Lax/i)
    expect(setCookie).not.toMatch(/;\s*Secure/i)
  })

  it('is Secure in production', () => {
    const settings = (env: Record<string, string>) => ({ ...usersAuthSettings(env), tokenExpiration: 7200 }) as unknown as Auth
    const production = generatePayloadCookie({ collectionAuthConfig: settings({ NODE_ENV: 'production' }), cookiePrefix: 'payload', token: 't' })
    expect(production).toMatch(/;\s*Secure/i)
    expect(production).toMatch(/;\s*HttpOnly/i)
    expect(production).toMatch(/;\s*SameSite=Lax/i)
    const development = generatePayloadCookie({ collectionAuthConfig: settings({}), cookiePrefix: 'payload', token: 't' })
    expect(development).not.toMatch(/;\s*Secure/i)
  })
})

describe('CSRF: cookie-authenticated requests', () => {
  it('allows the CMS itself (SERVER_URL) and the origins in CORS_ORIGINS, and no others', () => {
    expect([...new Set(suite.payload.config.csrf)].sort()).toEqual(['http://localhost:3000', WEBSITE].sort())
  })

  it('a write from the CMS\'s own origin or a listed one goes through', async () => {
    expect(await cookieWrite({ Origin: 'http://localhost:3000' })).toBe(201)
    expect(await cookieWrite({ Origin: WEBSITE })).toBe(201)
    // A same-origin request that sends no Origin, as the browser marks it.
    expect(await cookieWrite({ 'Sec-Fetch-Site': 'same-origin' })).toBe(201)
  })

  it('a write from a foreign origin is refused (403) and nothing is saved', async () => {
    for (const origin of [FOREIGN, 'null', 'http://localhost:3001', 'https://www.journal.example.evil.example', 'http://www.journal.example']) {
      expect(await cookieWrite({ Origin: origin })).toBe(403)
    }
  })

  it('a write with no Origin from another site, or no sign of where it comes from, is refused', async () => {
    expect(await cookieWrite({ 'Sec-Fetch-Site': 'cross-site' })).toBe(403)
    expect(await cookieWrite({})).toBe(403)
  })

  it('from a foreign origin the cookie does not even identify the user', async () => {
    const foreign = await readJson<{ user: unknown }>(suite.rest.get('/api/users/me', { headers: { Cookie: cookie, Origin: FOREIGN } }))
    expect(foreign.body.user).toBeNull()
    const own = await readJson<{ user: null | { email: string } }>(
      suite.rest.get('/api/users/me', { headers: { Cookie: cookie, Origin: 'http://localhost:3000' } }),
    )
    expect(own.body.user?.email).toBe(users.editor.email)
  })

  it('a token in the Authorization header is not a cookie: a page elsewhere cannot send it without holding it', async () => {
    const response = await suite.rest.post('/api/sections', {
      body: { slug: 'header-token-write', title: 'Header token write' },
      headers: { Origin: FOREIGN },
      token: users.editor.token,
    })
    expect(response.status).toBe(201)
  })
})
