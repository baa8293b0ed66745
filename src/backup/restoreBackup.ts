import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import { createGunzip } from 'node:zlib'
import { BSON, type Db, type Document, MongoClient } from 'mongodb'
import type { Logger } from 'pino'

import type { S3Client } from '@aws-sdk/client-s3'

import { type ArchivedStorage, type BackupManifest, MANIFEST_ENTRY, parseManifest } from './backupManifest'
import { deleteStoredObjects, listStoredObjects, writeStoredObject } from '../storage/bucketObjects'
import { createS3Client } from '../storage/s3Client'
import { describeObjectStorage, type ObjectStorageSettings } from '../storage/settings'
import { ArchiveFormatError, readTar, type TarEntry } from './tarArchive'
import { uploadedFiles } from './uploadedFiles'

const { EJSON } = BSON

/** The archive cannot be restored (damaged, incomplete, not a backup) or the target is not empty: nothing was written. */
export class RestoreRefusedError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'RestoreRefusedError'
  }
}

export type RestoreOptions = {
  archivePath: string
  /** The target database's connection string (its database name included). */
  databaseUri: string
  logger: Logger
  /** The bucket to restore the files into (S3_BUCKET); null or absent: the uploads folder. */
  storage?: null | ObjectStorageSettings
  uploadsDir: string
}

export type RestoreSummary = {
  collections: number
  documents: number
  files: number
  bytes: number
  indexes: number
  manifest: BackupManifest
}

/** The archive's bytes after gunzip, the gzip layer's errors (a bad CRC, a cut-off stream) reported as a damaged archive. */
async function* decompressed(archivePath: string): AsyncGenerator<Buffer> {
  const gunzip = createGunzip()
  const file = fs.createReadStream(archivePath)
  file.on('error', (error) => gunzip.destroy(error))
  file.pipe(gunzip)
  try {
    for await (const chunk of gunzip) yield chunk as Buffer
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR' || /unexpected end of file/i.test((error as Error).message)) {
      throw new ArchiveFormatError(`the archive is damaged or truncated (${(error as Error).message})`)
    }
    throw error
  } finally {
    file.destroy()
    gunzip.destroy()
  }
}

function archiveEntries(archivePath: string): AsyncGenerator<TarEntry> {
  return readTar(decompressed(archivePath))
}

async function readAll(entry: TarEntry): Promise<Buffer> {
  const pieces: Buffer[] = []
  for await (const piece of entry.body) pieces.push(piece)
  return Buffer.concat(pieces)
}

/**
 * Reads the whole archive once: every entry's size and SHA-256 must match
 * the manifest, and the archive must hold exactly what the manifest lists.
 * Writes nothing. Returns the manifest.
 */
export async function verifyBackup(archivePath: string): Promise<BackupManifest> {
  if (!fs.existsSync(archivePath)) throw new RestoreRefusedError(`${archivePath}: no such file`)
  const seen = new Map<string, { sha256: string; size: number }>()
  let manifestText: string | undefined
  try {
    for await (const entry of archiveEntries(archivePath)) {
      if (seen.has(entry.name) || (entry.name === MANIFEST_ENTRY && manifestText !== undefined)) {
        throw new RestoreRefusedError(`the archive holds ${entry.name} twice`)
      }
      if (entry.name === MANIFEST_ENTRY) {
        manifestText = (await readAll(entry)).toString('utf8')
        continue
      }
      const hash = createHash('sha256')
      let size = 0
      for await (const piece of entry.body) {
        hash.update(piece)
        size += piece.length
      }
      seen.set(entry.name, { sha256: hash.digest('hex'), size })
    }
  } catch (error) {
    if (error instanceof ArchiveFormatError) throw new RestoreRefusedError(`${archivePath} cannot be restored: ${error.message}. Nothing was written.`)
    throw error
  }
  const refuse = (reason: string) => new RestoreRefusedError(`${archivePath} cannot be restored: ${reason}. Nothing was written.`)
  if (manifestText === undefined) throw refuse('it has no manifest (not a backup of this CMS, or cut short)')
  let manifest: BackupManifest
  try {
    manifest = parseManifest(manifestText)
  } catch (error) {
    throw refuse((error as Error).message)
  }
  const listed = [...manifest.collections.flatMap((collection) => collection.chunks), ...manifest.uploads.files]
  for (const file of listed) {
    const found = seen.get(file.path)
    if (!found) throw refuse(`${file.path} is missing from the archive`)
    if (found.size !== file.size || found.sha256 !== file.sha256) throw refuse(`${file.path} fails its SHA-256 check (the archive is damaged)`)
    seen.delete(file.path)
  }
  const unlisted = [...seen.keys()]
  if (unlisted.length > 0) throw refuse(`it holds entries its manifest does not list (${unlisted.slice(0, 3).join(', ')})`)
  return manifest
}

