import fs from 'node:fs'
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import sharp from 'sharp'

import type { Import, Media } from '../../src/payload-types'
import { filesUnder, onePagePdf, photo, uploadForm } from '../helpers/mediaFiles'
import { startObjectStorage, type ObjectStorage } from '../helpers/objectStorage'
import { createStaffAccount, type StaffAccount } from '../helpers/staffAccounts'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'
import { SAMPLE_TEXT } from '../import/legacyFixtures'

/**
 * Media on S3-compatible object storage (src/storage/), against a real
 * S3-compatible server (S3Proxy, test/helpers/objectStorage.ts) with
 * S3_PREFIX set: what lands in the bucket, how it is served, what deleting
 * removes, and the importer's uploads.
 */

const PREFIX = 'journal/media'
let storage: ObjectStorage
let suite: SuiteContext
let admin: StaffAccount
let editor: StaffAccount

type ErrorBody = { errors: { message: string }[] }
type SizeReport = { filename?: null | string; height?: null | number; mimeType?: null | string; url?: null | string; width?: null | number }

beforeAll(async () => {
  storage = await startObjectStorage({ prefix: PREFIX })
  suite = await startPayloadForSuite('object-storage', { objectStorage: storage })
  admin = await createStaffAccount(suite, 'admin', 'storage')
  editor = await createStaffAccount(suite, 'editor', 'storage')
}, 120_000)

afterAll(async () => {
  await suite?.close()
  await storage?.stop()
})

async function upload(bytes: Buffer, filename: string, type: string, token = editor.token): Promise<Media> {
  const response = await suite.rest.post('/api/media', { body: uploadForm({ bytes, filename, type }, { alt: `About ${filename}` }), token })
  if (response.status !== 201) throw new Error(`upload failed (${response.status}): ${await response.text()}`)
  return ((await response.json()) as { doc: Media }).doc
}

/** The file names of the original and of each size made (an image smaller than a size without enlargement has none of it). */
function storedNames(doc: Media): string[] {
  const sizes = Object.values((doc.sizes ?? {}) as Record<string, SizeReport>)
  return [doc.filename as string, ...sizes.flatMap((size) => (size.filename ? [size.filename] : []))]
}

/** The served file's path and query, from the URL the API gives for it. */
function servedPath(url: string): `/api/${string}` {
  const parsed = new URL(url, 'http://localhost:3000')
  return `${parsed.pathname}${parsed.search}` as `/api/${string}`
}

