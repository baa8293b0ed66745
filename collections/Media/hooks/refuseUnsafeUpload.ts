import fs from 'node:fs/promises'
import { APIError, ValidationError, type CollectionBeforeOperationHook, type PayloadRequest } from 'payload'
import sharp, { type Metadata } from 'sharp'

import type { UploadLimits } from '../../../src/settings/environment'
import {
  ACCEPTED_MEDIA_TYPES,
  describeUnacceptedFile,
  detectMediaFileType,
  MEDIA_FILE_EXTENSIONS,
  type MediaFileType,
} from '../../../src/lib/fileSignature'
import { safeUploadFilename } from '../../../src/lib/uploadFilename'

type UploadedFile = NonNullable<PayloadRequest['file']>

/** Thrown with the reason; becomes a 400 naming the file and the `file` path. */
class RefusedFile extends Error {}

/** How many bytes at the end of a PDF must hold its end-of-file marker. */
const PDF_TAIL_BYTES = 1024

async function fileBytes(file: UploadedFile): Promise<Buffer> {
  // Without useTempFiles, Payload sets tempFilePath to '' and keeps the bytes in data.
  if (file.data?.length || !file.tempFilePath) return file.data
  return fs.readFile(file.tempFilePath)
}

/** The largest side of the small image a file is decoded into to prove it complete. */
const CHECK_SIZE = 256

function megapixels(pixels: number): string {
  return `${Math.round(pixels / 100_000) / 10} million`
}

/**
 * Reads the image's dimensions and frame count from its header (no pixel is
 * decoded), refuses what is over the limits, then decodes the whole first
 * frame (into a small image) so a corrupt or truncated file is refused too.
 */
async function checkImage(bytes: Buffer, type: MediaFileType, limits: UploadLimits): Promise<void> {
  let metadata: Metadata
  try {
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata()
  } catch {
    throw new RefusedFile(`is not a readable ${type.label} image`)
  }
  const expectedFormat = type.extension === 'jpg' ? 'jpeg' : type.extension === 'avif' ? 'heif' : type.extension
  if (metadata.format !== expectedFormat || !metadata.width || !metadata.height) {
    throw new RefusedFile(`is not a readable ${type.label} image`)
  }
  const frames = metadata.pages ?? 1
  const frameHeight = metadata.pageHeight ?? metadata.height
  const framePixels = metadata.width * frameHeight
  if (framePixels > limits.maxPixels) {
    throw new RefusedFile(
      `is ${metadata.width}×${frameHeight} pixels, more than the limit of ${megapixels(limits.maxPixels)} pixels`,
    )
  }
  if (frames > limits.maxFrames) {
    throw new RefusedFile(`has ${frames} frames, more than the limit of ${limits.maxFrames} frames`)
  }
  if (framePixels * frames > limits.maxPixels) {
    throw new RefusedFile(
      `has ${frames} frames of ${metadata.width}×${frameHeight} pixels, more than the limit of ${megapixels(limits.maxPixels)} pixels in all`,
    )
  }
  try {
    // Every byte of the first frame is decoded, into a small image: JPEG and WebP decode at a
    // fraction of their size straight from the file (all of it still read and checked), so a
    // camera's photograph is checked in a tenth of a second rather than seconds (bench/README.md).
    await sharp(bytes, { failOn: 'error', limitInputPixels: limits.maxPixels })
      .resize(CHECK_SIZE, CHECK_SIZE, { fit: 'inside', withoutEnlargement: true })
      .raw()
      .toBuffer()
  } catch {
    throw new RefusedFile(`is not a readable ${type.label} image: it is damaged or incomplete`)
  }
}

/** A PDF starts with its header (checked by the detector) and ends with its cross-reference pointer and end marker. */
function checkPdf(bytes: Buffer): void {
  const tail = bytes.subarray(Math.max(0, bytes.length - PDF_TAIL_BYTES)).toString('latin1')
  if (!tail.includes('startxref') || !tail.includes('%%EOF')) {
    throw new RefusedFile('is not a complete PDF: it is damaged or cut short')
  }
}

/**
 * Image sizes are named after the original without its extension
 * (`courtyard-300x300.webp`), so `courtyard.png` would overwrite the sizes of
 * an earlier `courtyard.jpg`. A name whose stem another document's file
 * already has under another extension gets a number (`courtyard-1.png`);
 * Payload numbers names taken with the same extension itself.
 */
async function nameWithFreeStem(filename: string, req: PayloadRequest): Promise<string> {
  const extension = filename.slice(filename.lastIndexOf('.') + 1)
  const stem = filename.slice(0, filename.lastIndexOf('.'))
  const otherExtensions = MEDIA_FILE_EXTENSIONS.filter((other) => other !== extension)
  for (let attempt = 0; ; attempt++) {
    const candidate = attempt === 0 ? stem : `${stem}-${attempt}`
    const { totalDocs } = await req.payload.count({
      collection: 'media',
      overrideAccess: true,
      req,
      where: { filename: { in: otherExtensions.map((other) => `${candidate}.${other}`) } },
    })
    if (totalDocs === 0) return `${candidate}.${extension}`
  }
}

/**
 * Decides what an uploaded file is from its bytes, before Payload stores
 * anything: only JPEG, PNG, WebP, AVIF, GIF and PDF are accepted, whatever
 * the file's name or declared type. Images must be within the pixel and frame
 * limits and decode without error. An accepted file is stored under a safe
 * name with the extension and MIME type of what its bytes are
 * (docs/security.md, "Uploads").
 *
 * A refused file gets a 400 naming the file and the reason (413 when it is
 * over the size limit); nothing reaches the database or the uploads folder.
 *
 * This hook runs before Payload's access check, so it leaves anonymous
 * requests alone: those are refused with 403 without reading anything.
 * Files created by server code through the Local API are checked as well.
 */
export function refuseUnsafeUpload(limits: UploadLimits): CollectionBeforeOperationHook<'media'> {
  return async ({ args, collection, operation, req }) => {
    if (operation !== 'create' && operation !== 'update') return args
    const file = req.file
    // Anonymous requests are refused by the access check; server code (Local API, overrideAccess) is checked too.
    if (!file || (!req.user && !args.overrideAccess)) return args
    const shownName = file.name.replace(/\p{Cc}/gu, '')

    if (file.size > limits.maxFileBytes) {
      throw new APIError(`"${shownName}" is larger than the limit of ${limits.maxFileBytes / 1024 / 1024} MB`, 413)
    }
    try {
      const bytes = await fileBytes(file)
      const type = detectMediaFileType(bytes)
      if (!type) {
        const looksLike = describeUnacceptedFile(bytes)
        throw new RefusedFile(
          `is ${looksLike ?? 'not a file of an accepted type'}${looksLike ? ', which is not accepted' : ''}: upload a ${ACCEPTED_MEDIA_TYPES} file (its contents decide, not its name)`,
        )
      }
      if (type.image) await checkImage(bytes, type, limits)
      else checkPdf(bytes)

      file.mimetype = type.mimeType
      file.name = await nameWithFreeStem(safeUploadFilename(file.name, type.extension), req)
    } catch (error) {
      if (!(error instanceof RefusedFile)) throw error
      req.payload.logger.info({ msg: 'Refused a media upload', reason: error.message, user: req.user?.id })
      throw new ValidationError({
        collection: collection.slug,
        errors: [{ message: `"${shownName}" ${error.message}`, path: 'file' }],
        req,
      })
    }
    return args
  }
}
