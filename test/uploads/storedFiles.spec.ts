import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { Media } from '../../src/payload-types'
import { filesUnder, onePagePdf, photo, uploadForm } from '../helpers/mediaFiles'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'

let suite: SuiteContext
let adminToken: string
let remote: http.Server
let remoteOrigin: string
let remoteHits = 0

const admin = { email: 'stored-admin@example.org', name: 'Stored Admin', password: 'a long passphrase for stored files 1' }
const SAFE_NAME = /^[\p{L}\p{N}][\p{L}\p{N}._-]*\.(avif|gif|jpg|pdf|png|webp)$/u

type ErrorBody = { errors: { data?: { errors?: { message: string; path: string }[] }; message: string }[] }

beforeAll(async () => {
  suite = await startPayloadForSuite('media-stored')
  const registered = await suite.rest.post('/api/users/first-register', { body: admin })
  if (registered.status !== 200) throw new Error(`first-register failed (${registered.status}): ${await registered.text()}`)
  adminToken = await suite.rest.login(admin.email, admin.password)

  // A web server on the loopback address that an upload from a URL must never reach.
  const image = await photo({ height: 120, width: 160 }, 'png')
  remote = http.createServer((request, response) => {
    remoteHits++
    if (request.url === '/redirect') {
      response.writeHead(302, { Location: '/remote.png' }).end()
      return
    }
    response.writeHead(200, { 'Content-Type': 'image/png' }).end(image)
  })
  await new Promise<void>((resolve) => remote.listen(0, '127.0.0.1', resolve))
  remoteOrigin = `http://127.0.0.1:${(remote.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise((resolve) => remote?.close(resolve))
  await suite?.close()
})

async function mediaCount(): Promise<number> {
  return (await suite.payload.count({ collection: 'media', overrideAccess: true })).totalDocs
}

/**
 * A multipart body written by hand, so the file name reaches the server
 * exactly as an attacker would send it (a browser's FormData escapes some characters).
 */
/** Percent-encodes every byte outside RFC 5987's attr-char, for `filename*=UTF-8''…`. */
function extValue(name: string): string {
  return encodeURIComponent(name).replace(/['()*!]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`)
}

function rawUpload(dispositionFilename: string, bytes: Buffer, fields: Record<string, unknown>): { body: Blob; headers: Record<string, string> } {
  const boundary = '----journal-upload-boundary-7c1f'
  const body = new Blob([
    `--${boundary}\r\nContent-Disposition: form-data; name="_payload"\r\n\r\n${JSON.stringify(fields)}\r\n`,
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; ${dispositionFilename}\r\nContent-Type: image/png\r\n\r\n`,
    new Uint8Array(bytes),
    `\r\n--${boundary}--\r\n`,
  ])
  return { body, headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` } }
}

async function uploadNamed(dispositionFilename: string, bytes: Buffer): Promise<{ added: string[]; doc: Media }> {
  const before = filesUnder(suite.uploadsDir)
  const { body, headers } = rawUpload(dispositionFilename, bytes, { alt: 'A file with an awkward name' })
  const response = await suite.rest.post('/api/media', { body, headers, token: adminToken })
  if (response.status !== 201) throw new Error(`upload failed (${response.status}): ${await response.text()}`)
  const { doc } = (await response.json()) as { doc: Media }
  return { added: filesUnder(suite.uploadsDir).filter((entry) => !before.includes(entry)), doc }
}

