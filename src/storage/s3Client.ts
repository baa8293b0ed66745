import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3'

import type { ObjectStorageSettings } from './settings'

/**
 * The AWS SDK client options for the bucket: what `@payloadcms/storage-s3`
 * is given to serve and store media, and what backups and restores read and
 * write the objects with, so both reach the bucket the same way.
 */
export function s3ClientConfig(settings: ObjectStorageSettings): S3ClientConfig {
  return {
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    endpoint: settings.endpoint,
    forcePathStyle: settings.forcePathStyle,
    region: settings.region,
    // Checksums only where S3 requires them: S3-compatible servers do not all know the newer ones.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  }
}

export function createS3Client(settings: ObjectStorageSettings): S3Client {
  return new S3Client(s3ClientConfig(settings))
}

/** The object key of a file in the media folder: `<prefix>/<name>`, or the name alone without a prefix. */
export function objectKey(settings: Pick<ObjectStorageSettings, 'prefix'>, relativePath: string): string {
  return settings.prefix ? `${settings.prefix}/${relativePath}` : relativePath
}
