import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { ImageSize } from 'payload'
import sharp from 'sharp'

import { MEDIA_IMAGE_SIZES } from '../collections/Media/imageSizes'
import type { DatasetSummary } from './dataset'
import { sampleMemory } from './load'
import { photograph } from './dataset'
import { Random } from './sampleText'

export type UploadResult = {
  megapixels: number
  fileMegabytes: number
  uploads: number
  /** Milliseconds per upload through the CMS (REST, an editor's session), median and slowest. */
  cmsMs: { median: number; max: number }
  /** Milliseconds for sharp alone to write the original and every image size. */
  sharpMs: { median: number; max: number }
  ratio: number
  serverPeakRssMb: number
  benchPeakRssMb: number
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

/** A 24-megapixel photograph (6000 × 4000), as a camera would hand an editor. */
export function cameraPhotograph(): Promise<Buffer> {
  return photograph(new Random(24), 6000, 4000)
}

/** What Payload does with an upload's image, done with sharp alone: metadata, the original written, every size resized and encoded. */
async function sharpAlone(image: Buffer, directory: string): Promise<void> {
  const sizes = MEDIA_IMAGE_SIZES
  await sharp(image).metadata()
  await fs.promises.writeFile(path.join(directory, 'original.jpg'), image)
  await Promise.all(
    sizes.map((size: ImageSize) => {
      let pipeline = sharp(image).rotate().resize({ height: size.height, width: size.width, withoutEnlargement: size.withoutEnlargement })
      if (size.formatOptions) pipeline = pipeline.toFormat(size.formatOptions.format, size.formatOptions.options)
      return pipeline.toFile(path.join(directory, `${size.name}.${size.formatOptions?.format ?? 'jpg'}`))
    }),
  )
}

/**
 * Uploads the photograph `count` times through the CMS as an editor, one
 * after another, and times sharp alone on the same bytes.
 */
export async function benchmarkUpload(url: string, serverPid: number, dataset: DatasetSummary, count: number): Promise<UploadResult> {
  const image = await cameraPhotograph()
  const metadata = await sharp(image).metadata()
  const login = await fetch(`${url}/api/users/login`, {
    body: JSON.stringify(dataset.editor),
    headers: { 'content-type': 'application/json' },
    method: 'POST',
  })
  if (!login.ok) throw new Error(`the benchmark editor could not sign in: ${login.status} ${await login.text()}`)
  const { token } = (await login.json()) as { token: string }

  const serverMemory = sampleMemory(serverPid, 50)
  const cms: number[] = []
  const created: string[] = []
  for (let index = 0; index < count; index++) {
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(image)], { type: 'image/jpeg' }), `camera-${index + 1}.jpg`)
    form.append('_payload', JSON.stringify({ alt: 'A photograph from a camera' }))
    const started = performance.now()
    const response = await fetch(`${url}/api/media`, { body: form, headers: { authorization: `JWT ${token}` }, method: 'POST' })
    const answer = (await response.json()) as { doc?: { id: string }; errors?: unknown }
    cms.push(performance.now() - started)
    if (!response.ok || !answer.doc) throw new Error(`the upload was refused: ${response.status} ${JSON.stringify(answer)}`)
    created.push(answer.doc.id)
  }
  serverMemory.stop()
  // The uploads are not part of the data set: later runs start from the same media.
  for (const id of created) await fetch(`${url}/api/media/${id}`, { headers: { authorization: `JWT ${token}` }, method: 'DELETE' })

  const benchMemory = sampleMemory(process.pid, 50)
  const alone: number[] = []
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-cms-bench-sharp-'))
  try {
    for (let index = 0; index < count; index++) {
      const started = performance.now()
      await sharpAlone(image, directory)
      alone.push(performance.now() - started)
    }
  } finally {
    fs.rmSync(directory, { force: true, recursive: true })
    benchMemory.stop()
  }
  const round = (value: number) => Math.round(value)
  return {
    benchPeakRssMb: benchMemory.peakMb(),
    cmsMs: { max: round(Math.max(...cms)), median: round(median(cms)) },
    fileMegabytes: Math.round((image.length / 1024 / 1024) * 10) / 10,
    megapixels: Math.round(((metadata.width ?? 0) * (metadata.height ?? 0)) / 1e5) / 10,
    ratio: Math.round((median(cms) / median(alone)) * 100) / 100,
    serverPeakRssMb: serverMemory.peakMb(),
    sharpMs: { max: round(Math.max(...alone)), median: round(median(alone)) },
    uploads: count,
  }
}