describe('stored file names', () => {
  let image: Buffer
  const outside = () => [path.resolve(suite.uploadsDir, '..'), path.resolve(suite.uploadsDir, '..', '..')]

  beforeAll(async () => {
    image = await photo({ height: 80, width: 120 }, 'png')
  })

  it.each([
    { description: 'a relative path up two folders', disposition: 'filename="../../escaped.png"', expected: 'escaped.png' },
    { description: 'Windows separators', disposition: 'filename="..\\\\..\\\\escaped-windows.png"', expected: 'escaped-windows.png' },
    { description: 'an absolute path', disposition: 'filename="/etc/cron.d/escaped-absolute.png"', expected: 'escaped-absolute.png' },
    {
      description: 'a percent-encoded path (RFC 5987)',
      disposition: "filename*=UTF-8''..%2F..%2Fescaped-encoded.png",
      expected: 'escaped-encoded.png',
    },
  ])('keeps a file named with $description inside the uploads folder', async ({ disposition, expected }) => {
    const { added, doc } = await uploadNamed(disposition, image)
    expect(doc.filename).toBe(expected)
    expect(added).toContain(expected)
    expect(added.every((entry) => !entry.includes('..') && !path.isAbsolute(entry) && !entry.includes(path.sep))).toBe(true)
    for (const folder of outside()) expect(fs.existsSync(path.join(folder, expected))).toBe(false)
    expect(fs.readFileSync(path.join(suite.uploadsDir, expected)).equals(image)).toBe(true)
  })

  it('drops control characters, quotes and shell characters from a name', async () => {
    const name = "bell\u0007 nul\u0000 newline\n quote' $(rm -rf) ;x<y>.png"
    const { added, doc } = await uploadNamed(`filename*=UTF-8''${extValue(name)}`, image)
    expect(doc.filename).toBe('bell-nul-newline-quote-rm-rf-x-y.png')
    expect(doc.filename).toMatch(SAFE_NAME)
    expect(added).toContain('bell-nul-newline-quote-rm-rf-x-y.png')
  })

  it('refuses a part header with raw control characters with 400, storing nothing', async () => {
    const filesBefore = filesUnder(suite.uploadsDir)
    const countBefore = await mediaCount()
    const { body, headers } = rawUpload('filename="bell\u0007.png"', image, { alt: 'Malformed' })
    const response = await suite.rest.post('/api/media', { body, headers, token: adminToken })
    expect(response.status).toBe(400)
    expect(response.headers.get('content-type')).toMatch(/application\/json/)
    expect(((await response.json()) as ErrorBody).errors[0].message).toMatch(/^The upload could not be read: malformed part header/)
    expect(filesUnder(suite.uploadsDir)).toEqual(filesBefore)
    expect(await mediaCount()).toBe(countBefore)
  })

  it('keeps Chinese names readable', async () => {
    const { doc } = await uploadNamed("filename*=UTF-8''" + extValue('会议纪要 2025（第一期）.png'), image)
    expect(doc.filename).toBe('会议纪要-2025-第一期.png')
    expect(fs.existsSync(path.join(suite.uploadsDir, '会议纪要-2025-第一期.png'))).toBe(true)
  })

  it('shortens a very long name to 100 bytes before the extension, image sizes included', async () => {
    const { added, doc } = await uploadNamed(`filename="${'long'.repeat(100)}.png"`, image)
    expect(doc.filename).toBe(`${'long'.repeat(25)}.png`)
    for (const entry of added) expect(Buffer.byteLength(entry)).toBeLessThan(140)

    const chinese = await uploadNamed("filename*=UTF-8''" + extValue(`${'研究'.repeat(100)}.png`), image)
    expect(chinese.doc.filename).toBe(`${'研究'.repeat(16)}研.png`)
    expect(Buffer.byteLength(chinese.doc.filename as string)).toBeLessThanOrEqual(104)
  })

  it('names a file that has nothing usable in its name "upload"', async () => {
    const { doc } = await uploadNamed(`filename*=UTF-8''${extValue('../..\u0001.png')}`, image)
    expect(doc.filename).toBe('upload.png')
  })
})

