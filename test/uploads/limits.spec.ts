import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import sharp from 'sharp'

import { ConfigurationError } from '../../src/settings/configurationError'
import { readServerEnvironment, readUploadLimits } from '../../src/settings/environment'
import type { Media } from '../../src/payload-types'
import { animatedGif, filesUnder, photo, pngClaimingDimensions, uploadForm, type UploadFile } from '../helpers/mediaFiles'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'

let suite: SuiteContext
let adminToken: string

const admin = { email: 'limits-admin@example.org', name: 'Limits Admin', password: 'a long passphrase for upload limits 1' }
const limitSettings = { UPLOAD_MAX_FILE_SIZE_MB: '1', UPLOAD_MAX_FRAMES: '50', UPLOAD_MAX_PIXELS: '4000000' }
const savedSettings = Object.fromEntries(Object.keys(limitSettings).map((name) => [name, process.env[name]]))

type ErrorBody = { errors: { data?: { errors?: { message: string; path: string }[] }; message: string }[] }

beforeAll(async () => {
  Object.assign(process.env, limitSettings)
  suite = await startPayloadForSuite('media-limits')
  const registered = await suite.rest.post('/api/users/first-register', { body: admin })
  if (registered.status !== 200) throw new Error(`first-register failed (${registered.status}): ${await registered.text()}`)
  adminToken = await suite.rest.login(admin.email, admin.password)
})

afterAll(async () => {
  await suite?.close()
  for (const [name, value] of Object.entries(savedSettings)) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
})

async function mediaCount(): Promise<number> {
  return (await suite.payload.count({ collection: 'media', overrideAccess: true })).totalDocs
}

async function upload(file: UploadFile): Promise<Response> {
  return suite.rest.post('/api/media', { body: uploadForm(file, { alt: `Upload of ${file.filename}` }), token: adminToken })
}

/** Uploads a file that must be refused with `status`; returns the message. Nothing may be stored. */
async function expectRefused(file: UploadFile, status: number): Promise<string> {
  const filesBefore = filesUnder(suite.uploadsDir)
  const countBefore = await mediaCount()
  const response = await upload(file)
  expect(response.status).toBe(status)
  expect(response.headers.get('content-type')).toMatch(/application\/json/)
  const json = (await response.json()) as ErrorBody
  expect(filesUnder(suite.uploadsDir)).toEqual(filesBefore)
  expect(await mediaCount()).toBe(countBefore)
  return json.errors[0].data?.errors?.[0]?.message ?? json.errors[0].message
}

function plainImage(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { background: '#4a6d8c', channels: 3, height, width } }).png().toBuffer()
}

describe('upload limits from the environment', () => {
  it('reads UPLOAD_MAX_FILE_SIZE_MB, UPLOAD_MAX_PIXELS and UPLOAD_MAX_FRAMES, with defaults', () => {
    expect(readUploadLimits({})).toEqual({ maxFileBytes: 20 * 1024 * 1024, maxFrames: 200, maxPixels: 50_000_000 })
    expect(readUploadLimits(limitSettings)).toEqual({ maxFileBytes: 1024 * 1024, maxFrames: 50, maxPixels: 4_000_000 })
    expect(readServerEnvironment({}).uploads).toEqual(readUploadLimits({}))
  })

  it.each([
    { env: { UPLOAD_MAX_FILE_SIZE_MB: '0' }, message: /UPLOAD_MAX_FILE_SIZE_MB must be a whole number from 1 to 1024/ },
    { env: { UPLOAD_MAX_FILE_SIZE_MB: '20MB' }, message: /UPLOAD_MAX_FILE_SIZE_MB must be a whole number/ },
    { env: { UPLOAD_MAX_PIXELS: '-5' }, message: /UPLOAD_MAX_PIXELS must be a whole number from 1 to 1000000000/ },
    { env: { UPLOAD_MAX_FRAMES: 'lots' }, message: /UPLOAD_MAX_FRAMES must be a whole number from 1 to 10000/ },
  ])('refuses $env at start, naming the setting', ({ env, message }) => {
    expect(() => readServerEnvironment(env)).toThrow(ConfigurationError)
    expect(() => readServerEnvironment(env)).toThrow(message)
  })

  it('gives Payload the size limit to stop reading at', () => {
    expect(suite.config.upload).toMatchObject({ abortOnLimit: true, limits: { fileSize: 1024 * 1024 } })
  })
})