describe('uploads go to the bucket', () => {
  let doc: Media
  let original: Buffer

  beforeAll(async () => {
    original = await photo({ height: 1600, width: 2400 }, 'png')
    doc = await upload(original, 'harbour-in-the-bucket.png', 'image/png')
  }, 120_000)

  it('the original and every image size are objects under S3_PREFIX, and nothing is written to the uploads folder', async () => {
    const sizes = suite.payload.collections.media.config.upload.imageSizes ?? []
    const reported = doc.sizes as Record<string, SizeReport>
    expect(Object.keys(reported).sort()).toEqual(sizes.map(({ name }) => name).sort())
    expect(await storage.keys()).toEqual(storedNames(doc).map((name) => `${PREFIX}/${name}`).sort())
    expect(filesUnder(suite.uploadsDir)).toEqual([])
    expect(doc.prefix).toBe(PREFIX)

    const stored = await storage.read(`${PREFIX}/${doc.filename}`)
    expect(stored.bytes.equals(original)).toBe(true)
    expect(stored.contentType).toBe('image/png')
    for (const size of sizes) {
      const object = await storage.read(`${PREFIX}/${reported[size.name].filename}`)
      const meta = await sharp(object.bytes).metadata()
      expect({ name: size.name, format: meta.format, height: meta.height, width: meta.width }).toEqual({
        name: size.name,
        format: 'webp',
        height: reported[size.name].height,
        width: reported[size.name].width,
      })
    }
  })

  it('serves the original and every size through the CMS, at the URLs the API gives, with nosniff and the sandbox', async () => {
    const urls = [doc.url as string, ...Object.values(doc.sizes as Record<string, SizeReport>).map((size) => size.url as string)]
    expect(urls.every((url) => url.includes('/api/media/file/'))).toBe(true)
    for (const [index, url] of urls.entries()) {
      const response = await suite.rest.get(servedPath(url))
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe(index === 0 ? 'image/png' : 'image/webp')
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(response.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'")
      expect(response.headers.get('content-disposition')).toBeNull()
      const bytes = Buffer.from(await response.arrayBuffer())
      expect(bytes.equals((await storage.read(`${PREFIX}/${storedNames(doc)[index]}`)).bytes)).toBe(true)
    }
    // The plain file address, as a website builds it from the file name, serves it too.
    expect((await suite.rest.get(`/api/media/file/${doc.filename}`)).status).toBe(200)
  })

  it('serves a PDF as a download, with nosniff and the sandbox', async () => {
    const bytes = onePagePdf('Programme kept in the bucket')
    const pdf = await upload(bytes, 'bucket-programme.pdf', 'application/pdf')
    expect(await storage.keys()).toContain(`${PREFIX}/bucket-programme.pdf`)
    const response = await suite.rest.get(`/api/media/file/${pdf.filename}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/pdf')
    expect(response.headers.get('content-disposition')).toBe('attachment')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'")
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true)
  })

  it('never serves an object no media document records, and answers a missing object with the JSON 404', async () => {
    await storage.client.send(new PutObjectCommand({ Body: '<script>not for the public</script>', Bucket: storage.bucket, ContentType: 'text/html', Key: `${PREFIX}/stray.png` }))
    const stray = await suite.rest.get('/api/media/file/stray.png')
    expect(stray.status).toBe(404)
    expect(((await stray.json()) as ErrorBody).errors[0].message).toBe('There is no such media file.')

    const bytes = await photo({ height: 60, width: 80 }, 'jpeg')
    const gone = await upload(bytes, 'gone-from-the-bucket.jpg', 'image/jpeg')
    await storage.client.send(new DeleteObjectCommand({ Bucket: storage.bucket, Key: `${PREFIX}/${gone.filename}` }))
    const missing = await suite.rest.get(`/api/media/file/${gone.filename}`)
    expect(missing.status).toBe(404)
    expect(missing.headers.get('content-type')).toMatch(/application\/json/)
    expect(((await missing.json()) as ErrorBody).errors[0].message).toBe('There is no such media file.')

    for (const request of ['imports%2Fanything.txt', 'never-uploaded.png']) {
      const response = await suite.rest.get(`/api/media/file/${request}`)
      expect(response.status).toBe(404)
      expect(response.headers.get('content-type')).toMatch(/application\/json/)
    }
  })

  it('refuses an upload that sets where in the bucket its file goes (403), and an update never moves a file', async () => {
    const before = await storage.keys()
    const bytes = await photo({ height: 60, width: 80 }, 'png')
    const form = uploadForm({ bytes, filename: 'elsewhere.png', type: 'image/png' }, { alt: 'Elsewhere', prefix: 'other-folder' })
    const response = await suite.rest.post('/api/media', { body: form, token: editor.token })
    expect(response.status).toBe(403)
    expect(await storage.keys()).toEqual(before)
    const change = new FormData()
    change.append('_payload', JSON.stringify({ prefix: 'other-folder' }))
    // An update never moves a file: the prefix stays as stored, and the file is served from where it is.
    await suite.rest.patch(`/api/media/${doc.id}`, { body: change, token: editor.token })
    expect((await suite.payload.findByID({ collection: 'media', id: doc.id, overrideAccess: true })).prefix).toBe(PREFIX)
    expect(await storage.keys()).toEqual(before)
    expect((await suite.rest.get(servedPath(doc.url as string))).status).toBe(200)
  })

  it('deleting a media document removes the original and every size from the bucket', async () => {
    const bytes = await photo({ height: 900, width: 1400 }, 'jpeg')
    const doomed = await upload(bytes, 'to-be-deleted.jpg', 'image/jpeg')
    const keys = storedNames(doomed).map((name) => `${PREFIX}/${name}`)
    expect(keys).toHaveLength(5)
    expect(await storage.keys()).toEqual(expect.arrayContaining(keys))
    const response = await suite.rest.delete(`/api/media/${doomed.id}`, { token: editor.token })
    expect(response.status).toBe(200)
    const left = await storage.keys()
    expect(keys.filter((key) => left.includes(key))).toEqual([])
    expect((await suite.rest.get(`/api/media/file/${doomed.filename}`)).status).toBe(404)
  }, 60_000)

  it('replacing a file removes the old objects and stores the new ones', async () => {
    const first = await upload(await photo({ height: 400, width: 600 }, 'png'), 'replaced.png', 'image/png')
    const replacement = await photo({ height: 500, width: 700 }, 'jpeg')
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(replacement)], { type: 'image/jpeg' }), 'replacement.jpg')
    form.append('_payload', JSON.stringify({}))
    const response = await suite.rest.patch(`/api/media/${first.id}`, { body: form, token: editor.token })
    expect(response.status).toBe(200)
    const second = ((await response.json()) as { doc: Media }).doc
    const keys = await storage.keys()
    for (const name of storedNames(first)) expect(keys).not.toContain(`${PREFIX}/${name}`)
    for (const name of storedNames(second)) expect(keys).toContain(`${PREFIX}/${name}`)
    expect((await storage.read(`${PREFIX}/${second.filename}`)).bytes.equals(replacement)).toBe(true)
  }, 60_000)
})

describe('the importer with object storage', () => {
  it('keeps an uploaded page in the bucket, and the job imports it from there', async () => {
    const response = await suite.rest.post('/api/imports', {
      body: uploadForm({ bytes: fs.readFileSync(SAMPLE_TEXT), filename: 'page-in-the-bucket.txt', type: 'text/plain' }, {}),
      token: admin.token,
    })
    expect(response.status).toBe(201)
    const { doc } = (await response.json()) as { doc: Import }
    expect(await storage.keys()).toContain(`${PREFIX}/imports/${doc.filename}`)
    expect(filesUnder(suite.uploadsDir)).toEqual([])

    await suite.payload.jobs.run()
    const done = await suite.payload.findByID({ collection: 'imports', depth: 0, id: doc.id, overrideAccess: true })
    expect({ error: done.error, status: done.status }).toEqual({ error: null, status: 'done' })
    expect(done.created).toBe(1)
    const { totalDocs } = await suite.payload.count({ collection: 'articles', overrideAccess: true })
    expect(totalDocs).toBe(1)
  }, 120_000)
})