describe('files as they are served', () => {
  it('serves an image with nosniff and a sandboxing Content-Security-Policy', async () => {
    const bytes = await photo({ height: 90, width: 120 }, 'jpeg')
    const created = await suite.rest.post('/api/media', {
      body: uploadForm({ bytes, filename: 'served.jpg', type: 'image/jpeg' }, { alt: 'Served' }),
      token: adminToken,
    })
    expect(created.status).toBe(201)

    const response = await suite.rest.get('/api/media/file/served.jpg')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/jpeg')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'")
    expect(response.headers.get('content-disposition')).toBeNull()
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true)
  })

  it('serves a PDF as a download, with nosniff and the sandbox', async () => {
    const bytes = onePagePdf('Programme of the spring conference')
    const created = await suite.rest.post('/api/media', {
      body: uploadForm({ bytes, filename: 'programme.pdf', type: 'application/pdf' }, { alt: 'Programme' }),
      token: adminToken,
    })
    expect(created.status).toBe(201)

    const response = await suite.rest.get('/api/media/file/programme.pdf')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/pdf')
    expect(response.headers.get('content-disposition')).toBe('attachment')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'")
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true)
  })

  it.each([
    // Payload itself refuses any name that climbs out of the folder, with 403.
    { description: 'a file next to the uploads folder', place: () => path.join(path.dirname(suite.uploadsDir), 'next-to-uploads.png'), request: '..%2Fnext-to-uploads.png', status: 403 },
    { description: 'a file in the imports folder inside it', place: () => path.join(suite.uploadsDir, 'imports', 'saved-page.html'), request: 'imports%2Fsaved-page.html', status: 404 },
    { description: 'a file no media document records', place: () => path.join(suite.uploadsDir, 'stray.png'), request: 'stray.png', status: 404 },
  ])('answers $status with JSON for $description, never the file', async ({ place, request, status }) => {
    const filePath = place()
    fs.mkdirSync(path.dirname(filePath), { recursive: true })
    fs.writeFileSync(filePath, '<script>not for the public</script>')
    try {
      const response = await suite.rest.get(`/api/media/file/${request}`)
      expect(response.status).toBe(status)
      expect(response.headers.get('content-type')).toMatch(/application\/json/)
      expect(await response.text()).not.toContain('not for the public')
    } finally {
      fs.rmSync(filePath, { force: true })
    }
  })

  it('answers 404 with JSON for a name that is nowhere', async () => {
    const response = await suite.rest.get('/api/media/file/never-uploaded.png')
    expect(response.status).toBe(404)
    expect(((await response.json()) as ErrorBody).errors[0].message).toBe('There is no such media file.')
  })
})

describe('upload from a URL is off', () => {
  async function expectNothingFetched(response: Response, message: RegExp): Promise<void> {
    expect(response.status).toBe(400)
    expect(response.headers.get('content-type')).toMatch(/application\/json/)
    expect(JSON.stringify((await response.json()) as ErrorBody)).toMatch(message)
    expect(remoteHits).toBe(0)
  }

  it('is not offered: pasteURL is false', () => {
    expect(suite.payload.collections.media.config.upload.pasteURL).toBe(false)
  })

  it.each([
    { description: 'a loopback address', url: () => `${remoteOrigin}/remote.png` },
    { description: 'localhost', url: () => `${remoteOrigin.replace('127.0.0.1', 'localhost')}/remote.png` },
    { description: 'a redirect to the loopback address', url: () => `${remoteOrigin}/redirect` },
    { description: 'a link-local address', url: () => 'http://169.254.169.254/latest/meta-data/' },
  ])('refuses a JSON create that names a URL on $description, before fetching anything', async ({ url }) => {
    const filesBefore = filesUnder(suite.uploadsDir)
    const countBefore = await mediaCount()
    const response = await suite.rest.post('/api/media', {
      body: { alt: 'From elsewhere', filename: 'remote.png', url: url() },
      headers: { Cookie: 'website-session=secret-value' },
      token: adminToken,
    })
    await expectNothingFetched(response, /Uploading from a URL is turned off/)
    expect(filesUnder(suite.uploadsDir)).toEqual(filesBefore)
    expect(await mediaCount()).toBe(countBefore)
  })

  it('refuses the same through a multipart body without a file', async () => {
    const form = new FormData()
    form.append('_payload', JSON.stringify({ alt: 'From elsewhere', filename: 'remote.png', url: `${remoteOrigin}/remote.png` }))
    const countBefore = await mediaCount()
    const response = await suite.rest.post('/api/media', { body: form, token: adminToken })
    await expectNothingFetched(response, /Uploading from a URL is turned off/)
    expect(await mediaCount()).toBe(countBefore)
  })

  it('refuses the paste-URL endpoint', async () => {
    const response = await suite.rest.get(`/api/media/paste-url?src=${encodeURIComponent(`${remoteOrigin}/remote.png`)}`, {
      token: adminToken,
    })
    await expectNothingFetched(response, /not enabled/)
  })
})
