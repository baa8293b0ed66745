import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3'

import { logger } from '../../src/lib/logger'
import { startS3Proxy, type RunningS3Proxy } from '../../src/storage/s3Proxy'

export type ObjectStorage = {
  /** Makes another empty bucket on the same server; returns its settings (the same S3_PREFIX). */
  anotherBucket(): Promise<Record<string, string>>
  bucket: string
  /** An AWS SDK client for the bucket, to look at what the CMS stored. */
  client: S3Client
  /** The CMS's settings for this bucket (S3_BUCKET, S3_ENDPOINT, the key…), S3_PREFIX included when given. */
  env: Record<string, string>
  /** Every object key in the bucket (or another one), sorted. */
  keys(bucket?: string): Promise<string[]>
  /** An object's bytes and content type. */
  read(key: string, bucket?: string): Promise<{ bytes: Buffer; contentType?: string }>
  server: RunningS3Proxy
  stop(): Promise<void>
}

/**
 * A real S3-compatible server for one test file: S3Proxy in memory on a free
 * loopback port (src/storage/s3Proxy.ts), with a key made for this run and an
 * empty bucket. Only the suites that call it start one.
 */
export async function startObjectStorage({ prefix }: { prefix?: string } = {}): Promise<ObjectStorage> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-cms-s3-'))
  const server = await startS3Proxy({ backend: 'transient', dataDir, logger })
  const bucket = `journal-test-${randomBytes(4).toString('hex')}`
  const client = new S3Client({
    credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
    endpoint: server.endpoint,
    forcePathStyle: true,
    region: 'us-east-1',
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  })
  await client.send(new CreateBucketCommand({ Bucket: bucket }))
  const envFor = (name: string) => ({
    S3_ACCESS_KEY_ID: server.accessKeyId,
    S3_BUCKET: name,
    S3_ENDPOINT: server.endpoint,
    S3_SECRET_ACCESS_KEY: server.secretAccessKey,
    ...(prefix ? { S3_PREFIX: prefix } : {}),
  })
  return {
    anotherBucket: async () => {
      const name = `journal-test-${randomBytes(4).toString('hex')}`
      await client.send(new CreateBucketCommand({ Bucket: name }))
      return envFor(name)
    },
    bucket,
    client,
    env: envFor(bucket),
    keys: async (name = bucket) => {
      const keys: string[] = []
      let token: string | undefined
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: name, ContinuationToken: token }))
        keys.push(...(page.Contents ?? []).map(({ Key }) => Key as string))
        token = page.IsTruncated ? page.NextContinuationToken : undefined
      } while (token)
      return keys.sort()
    },
    read: async (key, name = bucket) => {
      const object = await client.send(new GetObjectCommand({ Bucket: name, Key: key }))
      return { bytes: Buffer.from(await (object.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray()), contentType: object.ContentType }
    },
    server,
    stop: async () => {
      client.destroy()
      await server.stop()
      fs.rmSync(dataDir, { force: true, recursive: true })
    },
  }
}
