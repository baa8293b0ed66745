import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { ImageSize } from 'payload'
import sharp from 'sharp'

import type { Media } from '../../src/payload-types'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'

let suite: SuiteContext
let adminToken: string

const admin = { email: 'media-admin@example.org', name: 'Media Admin', password: 'a long passphrase for media 1' }

type Dimensions = { height: number; width: number }
type ErrorBody = {
  errors: { data?: { errors?: { message: string; path: string }[] }; message: string; name?: string }[]
}

beforeAll(async () => {
  suite = await startPayloadForSuite('media')
  const registered = await suite.rest.post('/api/users/first-register', { body: admin })
  if (registered.status !== 200) throw new Error(`first-register failed (${registered.status}): ${await registered.text()}`)
  adminToken = await suite.rest.login(admin.email, admin.password)
})

afterAll(async () => {
  await suite?.close()
})

/**
 * A real photograph-like image made in memory: a colour gradient with noise,
 * so the encoders and resizers have actual content to work on.
 */
async function gradientImage({ height, width }: Dimensions, format: 'jpeg' | 'png'): Promise<Buffer> {
  const channels = 3
  const pixels = Buffer.alloc(width * height * channels)
  let seed = 20_240_601
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff
      const noise = (seed >> 16) % 40
      const offset = (y * width + x) * channels
      pixels[offset] = Math.min(255, Math.floor((x / width) * 215) + noise)
      pixels[offset + 1] = Math.min(255, Math.floor((y / height) * 215) + noise)
      pixels[offset + 2] = Math.min(255, Math.floor(((x + y) / (width + height)) * 215) + noise)
    }
  }
  const image = sharp(pixels, { raw: { channels, height, width } })
  return format === 'png' ? image.png().toBuffer() : image.jpeg({ quality: 85 }).toBuffer()
}

function uploadForm(file: { bytes: Uint8Array; filename: string; type: string }, fields: Record<string, unknown>): FormData {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.filename)
  form.append('_payload', JSON.stringify(fields))
  return form
}

function uploadsListing(): string[] {
  return fs.existsSync(suite.uploadsDir) ? fs.readdirSync(suite.uploadsDir).sort() : []
}

async function mediaCount(): Promise<number> {
  const { totalDocs } = await suite.payload.count({ collection: 'media', overrideAccess: true })
  return totalDocs
}

function configuredImageSizes(): ImageSize[] {
  return suite.payload.collections.media.config.upload.imageSizes ?? []
}

/** The dimensions the collection config asks of an image size, for an original of the given dimensions. */
function dimensionsFromConfig(size: ImageSize, original: Dimensions): Dimensions {
  if (size.width && size.height) return { height: size.height, width: size.width }
  if (!size.width) throw new Error(`image size ${size.name} has no width: extend the test for it`)
  const width = size.withoutEnlargement ? Math.min(size.width, original.width) : size.width
  return { height: Math.round((original.height * width) / original.width), width }
}

/**
 * Uploads a corrupt or fake file as the admin and checks it is refused with a
 * 400 naming the file, with nothing left on disk or in the database.
 */
async function expectRefusedUpload(file: { bytes: Uint8Array; filename: string; type: string }): Promise<ErrorBody> {
  const filesBefore = uploadsListing()
  const countBefore = await mediaCount()
  const response = await suite.rest.post('/api/media', {
    body: uploadForm(file, { alt: `Not really ${file.filename}` }),
    token: adminToken,
  })
  expect(response.status).toBe(400)
  expect(response.headers.get('content-type')).toMatch(/application\/json/)
  const json = (await response.json()) as ErrorBody
  expect(JSON.stringify(json.errors)).toContain(file.filename)
  expect(uploadsListing()).toEqual(filesBefore)
  expect(await mediaCount()).toBe(countBefore)
  return json
}