describe('uploads over the limits are refused fast, and nothing is stored', () => {
  it('refuses a file over UPLOAD_MAX_FILE_SIZE_MB with 413', async () => {
    const image = await photo({ height: 300, width: 400 }, 'png')
    const bytes = Buffer.concat([image, Buffer.alloc(1024 * 1024 + 1 - image.length, 0x20)])
    const message = await expectRefused({ bytes, filename: 'too-large.png', type: 'image/png' }, 413)
    expect(message).toBe('The file is larger than the limit of 1 MB')
  })

  it('accepts a file just under the size limit', async () => {
    const bytes = await photo({ height: 420, width: 640 }, 'png')
    expect(bytes.length).toBeLessThan(1024 * 1024)
    const response = await upload({ bytes, filename: 'within-limit.png', type: 'image/png' })
    expect(response.status).toBe(201)
  }, 60_000)

  it('refuses a decompression bomb (a tiny PNG claiming 60000×60000 pixels) from its header, quickly and without the memory to decode it', async () => {
    const bytes = pngClaimingDimensions(60_000, 60_000)
    expect(bytes.length).toBeLessThan(2_000)
    const rssBefore = process.memoryUsage().rss
    const started = performance.now()
    const message = await expectRefused({ bytes, filename: 'bomb.png', type: 'image/png' }, 400)
    const elapsed = performance.now() - started
    expect(message).toBe('"bomb.png" is 60000×60000 pixels, more than the limit of 4 million pixels')
    // Decoding it would take 10 GB and many seconds.
    expect(elapsed).toBeLessThan(3_000)
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(256 * 1024 * 1024)
  })

  it('refuses an image one row over UPLOAD_MAX_PIXELS and accepts one at the limit', async () => {
    const message = await expectRefused({ bytes: await plainImage(2000, 2001), filename: 'just-over.png', type: 'image/png' }, 400)
    expect(message).toBe('"just-over.png" is 2000×2001 pixels, more than the limit of 4 million pixels')

    const response = await upload({ bytes: await plainImage(2000, 2000), filename: 'at-the-limit.png', type: 'image/png' })
    expect(response.status).toBe(201)
    const { doc } = (await response.json()) as { doc: Media }
    expect(doc).toMatchObject({ height: 2000, width: 2000 })
  }, 60_000)

  it('refuses an animated GIF with more frames than UPLOAD_MAX_FRAMES, however small', async () => {
    const bytes = animatedGif(5_000)
    expect(bytes.length).toBeLessThan(200_000)
    const started = performance.now()
    const message = await expectRefused({ bytes, filename: 'flicker.gif', type: 'image/gif' }, 400)
    expect(message).toBe('"flicker.gif" has 5000 frames, more than the limit of 50 frames')
    expect(performance.now() - started).toBeLessThan(3_000)
  })

  it('refuses an animated WebP with more frames than UPLOAD_MAX_FRAMES', async () => {
    const bytes = await sharp(animatedGif(120), { animated: true }).webp().toBuffer()
    expect((await sharp(bytes).metadata()).pages).toBe(120)
    const message = await expectRefused({ bytes, filename: 'flicker.webp', type: 'image/webp' }, 400)
    expect(message).toBe('"flicker.webp" has 120 frames, more than the limit of 50 frames')
  })

  it('refuses an animated GIF whose frames together exceed UPLOAD_MAX_PIXELS', async () => {
    const bytes = animatedGif(40, { height: 400, width: 400 })
    const message = await expectRefused({ bytes, filename: 'slideshow.gif', type: 'image/gif' }, 400)
    expect(message).toBe('"slideshow.gif" has 40 frames of 400×400 pixels, more than the limit of 4 million pixels in all')
  })

  it('accepts an animated GIF within both limits', async () => {
    const response = await upload({ bytes: animatedGif(50, { height: 200, width: 200 }), filename: 'spinner.gif', type: 'image/gif' })
    expect(response.status).toBe(201)
  })

  it.each([
    { cut: 0.5, filename: 'cut-short.jpg', format: 'jpeg' as const, label: 'JPEG', type: 'image/jpeg' },
    { cut: 0.5, filename: 'cut-short.webp', format: 'webp' as const, label: 'WebP', type: 'image/webp' },
    { cut: 0.6, filename: 'cut-short.avif', format: 'avif' as const, label: 'AVIF', type: 'image/avif' },
    { cut: 0.5, filename: 'cut-short.gif', format: 'gif' as const, label: 'GIF', type: 'image/gif' },
  ])('refuses a truncated $label image', async ({ cut, filename, format, label, type }) => {
    const whole = await photo({ height: 240, width: 320 }, format)
    const message = await expectRefused({ bytes: whole.subarray(0, Math.floor(whole.length * cut)), filename, type }, 400)
    expect(message).toMatch(new RegExp(`^"${filename}" is not a readable ${label} image`))
  })

  // Large JPEG and WebP files are checked by decoding them at a fraction of their size: the whole file must still be read.
  it.each([
    { format: 'jpeg' as const, label: 'JPEG', type: 'image/jpeg' },
    { format: 'webp' as const, label: 'WebP', type: 'image/webp' },
  ])('accepts a whole large $label photograph and refuses it cut short near its end', async ({ format, label, type }) => {
    const whole = await photo({ height: 1500, width: 2000 }, format)
    expect(whole.length).toBeLessThan(1024 * 1024)
    const accepted = await upload({ bytes: whole, filename: `large.${format}`, type })
    expect(accepted.status).toBe(201)
    const filename = `large-cut-short.${format}`
    const message = await expectRefused({ bytes: whole.subarray(0, Math.floor(whole.length * 0.95)), filename, type }, 400)
    expect(message).toMatch(new RegExp(`^"${filename}" is not a readable ${label} image`))
  })
})