/** What the target holds already; empty when nothing. */
async function occupants(db: Db, uploadsDir: string, bucket: { client: S3Client; settings: ObjectStorageSettings } | undefined): Promise<string[]> {
  const found: string[] = []
  const collections = await db.listCollections({}, { nameOnly: true }).toArray()
  for (const { name } of collections) {
    if (name.startsWith('system.')) continue
    const count = await db.collection(name).countDocuments({}, { limit: 1 })
    if (count > 0) found.push(`collection ${name} has documents`)
  }
  if (bucket) {
    const objects = await listStoredObjects(bucket.client, bucket.settings)
    if (objects.length > 0) found.push(`${describeObjectStorage(bucket.settings)} holds ${objects.length} object(s)`)
    return found
  }
  const files = uploadedFiles(uploadsDir)
  if (files.length > 0) found.push(`the uploads folder ${uploadsDir} has ${files.length} file(s)`)
  return found
}

/**
 * Whether the archive's files can go where the files are kept now. Local to
 * object storage and back both work: documents name their files by file name,
 * and a file goes to the same path below S3_PREFIX as below the uploads
 * folder. From object storage, S3_PREFIX must be the one the backup was made
 * with, since documents record it.
 */
function storageMismatch(source: ArchivedStorage, target: null | ObjectStorageSettings): string | undefined {
  if (source.kind !== 's3' || !target || source.prefix === target.prefix) return undefined
  return `the backup's files were kept below S3_PREFIX "${source.prefix}" and its media documents record that folder; restore with S3_PREFIX=${source.prefix || '(unset)'} (now "${target.prefix}")`
}

/** An index as createIndexes takes it: listIndexes' answer without the version and namespace. */
function indexSpecification(index: Document): Document {
  const { ns: _ns, v: _v, ...specification } = index
  return specification
}

/**
 * Restores an archive into an empty database and an empty uploads folder
 * (or, with `storage`, an empty S3_PREFIX folder of the bucket, each object
 * written with the content type it was served with):
 * refuses (RestoreRefusedError, nothing written) when either holds anything
 * or when the archive fails verification. Documents are inserted as they
 * were (same _id, same BSON types), then the indexes are created, then the
 * files written, each checked against its SHA-256 again. When anything fails
 * half-way, what was written is removed.
 */
