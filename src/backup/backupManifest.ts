/**
 * The table of contents of a backup archive, its last entry `manifest.json`.
 * Every other entry of the archive is listed here with its size and SHA-256,
 * so a restore can prove the archive whole before it writes anything.
 */

export const MANIFEST_ENTRY = 'manifest.json'
export const BACKUP_FORMAT = 'journal-cms-backup'
export const BACKUP_FORMAT_VERSION = 1

export type ArchivedFile = {
  /** The content type the object storage served the file with (backups of object storage only). */
  contentType?: string
  /** The entry's name in the archive. */
  path: string
  sha256: string
  size: number
}

/** Where the uploaded files were read from; a backup without it (written before object storage) read the uploads folder. */
export type ArchivedStorage = { kind: 'local' } | { bucket: string; kind: 's3'; prefix: string }

export type ArchivedCollection = {
  /** The documents, in batches of newline-separated canonical Extended JSON. */
  chunks: (ArchivedFile & { documents: number })[]
  documents: number
  /** listIndexes' answer, as canonical Extended JSON. */
  indexes: Record<string, unknown>[]
  name: string
  /** listCollections' options (capped, collation, validator…), as canonical Extended JSON. */
  options: Record<string, unknown>
}

export type BackupManifest = {
  collections: ArchivedCollection[]
  /** When the database was read (ISO 8601, UTC). */
  createdAt: string
  database: {
    /** `snapshot`: every collection read at one point in time; `none`: each document as it was when read. */
    consistency: 'none' | 'snapshot'
    name: string
    /** The server the backup was read from, e.g. "MongoDB 8.0.4 (replica set)". */
    server: string
  }
  format: typeof BACKUP_FORMAT
  formatVersion: typeof BACKUP_FORMAT_VERSION
  uploads: {
    bytes: number
    /**
     * The files, each under `uploads/` in the archive: `uploads/a.png` is `a.png` in the uploads folder,
     * or the object `<S3_PREFIX>/a.png` in the bucket.
     */
    files: ArchivedFile[]
    storage?: ArchivedStorage
  }
}

/** The archive entry of a collection's n-th batch of documents (n from 1). */
export function chunkEntry(collection: string, index: number): string {
  return `database/${encodeURIComponent(collection)}/${String(index).padStart(6, '0')}.ndjson`
}

export function uploadEntry(relativePath: string): string {
  return `uploads/${relativePath}`
}

/** A relative path that stays inside the folder it is joined to: no `..`, no absolute path, no empty or hidden-trick segments. */
export function isSafeRelativePath(relativePath: string): boolean {
  if (relativePath.length === 0 || relativePath.includes('\\') || relativePath.includes('\0')) return false
  return relativePath.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..')
}

function isArchivedFile(value: unknown): value is ArchivedFile {
  const file = value as ArchivedFile
  return (
    typeof file === 'object' &&
    file !== null &&
    typeof file.path === 'string' &&
    typeof file.size === 'number' &&
    typeof file.sha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(file.sha256)
  )
}

/** Checks the manifest's shape; the message says what is wrong. */
export function parseManifest(text: string): BackupManifest {
  let manifest: BackupManifest
  try {
    manifest = JSON.parse(text) as BackupManifest
  } catch {
    throw new Error('its manifest is not valid JSON')
  }
  if (manifest?.format !== BACKUP_FORMAT) throw new Error('it is not a backup of this CMS (its manifest has another format)')
  if (manifest.formatVersion !== BACKUP_FORMAT_VERSION) {
    throw new Error(`it is a backup of format version ${String(manifest.formatVersion)}; this version of the CMS reads version ${BACKUP_FORMAT_VERSION}`)
  }
  const collectionsValid =
    Array.isArray(manifest.collections) &&
    manifest.collections.every(
      (collection) =>
        typeof collection?.name === 'string' &&
        collection.name.length > 0 &&
        Array.isArray(collection.indexes) &&
        typeof collection.options === 'object' &&
        Array.isArray(collection.chunks) &&
        collection.chunks.every((chunk) => isArchivedFile(chunk) && typeof chunk.documents === 'number'),
    )
  const storage = manifest.uploads?.storage
  const storageValid =
    storage === undefined ||
    storage?.kind === 'local' ||
    (storage?.kind === 's3' && typeof storage.bucket === 'string' && typeof storage.prefix === 'string')
  const uploadsValid = Array.isArray(manifest.uploads?.files) && manifest.uploads.files.every(isArchivedFile) && storageValid
  if (!collectionsValid || !uploadsValid || typeof manifest.database?.name !== 'string') throw new Error('its manifest is incomplete')
  for (const file of manifest.uploads.files) {
    if (!file.path.startsWith('uploads/') || !isSafeRelativePath(file.path.slice('uploads/'.length))) {
      throw new Error(`its manifest names a file outside the uploads folder: ${file.path}`)
    }
  }
  return manifest
}