describe('media uploads', () => {
  it('keeps the image sizes the site is designed around', () => {
    const sizes = configuredImageSizes().map(({ formatOptions, height, name, width, withoutEnlargement }) => ({
      format: formatOptions?.format,
      height,
      name,
      width,
      withoutEnlargement: withoutEnlargement ?? false,
    }))
    expect(sizes).toEqual([
      { format: 'webp', height: 300, name: 'thumbnail', width: 300, withoutEnlargement: false },
      { format: 'webp', height: undefined, name: 'card', width: 768, withoutEnlargement: false },
      { format: 'webp', height: undefined, name: 'hero', width: 1920, withoutEnlargement: true },
      { format: 'webp', height: 630, name: 'og', width: 1200, withoutEnlargement: false },
    ])
  })

  it.each([
    {
      expected: { card: { height: 512, width: 768 }, hero: { height: 1280, width: 1920 }, og: { height: 630, width: 1200 }, thumbnail: { height: 300, width: 300 } },
      filename: 'harbour-at-dawn.png',
      format: 'png' as const,
      original: { height: 1600, width: 2400 },
      type: 'image/png',
    },
    {
      expected: { card: { height: 512, width: 768 }, hero: { height: 1280, width: 1920 }, og: { height: 630, width: 1200 }, thumbnail: { height: 300, width: 300 } },
      filename: 'reading-room.jpg',
      format: 'jpeg' as const,
      original: { height: 2000, width: 3000 },
      type: 'image/jpeg',
    },
  ])(
    'a real $format upload keeps the original and writes every image size to disk as WebP at the configured dimensions',
    async ({ expected, filename, format, original, type }) => {
      const bytes = await gradientImage(original, format)
      const filesBefore = uploadsListing()

      const response = await suite.rest.post('/api/media', {
        body: uploadForm({ bytes, filename, type }, { alt: `Test image ${filename}` }),
        token: adminToken,
      })
      expect(response.status).toBe(201)
      const { doc } = (await response.json()) as { doc: Media }
      expect(doc).toMatchObject({ alt: `Test image ${filename}`, filename, height: original.height, mimeType: type, width: original.width })

      // The original is stored untouched.
      const originalPath = path.join(suite.uploadsDir, filename)
      expect(fs.readFileSync(originalPath).equals(bytes)).toBe(true)
      const originalMeta = await sharp(originalPath).metadata()
      expect({ format: originalMeta.format, height: originalMeta.height, width: originalMeta.width }).toEqual({ format, ...original })

      const sizes = configuredImageSizes()
      const reported = doc.sizes as Record<string, { filename?: null | string; height?: null | number; mimeType?: null | string; width?: null | number }>
      expect(Object.keys(reported).sort()).toEqual(sizes.map(({ name }) => name).sort())

      const sizeFiles: string[] = []
      for (const size of sizes) {
        const fromConfig = dimensionsFromConfig(size, original)
        expect({ name: size.name, ...fromConfig }).toEqual({ name: size.name, ...expected[size.name as keyof typeof expected] })

        const report = reported[size.name]
        expect({ name: size.name, height: report.height, mimeType: report.mimeType, width: report.width }).toEqual({
          name: size.name,
          ...fromConfig,
          mimeType: 'image/webp',
        })
        expect(report.filename).toEqual(expect.any(String))
        const sizePath = path.join(suite.uploadsDir, report.filename as string)
        expect(fs.existsSync(sizePath)).toBe(true)
        const meta = await sharp(sizePath).metadata()
        expect({ name: size.name, format: meta.format, height: meta.height, width: meta.width }).toEqual({
          name: size.name,
          format: 'webp',
          ...fromConfig,
        })
        sizeFiles.push(report.filename as string)
      }

      // Exactly the original and one file per size were added.
      const added = uploadsListing().filter((file) => !filesBefore.includes(file))
      expect(added.sort()).toEqual([filename, ...sizeFiles].sort())

      const stored = await suite.payload.findByID({ collection: 'media', id: doc.id, overrideAccess: true })
      expect(stored.filename).toBe(filename)
    },
    // Decoding and encoding multi-megapixel images takes a while on a busy two-core machine.
    120_000,
  )

  it.each([
    {
      description: 'a truncated PNG',
      filename: 'truncated-photo.png',
      makeBytes: async () => (await gradientImage({ height: 400, width: 600 }, 'png')).subarray(0, 4_000),
    },
    {
      description: 'a PNG header followed by garbage',
      filename: 'garbled-photo.png',
      makeBytes: async () => {
        const valid = await gradientImage({ height: 400, width: 600 }, 'png')
        const garbage = Buffer.alloc(20_000)
        for (let index = 0; index < garbage.length; index++) garbage[index] = (index * 7919 + 13) & 0xff
        // Signature and IHDR chunk (8 + 25 bytes) stay valid: the file still looks like a 600×400 PNG.
        return Buffer.concat([valid.subarray(0, 33), garbage])
      },
    },
  ])('refuses $description with 400 naming the file, and stores nothing', async ({ filename, makeBytes }) => {
    const json = await expectRefusedUpload({ bytes: await makeBytes(), filename, type: 'image/png' })
    expect(json.errors[0].data?.errors).toEqual([expect.objectContaining({ path: 'file' })])
  })

  it('refuses a text file renamed .png with 400 naming the file, and stores nothing', async () => {
    await expectRefusedUpload({
      bytes: new TextEncoder().encode('hello, this is not an image\n'),
      filename: 'not-an-image.png',
      type: 'image/png',
    })
  })

  it('refuses an upload without alt text with 400 naming the alt field, and stores nothing', async () => {
    const filesBefore = uploadsListing()
    const countBefore = await mediaCount()
    const bytes = await gradientImage({ height: 600, width: 900 }, 'png')
    const response = await suite.rest.post('/api/media', {
      body: uploadForm({ bytes, filename: 'no-alt-text.png', type: 'image/png' }, { caption: 'A caption but no alt text' }),
      token: adminToken,
    })
    expect(response.status).toBe(400)
    const json = (await response.json()) as ErrorBody
    expect(json.errors[0].name).toBe('ValidationError')
    expect(json.errors[0].data?.errors).toEqual([expect.objectContaining({ path: 'alt' })])
    expect(uploadsListing()).toEqual(filesBefore)
    expect(await mediaCount()).toBe(countBefore)
  })

  it('refuses an anonymous upload with 403, and stores nothing', async () => {
    const filesBefore = uploadsListing()
    const countBefore = await mediaCount()
    const bytes = await gradientImage({ height: 600, width: 900 }, 'png')
    const response = await suite.rest.post('/api/media', {
      body: uploadForm({ bytes, filename: 'anonymous.png', type: 'image/png' }, { alt: 'Sent without signing in' }),
    })
    expect(response.status).toBe(403)
    const json = (await response.json()) as ErrorBody
    expect(json.errors[0].message).toMatch(/not allowed/i)
    expect(uploadsListing()).toEqual(filesBefore)
    expect(await mediaCount()).toBe(countBefore)
  })

  it('lets anyone read media: an anonymous GET lists every uploaded image', async () => {
    const bytes = await gradientImage({ height: 600, width: 900 }, 'jpeg')
    const created = await suite.rest.post('/api/media', {
      body: uploadForm({ bytes, filename: 'public-read.jpg', type: 'image/jpeg' }, { alt: 'Readable by anyone' }),
      token: adminToken,
    })
    expect(created.status).toBe(201)
    const { doc } = (await created.json()) as { doc: Media }

    const stored = await suite.payload.find({ collection: 'media', limit: 0, overrideAccess: true })
    const response = await suite.rest.get('/api/media?limit=100')
    expect(response.status).toBe(200)
    const json = (await response.json()) as { docs: Media[]; totalDocs: number }
    expect(json.totalDocs).toBe(stored.totalDocs)
    expect(json.docs.map(({ id }) => id).sort()).toEqual(stored.docs.map(({ id }) => id).sort())
    expect(json.docs.find(({ id }) => id === doc.id)).toMatchObject({
      alt: 'Readable by anyone',
      filename: 'public-read.jpg',
      url: expect.stringContaining('public-read.jpg'),
    })
  })
})
