import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { HttpApi } from '../helpers/adminUi'
import { onePagePdf, photo, uploadForm } from '../helpers/mediaFiles'
import { startProductionServer, type RunningServer } from '../helpers/productionServer'
import { testDatabaseUri } from '../helpers/testDatabase'

/**
 * What the production server sends and logs at its edge, where Express and
 * Next meet: headers a route sets reach the client, early refusals are
 * logged, and the session cookie is honoured only where a browser's request
 * cannot have been forged.
 */

let server: RunningServer
let api: HttpApi
let adminToken: string

beforeAll(async () => {
  server = await startProductionServer({ databaseUri: testDatabaseUri('server_hardening'), env: { LOG_LEVEL: 'info', RATE_LIMIT_API_MAX: '0', UPLOAD_MAX_FILE_SIZE_MB: '1' } })
  api = new HttpApi(server.url)
  adminToken = (await api.firstAdmin('hardening')).token
}, 180_000)

afterAll(async () => {
  await server?.stop()
}, 60_000)

/** Sends headers declaring a large body and a few bytes of it, and resolves with the answer's status. */
function postDeclaringLargeBody(path: string, declaredBytes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${server.url}${path}`, {
      headers: { 'Content-Length': String(declaredBytes), 'Content-Type': 'application/json' },
      method: 'POST',
    })
    request.once('response', (response) => {
      response.resume()
      resolve(response.statusCode ?? 0)
    })
    request.once('error', reject)
    request.write('{"name":"')
  })
}

async function eventually(check: () => boolean, timeoutMs = 5_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
  return check()
}

describe('early answers', () => {
  it('a body refused with 413 before it was read is logged like any request, and the server throws nothing', async () => {
    for (let attempt = 0; attempt < 3; attempt++) expect(await postDeclaringLargeBody('/api/contacts', 50 * 1024 * 1024)).toBe(413)
    const logged = () => server.output().split('\n').filter((line) => line.includes('"status":413') && line.includes('"url":"/api/contacts"'))
    expect(await eventually(() => logged().length === 3)).toBe(true)
    expect(JSON.parse(logged()[0])).toMatchObject({ ip: expect.stringMatching(/127\.0\.0\.1/), method: 'POST', msg: 'request' })
    expect(server.output()).not.toMatch(/TypeError|uncaught/i)
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  })

  it('an upload over UPLOAD_MAX_FILE_SIZE_MB, cut off with 413 while it streams, is logged too', async () => {
    const form = new FormData()
    form.append('_payload', JSON.stringify({ alt: 'Too large' }))
    form.append('file', new Blob([new Uint8Array(await photo({ height: 8, width: 8 }, 'png')), new Uint8Array(3 * 1024 * 1024)], { type: 'image/png' }), 'large.png')
    let answered = 0
    for (let attempt = 0; attempt < 3; attempt++) {
      // The server closes the connection of an upload it cut off; a request sent on it before the client
      // noticed never reaches the server (ECONNRESET), and is not counted.
      const response = await fetch(`${server.url}/api/media`, { body: form, headers: { Authorization: `JWT ${adminToken}` }, method: 'POST' }).catch(() => undefined)
      if (!response) continue
      expect(response.status).toBe(413)
      answered += 1
    }
    expect(answered).toBeGreaterThan(0)
    const logged = () => server.output().split('\n').filter((line) => line.includes('"status":413') && line.includes('"url":"/api/media"'))
    expect(await eventually(() => logged().length === answered)).toBe(true)
    expect(server.output()).not.toMatch(/TypeError|uncaught/i)
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  })
})

describe('uploaded files', () => {
  async function upload(bytes: Uint8Array, filename: string, type: string): Promise<string> {
    const response = await fetch(`${server.url}/api/media`, {
      body: uploadForm({ bytes, filename, type }, { alt: filename }),
      headers: { Authorization: `JWT ${adminToken}` },
      method: 'POST',
    })
    expect(response.status).toBe(201)
    return ((await response.json()) as { doc: { filename: string } }).doc.filename
  }

  it('are served with their own sandbox policy, not the admin UI’s: a PNG that is also an HTML page runs nothing', async () => {
    // A valid PNG with a page after its end: image decoders stop at IEND, a browser sniffing it would find HTML.
    const polyglot = Buffer.concat([await photo({ height: 16, width: 16 }, 'png'), Buffer.from('<html><script>alert(document.cookie)</script></html>')])
    const filename = await upload(new Uint8Array(polyglot), 'polyglot.png', 'image/png')
    const response = await fetch(`${server.url}/api/media/file/${filename}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/png')
    expect(response.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'")
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('a PDF (which may carry scripts) is a sandboxed download', async () => {
    const filename = await upload(new Uint8Array(onePagePdf('Annual report')), 'report.pdf', 'application/pdf')
    const response = await fetch(`${server.url}/api/media/file/${filename}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-disposition')).toBe('attachment')
    expect(response.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'")
  })

  it('the admin UI and the API keep the server’s own policy', async () => {
    for (const path of ['/admin/login', '/api/articles']) {
      const response = await fetch(`${server.url}${path}`)
      expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'/)
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    }
  })
})

describe('the session cookie and where a request comes from', () => {
  let cookie: string

  beforeAll(async () => {
    const response = await fetch(`${server.url}/api/users/login`, {
      body: JSON.stringify({ email: 'hardening-admin@example.org', password: 'a long passphrase for the hardening admin' }),
      headers: { 'Content-Type': 'application/json', Origin: server.url },
      method: 'POST',
    })
    expect(response.status).toBe(200)
    cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]
    expect(cookie).toMatch(/^payload-token=/)
  })

  function createAuthor(headers: Record<string, string>, name: string) {
    return fetch(`${server.url}/api/authors?depth=0`, {
      body: JSON.stringify({ name }),
      headers: { 'Content-Type': 'application/json', Cookie: cookie, ...headers },
      method: 'POST',
    })
  }

  it('writes without Origin count the cookie only when the browser marks them same-origin', async () => {
    expect((await createAuthor({ 'Sec-Fetch-Site': 'same-origin' }, 'Same origin')).status).toBe(201)
    expect((await createAuthor({ Origin: server.url }, 'Allowed origin')).status).toBe(201)
    for (const site of ['same-site', 'none', 'cross-site']) {
      const response = await createAuthor({ 'Sec-Fetch-Site': site }, `From ${site}`)
      expect({ site, status: response.status }).toEqual({ site, status: 403 })
    }
    expect((await createAuthor({}, 'No marking at all')).status).toBe(403)
    expect((await createAuthor({ Origin: 'https://elsewhere.example' }, 'Other origin')).status).toBe(403)
    const names = (await api.request<{ docs: { name: string }[] }>('GET', '/api/authors?depth=0&limit=100', { token: adminToken })).body.docs.map((doc) => doc.name)
    expect(names.sort()).toEqual(['Allowed origin', 'Same origin'])
  })

  it('reads by navigation (a bookmark, a link from the website) keep the session', async () => {
    for (const site of ['same-origin', 'same-site', 'none']) {
      const response = await fetch(`${server.url}/api/users/me`, { headers: { Cookie: cookie, 'Sec-Fetch-Site': site } })
      const { user } = (await response.json()) as { user: null | { email: string } }
      expect({ site, user: user?.email }).toEqual({ site, user: 'hardening-admin@example.org' })
    }
  })
})
