import { HeadBucketCommand } from '@aws-sdk/client-s3'
import { s3Storage } from '@payloadcms/storage-s3'
import type { CollectionConfig, Config, Field, FieldAccess, Plugin, UploadConfig } from 'payload'

import { changeCollections } from '../lib/pluginParts'
import { ConfigurationError } from '../settings/configurationError'
import { createS3Client, s3ClientConfig } from './s3Client'
import { describeObjectStorage, readObjectStorageSettings, type ObjectStorageSettings } from './settings'

/** The upload collections whose files go to the bucket, and the folder of each below S3_PREFIX. */
export const STORED_COLLECTIONS = { imports: 'imports', media: '' } as const

/** The fields the storage plugin adds (where in the bucket a document's files are): kept by the CMS, never written by a request. */
const STORAGE_FIELDS = new Set(['_objectKey', 'prefix'])
const keptByTheCms: FieldAccess = () => false

function joinPrefix(...parts: string[]): string {
  return parts.filter(Boolean).join('/')
}

function withStorageFieldsReadOnly(collection: CollectionConfig): CollectionConfig {
  if (!(collection.slug in STORED_COLLECTIONS)) return collection
  const fields = collection.fields.map((field): Field =>
    field.type === 'text' && STORAGE_FIELDS.has(field.name) ? { ...field, access: { ...field.access, create: keptByTheCms, update: keptByTheCms } } : field,
  )
  return { ...collection, fields }
}

type UploadHandler = NonNullable<UploadConfig['handlers']>[number]

/**
 * The bucket's answer to a file it does not hold is an empty 404; the local
 * folder's is a JSON message (collections/Media/serveRecordedFilesOnly.ts).
 * This gives both the same answer, and logs the missing object.
 */
function missingObjectsAnswerJson(handler: UploadHandler): UploadHandler {
  return (async (req, args) => {
    const response = await handler(req, args)
    if (!(response instanceof Response) || response.status !== 404 || response.headers.get('content-type')?.includes('json')) return response
    req.payload.logger.warn({ filename: args.params.filename, msg: 'A file recorded in the database is missing from the bucket' })
    return Response.json({ errors: [{ message: 'There is no such media file.' }] }, { status: 404 })
  }) as UploadHandler
}

/** The handlers the storage plugin appended to a collection (after the collection's own), wrapped. */
function wrapAddedHandlers(before: Config, after: Config): Config {
  return changeCollections(after, (collection) => {
    if (!(collection.slug in STORED_COLLECTIONS) || typeof collection.upload !== 'object') return collection
    const original = before.collections?.find(({ slug }) => slug === collection.slug)?.upload
    const own = typeof original === 'object' ? (original.handlers?.length ?? 0) : 0
    const handlers = (collection.upload.handlers ?? []).map((handler, index) => (index < own ? handler : missingObjectsAnswerJson(handler)))
    return { ...collection, upload: { ...collection.upload, handlers } }
  })
}

/** At start: the bucket is there and the key may use it, or the start stops with a message saying which. */
async function checkBucket(settings: ObjectStorageSettings): Promise<void> {
  const client = createS3Client(settings)
  const where = describeObjectStorage(settings)
  try {
    await client.send(new HeadBucketCommand({ Bucket: settings.bucket }))
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode
    if (status === 404) throw new ConfigurationError(`S3_BUCKET: there is no bucket ${settings.bucket} at ${where}: create it first`)
    if (status === 401 || status === 403) {
      throw new ConfigurationError(`S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY: the object storage at ${where} refused the key (${status})`)
    }
    throw new Error(`the object storage at ${where} cannot be reached: ${(error as Error).message}`)
  } finally {
    client.destroy()
  }
}

/**
 * Media on S3-compatible object storage (docs/deployment.md, "Media on object
 * storage"), with Payload's own `@payloadcms/storage-s3`: when S3_BUCKET is
 * set, the media library's files (the original and every image size) and the
 * importer's uploads go to the bucket instead of the uploads folder, so every
 * instance of the CMS serves the same files. They are still served through
 * the CMS (`/api/media/file/…`, never the bucket's own address), so access
 * control and the served files' headers stay as they are; a missing object
 * gets the same JSON 404 as a missing local file. Without S3_BUCKET the
 * uploads folder is used as before. Either way the collections carry the
 * same fields (`prefix`, `_objectKey`), so the schema, the generated types and
 * the GraphQL schema do not depend on where the files are.
 */
export function storagePlugin(settings: null | ObjectStorageSettings = readObjectStorageSettings()): Plugin {
  return async (incoming: Config): Promise<Config> => {
    // No collection sets disablePayloadAccessControl: files are read through the CMS, which checks access and sets their headers.
    const collections = Object.fromEntries(
      Object.entries(STORED_COLLECTIONS).map(([slug, folder]) => [slug, settings ? { prefix: joinPrefix(settings.prefix, folder) || undefined } : true]),
    ) as Record<keyof typeof STORED_COLLECTIONS, true | { prefix?: string }>
    const stored = await s3Storage({
      alwaysInsertFields: true,
      bucket: settings?.bucket ?? '',
      clientCacheKey: settings ? `s3:${settings.endpoint ?? 'aws'}:${settings.bucket}` : undefined,
      collections,
      config: settings ? s3ClientConfig(settings) : {},
      enabled: settings !== null,
    })(incoming)
    const config = changeCollections(settings ? wrapAddedHandlers(incoming, stored) : stored, withStorageFieldsReadOnly)
    if (!settings) return config
    const onInit = config.onInit
    return {
      ...config,
      onInit: async (payload) => {
        await checkBucket(settings)
        payload.logger.info(`Media files are kept in ${describeObjectStorage(settings)}`)
        await onInit?.(payload)
      },
    }
  }
}
