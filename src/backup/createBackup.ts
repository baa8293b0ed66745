import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { createGzip } from 'node:zlib'
import { BSON, type ClientSession, type Db, MongoClient } from 'mongodb'
import type { Logger } from 'pino'

import {
  type ArchivedCollection,
  type ArchivedFile,
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  type ArchivedStorage,
  type BackupManifest,
  chunkEntry,
  isSafeRelativePath,
  MANIFEST_ENTRY,
  uploadEntry,
} from './backupManifest'
import { probeDatabaseServer } from '../database/serverCapabilities'
import { listStoredObjects, readStoredObject } from '../storage/bucketObjects'
import { createS3Client } from '../storage/s3Client'
import type { ObjectStorageSettings } from '../storage/settings'
import { uploadedFiles } from './uploadedFiles'
import { TarWriter } from './tarArchive'

const { EJSON } = BSON

export type BackupOptions = {
  /** Bytes of Extended JSON per batch of documents (one archive entry); bounds the memory used. */
  batchBytes?: number
  /** The database's connection string (its database name included). */
  databaseUri: string
  logger: Logger
  /** The folder the archive is written to (created when missing). */
  outDir: string
  /** The bucket the media are kept in (S3_BUCKET); null or absent: the uploads folder. */
  storage?: null | ObjectStorageSettings
  uploadsDir: string
}

export type BackupResult = {
  archivePath: string
  bytes: number
  manifest: BackupManifest
}

/** Reading options that keep every BSON type as it is (Int32 stays Int32, Double stays Double, Long stays Long). */
const EXACT_TYPES = { bsonRegExp: true, promoteBuffers: false, promoteLongs: false, promoteValues: false } as const

/** `journal-20261128-174941Z.tar.gz`: the database's name and the UTC time; later ones sort after earlier ones. */
export function archiveName(databaseName: string, at: Date): string {
  const stamp = at.toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '').replace('T', '-')
  return `${databaseName.replace(/[^\w.-]/g, '_')}-${stamp}.tar.gz`
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex')
}

type ServerDescription = { description: string; snapshotReads: boolean }

async function describeServer(db: Db): Promise<ServerDescription> {
  const { capabilities, description } = await probeDatabaseServer(db)
  return { description, snapshotReads: capabilities.snapshotReads }
}

/** A snapshot session when the server offers one, after checking that a read in it works. */
async function openSnapshotSession(client: MongoClient, db: Db, server: ServerDescription, logger: Logger): Promise<ClientSession | undefined> {
  const limits =
    'each document is saved as it is when read, so a change made while the backup runs may be in it for one collection and not yet for another'
  if (!server.snapshotReads) {
    logger.warn(`Backup: ${server.description} offers no snapshot reads: ${limits}. Run backups when nobody is editing.`)
    return undefined
  }
  const session = client.startSession({ snapshot: true })
  try {
    await db.collection('payload-migrations').findOne({}, { session })
    return session
  } catch (error) {
    await session.endSession()
    logger.warn(`Backup: a snapshot read failed (${(error as Error).message}): ${limits}.`)
    return undefined
  }
}

async function backupCollection(
  db: Db,
  name: string,
  options: Record<string, unknown>,
  tar: TarWriter,
  session: ClientSession | undefined,
  batchBytes: number,
): Promise<ArchivedCollection> {
  const collection = db.collection(name)
  const indexes = (await collection.listIndexes().toArray()).map((index) => EJSON.serialize(index, { relaxed: false }) as Record<string, unknown>)
  const archived: ArchivedCollection = { chunks: [], documents: 0, indexes, name, options: EJSON.serialize(options, { relaxed: false }) as Record<string, unknown> }
  let lines: string[] = []
  let bytes = 0
  const flush = async () => {
    if (lines.length === 0) return
    const data = Buffer.from(`${lines.join('\n')}\n`, 'utf8')
    const entry = chunkEntry(name, archived.chunks.length + 1)
    await tar.add(entry, data)
    archived.chunks.push({ documents: lines.length, path: entry, sha256: sha256(data), size: data.length })
    lines = []
    bytes = 0
  }
  const cursor = collection.find({}, { ...EXACT_TYPES, batchSize: 500, session, sort: { _id: 1 } })
  for await (const document of cursor) {
    const line = EJSON.stringify(document, { relaxed: false })
    lines.push(line)
    bytes += line.length + 1
    archived.documents += 1
    if (bytes >= batchBytes) await flush()
  }
  await flush()
  return archived
}

async function backupUploads(uploadsDir: string, tar: TarWriter): Promise<ArchivedFile[]> {
  const files: ArchivedFile[] = []
  for (const relativePath of uploadedFiles(uploadsDir)) {
    const absolute = path.join(uploadsDir, relativePath)
    const { size } = fs.statSync(absolute)
    const hash = createHash('sha256')
    const entry = uploadEntry(relativePath)
    await tar.addStream(entry, size, fs.createReadStream(absolute), (chunk) => hash.update(chunk))
    files.push({ path: entry, sha256: hash.digest('hex'), size })
  }
  return files
}

