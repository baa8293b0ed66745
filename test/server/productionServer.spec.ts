import { randomBytes } from 'node:crypto'
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { EmbeddedDatabase } from '../../src/database/embeddedDatabase'
import { findFreePort } from '../../src/database/findFreePort'
import { startDedicatedDatabase } from '../helpers/dedicatedDatabase'
import { runServerToExit, startProductionServer, type RunningServer } from '../helpers/productionServer'
import { rawRequest } from '../helpers/rawHttp'

let database: EmbeddedDatabase & { remove(): Promise<void> }
let server: RunningServer

beforeAll(async () => {
  database = await startDedicatedDatabase()
  server = await startProductionServer({ databaseUri: database.uri('server_test') })
}, 120_000)

afterAll(async () => {
  await server?.stop()
  await database?.remove()
})

async function waitForStatus(url: string, status: number, timeoutMs = 30_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const response = await fetch(url)
    if (response.status === status || Date.now() > deadline) return response
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

describe('the production server', () => {
  it('answers /healthz with 200 while it serves', async () => {
    const response = await fetch(`${server.url}/healthz`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ok' })
  })

  it('answers /readyz with 503 while the database is down, and 200 again once it is back', async () => {
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200)

    await database.stop()
    const down = await waitForStatus(`${server.url}/readyz`, 503)
    expect(down.status).toBe(503)
    const reason = (await down.json()) as { reason: string; status: string }
    expect(reason.status).toBe('unavailable')
    expect(reason.reason).toMatch(/database/)
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)

    // API requests meanwhile: 503 with a JSON message and Retry-After, never a 500.
    const unavailable = await fetch(`${server.url}/api/articles?depth=0`)
    expect(unavailable.status).toBe(503)
    expect(Number(unavailable.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await unavailable.json()).toEqual({ errors: [{ message: expect.stringMatching(/^The database is unavailable/) }] })

    await database.start()
    const back = await waitForStatus(`${server.url}/readyz`, 200, 60_000)
    expect(back.status).toBe(200)
    // The server reconnected by itself.
    expect((await waitForStatus(`${server.url}/api/articles?depth=0`, 200, 60_000)).status).toBe(200)
  }, 120_000)

  it('serves the admin UI with security headers and compression', async () => {
    const response = await fetch(`${server.url}/admin/login`, { headers: { 'Accept-Encoding': 'gzip' } })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/text\/html/)
    expect(response.headers.get('content-encoding')).toBe('gzip')
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'/)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=/)
    expect(response.headers.get('x-powered-by')).toBeNull()
  })

  it('serves REST and GraphQL through Next', async () => {
    const rest = await fetch(`${server.url}/api/users`)
    expect(rest.status).toBe(403)
    const graphql = await fetch(`${server.url}/api/graphql`, {
      body: JSON.stringify({ query: '{ allMedia { totalDocs } }' }),
      headers: { 'Content-Type': 'application/json' },
      method: 'POST',
    })
    expect(graphql.status).toBe(200)
    expect(await graphql.json()).toEqual({ data: { allMedia: { totalDocs: 0 } } })
  })

  it('answers an unknown API route with 404 JSON', async () => {
    const response = await fetch(`${server.url}/api/nothing-here`)
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toMatch(/application\/json/)
  })

  it('answers an id that cannot be an id (a comma in it) with 404 JSON, not a 500', async () => {
    for (const collection of ['authors', 'articles', 'contacts']) {
      const response = await fetch(`${server.url}/api/${collection}/w%C2%95p%2Cx%C3%94c?depth=0&locale=all`)
      expect({ collection, status: response.status }).toEqual({ collection, status: 404 })
      expect(await response.json()).toEqual({ errors: [{ message: 'Not Found' }] })
    }
  })

  it('refuses methods it does not support (TRACE) with 405, Allow and a JSON message', async () => {
    for (const path of ['/api/articles', '/sitemap.xml', '/admin']) {
      const response = await rawRequest('TRACE', `${server.url}${path}`)
      expect(response.status).toBe(405)
      expect(response.headers.allow).toContain('GET')
      expect(JSON.parse(response.body.toString())).toEqual({ errors: [{ message: 'The TRACE method is not supported' }] })
    }
  })
})

describe('starting and stopping', () => {
  it('refuses to start in production without PAYLOAD_SECRET, with one clear line and exit code 1', async () => {
    const { code, output } = await runServerToExit({ DATABASE_URI: database.uri('server_test'), PORT: '0' })
    expect(code).toBe(1)
    const lines = output.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/PAYLOAD_SECRET is required in production/)
  })

  it('refuses to start when the database cannot be reached, with one clear line and exit code 1', async () => {
    const unusedPort = await findFreePort()
    const { code, output } = await runServerToExit({
      DATABASE_URI: `mongodb://127.0.0.1:${unusedPort}/nothing`,
      PAYLOAD_SECRET: randomBytes(32).toString('hex'),
      PORT: '0',
    })
    expect(code).toBe(1)
    const lines = output.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/Cannot reach the database at mongodb:\/\/127\.0\.0\.1:\d+\/nothing/)
  }, 30_000)

  it('refuses a malformed DATABASE_URI before connecting', async () => {
    const { code, output } = await runServerToExit({
      DATABASE_URI: 'postgres://localhost/journal',
      PAYLOAD_SECRET: randomBytes(32).toString('hex'),
    })
    expect(code).toBe(1)
    expect(output).toMatch(/DATABASE_URI must be a MongoDB connection string/)
  })

  it('finishes a request in flight on SIGTERM (its body sent after the signal), then exits 0', async () => {
    const other = await startProductionServer({
      databaseUri: database.uri('server_shutdown_test'),
      env: { LOG_LEVEL: 'info' },
    })
    // A sign-in whose body follows only after the signal. `Expect: 100-continue` makes the server
    // say when it has the headers, so the request is surely in flight, however busy the machine.
    const body = JSON.stringify({ email: 'nobody@example.org', password: 'not the password' })
    let exitCode: Promise<number | null> | undefined
    const response = await new Promise<{ body: string; status: number }>((resolve, reject) => {
      const request = http.request(`${other.url}/api/users/login`, {
        headers: { 'Content-Length': String(Buffer.byteLength(body)), 'Content-Type': 'application/json', Expect: '100-continue' },
        method: 'POST',
      })
      request.once('continue', () => {
        exitCode = other.stop()
        setTimeout(() => request.end(body), 200)
      })
      request.once('response', (answer) => {
        let text = ''
        answer.on('data', (chunk: Buffer) => (text += chunk.toString()))
        answer.once('end', () => resolve({ body: text, status: answer.statusCode ?? 0 }))
      })
      request.once('error', reject)
      request.flushHeaders()
    })
    expect(exitCode).toBeDefined()
    expect(response.status).toBe(401)
    expect(JSON.parse(response.body)).toMatchObject({ errors: [expect.objectContaining({ message: expect.any(String) })] })
    expect(await exitCode).toBe(0)
    expect(other.output()).toMatch(/SIGTERM received/)
    await expect(fetch(`${other.url}/healthz`)).rejects.toThrow()
  }, 120_000)
})
