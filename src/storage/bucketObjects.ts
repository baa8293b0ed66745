import path from 'node:path'
import type { Readable } from 'node:stream'
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'

import { objectKey } from './s3Client'
import type { ObjectStorageSettings } from './settings'

/**
 * The CMS's objects in the bucket as files, for backups and restores: each
 * named by its path below S3_PREFIX (`photo.png`, `imports/page.txt`), the
 * way the uploads folder names them, and read and written with the same
 * client settings the media library uses (./s3Client.ts).
 */

export type StoredObject = { contentType?: string; key: string; relativePath: string; size: number }

/** Every object below S3_PREFIX (the whole bucket without one), sorted by path. */
export async function listStoredObjects(client: S3Client, settings: ObjectStorageSettings): Promise<StoredObject[]> {
  const root = settings.prefix ? `${settings.prefix}/` : ''
  const found: StoredObject[] = []
  let token: string | undefined
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: settings.bucket, ContinuationToken: token, Prefix: root || undefined }))
    for (const { Key, Size } of page.Contents ?? []) {
      if (!Key || Key.endsWith('/')) continue
      found.push({ key: Key, relativePath: Key.slice(root.length), size: Size ?? 0 })
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined
  } while (token)
  return found.sort((a, b) => (a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0))
}

/** An object's bytes as a stream, with its size and content type. */
export async function readStoredObject(client: S3Client, settings: ObjectStorageSettings, key: string): Promise<{ body: Readable; contentType?: string; size: number }> {
  const object = await client.send(new GetObjectCommand({ Bucket: settings.bucket, Key: key }))
  return { body: object.Body as Readable, contentType: object.ContentType, size: object.ContentLength ?? 0 }
}

const CONTENT_TYPES: Record<string, string> = {
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.htm': 'text/html',
  '.html': 'text/html',
  '.jpeg': 'image/jpeg',
  '.jpg': 'image/jpeg',
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.txt': 'text/plain',
  '.webp': 'image/webp',
  '.zip': 'application/zip',
}

/** The content type of a file the CMS stored, from its extension (the bucket serves it with this type). */
export function contentTypeOf(relativePath: string): string {
  return CONTENT_TYPES[path.extname(relativePath).toLowerCase()] ?? 'application/octet-stream'
}

/** Writes one file below S3_PREFIX; returns its key. */
export async function writeStoredObject(
  client: S3Client,
  settings: ObjectStorageSettings,
  relativePath: string,
  body: Buffer | Readable,
  { contentType, size }: { contentType?: string; size: number },
): Promise<string> {
  const key = objectKey(settings, relativePath)
  await client.send(
    new PutObjectCommand({ Body: body, Bucket: settings.bucket, ContentLength: size, ContentType: contentType ?? contentTypeOf(relativePath), Key: key }),
  )
  return key
}

/** Deletes the given keys (a restore taking back what it wrote). */
export async function deleteStoredObjects(client: S3Client, settings: ObjectStorageSettings, keys: string[]): Promise<void> {
  // One at a time: DeleteObjects needs a checksum header not every S3-compatible server takes.
  for (const key of keys) await client.send(new DeleteObjectCommand({ Bucket: settings.bucket, Key: key }))
}