/** Every object below S3_PREFIX, streamed into the archive as `uploads/<path below the prefix>`, with its content type. */
async function backupBucket(settings: ObjectStorageSettings, tar: TarWriter, logger: Logger): Promise<ArchivedFile[]> {
  const client = createS3Client(settings)
  const files: ArchivedFile[] = []
  try {
    for (const object of await listStoredObjects(client, settings)) {
      if (!isSafeRelativePath(object.relativePath)) {
        logger.warn(`Backup: the object ${object.key} is left out: its name is not a file name the CMS writes`)
        continue
      }
      const { body, contentType, size } = await readStoredObject(client, settings, object.key)
      const hash = createHash('sha256')
      const entry = uploadEntry(object.relativePath)
      await tar.addStream(entry, size, body, (chunk) => hash.update(chunk))
      files.push({ contentType, path: entry, sha256: hash.digest('hex'), size })
    }
  } finally {
    client.destroy()
  }
  return files
}

/** A name in `outDir` no file has yet: the timestamped name, or it with -2, -3… when two backups start in one second. */
function freeArchivePath(outDir: string, name: string): string {
  let candidate = path.join(outDir, name)
  for (let attempt = 2; fs.existsSync(candidate) || fs.existsSync(`${candidate}.partial`); attempt++) {
    candidate = path.join(outDir, name.replace(/\.tar\.gz$/, `-${attempt}.tar.gz`))
  }
  return candidate
}

/**
 * Writes one archive of the whole database (every collection, its options,
 * indexes and documents) and every file under the uploads folder (or, with
 * object storage, every object below S3_PREFIX in the bucket), with a
 * manifest of sizes and SHA-256 sums. The database is read first, then the
 * files, so that every file a saved document names is in the archive.
 * The archive appears under its final name only once complete.
 */
export async function createBackup({ batchBytes = 4 * 1024 * 1024, databaseUri, logger, outDir, storage, uploadsDir }: BackupOptions): Promise<BackupResult> {
  const client = new MongoClient(databaseUri)
  await client.connect()
  let partialPath: string | undefined
  try {
    const db = client.db()
    const server = await describeServer(db)
    const session = await openSnapshotSession(client, db, server, logger)
    const createdAt = new Date()
    fs.mkdirSync(outDir, { recursive: true })
    const archivePath = freeArchivePath(outDir, archiveName(db.databaseName, createdAt))
    partialPath = `${archivePath}.partial`

    // The archive holds password hashes and API keys: readable by its owner only.
    const gzip = createGzip({ level: 6 })
    const written = pipeline(gzip, fs.createWriteStream(partialPath, { flags: 'wx', mode: 0o600 }))
    written.catch(() => undefined) // awaited below; a failure before then is reported by the write that meets it
    const tar = new TarWriter(gzip)
    try {
      const listed = await db.listCollections({}, { nameOnly: false }).toArray()
      const collections = listed
        .filter((info) => (info.type ?? 'collection') === 'collection' && !info.name.startsWith('system.'))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      const archivedCollections: ArchivedCollection[] = []
      for (const info of collections) {
        const options = ('options' in info ? info.options : undefined) ?? {}
        archivedCollections.push(await backupCollection(db, info.name, options, tar, session, batchBytes))
        logger.debug(`Backup: ${info.name} read`)
      }
      await session?.endSession()
      const files = storage ? await backupBucket(storage, tar, logger) : await backupUploads(uploadsDir, tar)
      const archivedStorage: ArchivedStorage = storage ? { bucket: storage.bucket, kind: 's3', prefix: storage.prefix } : { kind: 'local' }
      const manifest: BackupManifest = {
        collections: archivedCollections,
        createdAt: createdAt.toISOString(),
        database: { consistency: session ? 'snapshot' : 'none', name: db.databaseName, server: server.description },
        format: BACKUP_FORMAT,
        formatVersion: BACKUP_FORMAT_VERSION,
        uploads: { bytes: files.reduce((sum, file) => sum + file.size, 0), files, storage: archivedStorage },
      }
      await tar.add(MANIFEST_ENTRY, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'))
      await tar.finish()
      await written
      const handle = fs.openSync(partialPath, 'r')
      fs.fsyncSync(handle)
      fs.closeSync(handle)
      fs.renameSync(partialPath, archivePath)
      partialPath = undefined
      return { archivePath, bytes: fs.statSync(archivePath).size, manifest }
    } catch (error) {
      gzip.destroy()
      await written.catch(() => undefined)
      throw error
    }
  } finally {
    if (partialPath) fs.rmSync(partialPath, { force: true })
    await client.close()
  }
}
