import fs from 'node:fs/promises'
import path from 'node:path'
import type { PayloadRequest, UploadConfig, Where } from 'payload'

import { uploadsDir } from '../../src/lib/projectPaths'

function notFound(): Response {
  return Response.json({ errors: [{ message: 'There is no such media file.' }] }, { status: 404 })
}

/**
 * GET /api/media/file/<name> serves a file only when a media document records
 * it (as its file or one of its image sizes) and it is on disk: never another
 * file that happens to be in the uploads folder (such as the imports folder
 * inside it), and a 404 with a JSON message rather than Payload's 500 when
 * there is no such file. Returning nothing lets Payload serve the file (or,
 * with object storage, the storage's own handler after this one).
 */
async function refusalFor(req: PayloadRequest, filename: string): Promise<Response | undefined> {
  const { disableLocalStorage, imageSizes, staticDir } = req.payload.collections.media.config.upload
  const directory = path.resolve(staticDir ?? uploadsDir())
  const filePath = path.resolve(directory, filename)
  if (path.dirname(filePath) !== directory) return notFound()

  const sizeNames = (imageSizes ?? []).map(({ name }) => name)
  const where: Where = {
    or: [{ filename: { equals: filename } }, ...sizeNames.map((name) => ({ [`sizes.${name}.filename`]: { equals: filename } }))],
  }
  const { totalDocs } = await req.payload.count({ collection: 'media', overrideAccess: true, req, where })
  if (totalDocs === 0) return notFound()
  // Files kept in object storage (src/storage/): the storage's handler serves them, or answers 404 itself.
  if (disableLocalStorage) return undefined
  try {
    if (!(await fs.stat(filePath)).isFile()) return notFound()
  } catch {
    req.payload.logger.warn({ filename, msg: 'A media file recorded in the database is missing from the uploads folder' })
    return notFound()
  }
  return undefined
}

type UploadHandler = NonNullable<UploadConfig['handlers']>[number]

// Payload's type wants either always a Response or never one; undefined lets it serve the file.
export const serveRecordedFilesOnly: UploadHandler = (req, { params }) => refusalFor(req, params.filename) as Promise<Response>