export async function restoreBackup({ archivePath, databaseUri, logger, storage, uploadsDir }: RestoreOptions): Promise<RestoreSummary> {
  const client = new MongoClient(databaseUri)
  await client.connect()
  const bucket = storage ? { client: createS3Client(storage), settings: storage } : undefined
  try {
    const db = client.db()
    const occupied = await occupants(db, uploadsDir, bucket)
    if (occupied.length > 0) {
      throw new RestoreRefusedError(
        `The target is not empty (${occupied.join('; ')}). Restore into a new, empty database and ${bucket ? 'bucket folder' : 'uploads folder'}; nothing was written.`,
      )
    }
    const manifest = await verifyBackup(archivePath)
    const mismatch = storageMismatch(manifest.uploads.storage ?? { kind: 'local' }, storage ?? null)
    if (mismatch) throw new RestoreRefusedError(`${archivePath} cannot be restored here: ${mismatch}. Nothing was written.`)
    const byChunk = new Map(manifest.collections.flatMap((collection) => collection.chunks.map((chunk) => [chunk.path, { chunk, collection }] as const)))
    const byFile = new Map(manifest.uploads.files.map((file) => [file.path, file]))
    const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map(({ name }) => name))
    const touched = new Set<string>()
    const writtenFiles: string[] = []
    const writtenObjects: string[] = []
    const summary: RestoreSummary = { bytes: 0, collections: manifest.collections.length, documents: 0, files: 0, indexes: 0, manifest }

    const prepare = async (name: string) => {
      if (touched.has(name)) return
      touched.add(name)
      const options = manifest.collections.find((collection) => collection.name === name)?.options ?? {}
      if (!existing.has(name)) await db.createCollection(name, EJSON.deserialize(options, { relaxed: false }))
    }

    try {
      for await (const entry of archiveEntries(archivePath)) {
        const chunk = byChunk.get(entry.name)
        if (chunk) {
          const data = await readAll(entry)
          if (createHash('sha256').update(data).digest('hex') !== chunk.chunk.sha256) throw new Error(`${entry.name} changed since it was verified`)
          const documents = data
            .toString('utf8')
            .split('\n')
            .filter((line) => line.length > 0)
            .map((line) => EJSON.parse(line, { relaxed: false }) as Document)
          await prepare(chunk.collection.name)
          await db.collection(chunk.collection.name).insertMany(documents, { bypassDocumentValidation: true, ordered: true })
          summary.documents += documents.length
          continue
        }
        const file = byFile.get(entry.name)
        if (file && bucket) {
          const hash = createHash('sha256')
          const checked = Readable.from(
            (async function* () {
              for await (const piece of entry.body) {
                hash.update(piece)
                yield piece
              }
            })(),
          )
          writtenObjects.push(
            await writeStoredObject(bucket.client, bucket.settings, entry.name.slice('uploads/'.length), checked, { contentType: file.contentType, size: file.size }),
          )
          if (hash.digest('hex') !== file.sha256) throw new Error(`${entry.name} changed since it was verified`)
          summary.files += 1
          summary.bytes += file.size
        } else if (file) {
          const target = path.join(uploadsDir, ...entry.name.slice('uploads/'.length).split('/'))
          fs.mkdirSync(path.dirname(target), { recursive: true })
          const hash = createHash('sha256')
          const output = fs.createWriteStream(target, { flags: 'wx' })
          writtenFiles.push(target)
          for await (const piece of entry.body) {
            hash.update(piece)
            if (!output.write(piece)) await new Promise<void>((resolve) => output.once('drain', () => resolve()))
          }
          await new Promise<void>((resolve, reject) => {
            output.once('error', reject)
            output.end(() => resolve())
          })
          if (hash.digest('hex') !== file.sha256) throw new Error(`${entry.name} changed since it was verified`)
          summary.files += 1
          summary.bytes += file.size
        }
      }
      for (const collection of manifest.collections) {
        await prepare(collection.name)
        const specifications = collection.indexes
          .map((index) => indexSpecification(EJSON.deserialize(index, { relaxed: false })))
          .filter((index) => index.name !== '_id_')
        if (specifications.length > 0) await db.collection(collection.name).createIndexes(specifications as never)
        summary.indexes += specifications.length
      }
    } catch (error) {
      logger.error(`Restore failed (${(error as Error).message}): removing what it wrote`)
      for (const name of touched) await db.collection(name).drop().catch(() => undefined)
      for (const file of writtenFiles) fs.rmSync(file, { force: true })
      if (bucket) await deleteStoredObjects(bucket.client, bucket.settings, writtenObjects).catch(() => undefined)
      throw error
    }
    return summary
  } finally {
    bucket?.client.destroy()
    await client.close()
  }
}
