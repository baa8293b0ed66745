import { ConfigurationError } from '../settings/configurationError'
import { type Env, readBoolean, readHttpUrl, text } from '../settings/read'

/**
 * Where the media library keeps its files (docs/deployment.md, "Media on
 * object storage"): the local uploads folder (S3_BUCKET unset, the default),
 * or a bucket on S3 or an S3-compatible server, shared by every instance.
 */
export type ObjectStorageSettings = {
  accessKeyId: string
  bucket: string
  /** S3_ENDPOINT without a trailing slash; undefined: AWS's own endpoint for the region. */
  endpoint?: string
  /** Addresses as endpoint/bucket/key rather than bucket.endpoint/key: what S3-compatible servers want. */
  forcePathStyle: boolean
  /** The folder inside the bucket the media objects go to (no leading or trailing slash); '' for the bucket's root. */
  prefix: string
  region: string
  secretAccessKey: string
}

/** S3's rules for bucket names (3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit). */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/
const REGION = /^[a-z0-9-]+$/
const PREFIX_SEGMENT = /^[A-Za-z0-9._-]+$/

function readPrefix(env: Env): string {
  const value = text(env, 'S3_PREFIX')
  if (value === undefined) return ''
  const segments = value.replace(/^\/+|\/+$/g, '').split('/')
  if (segments.some((segment) => !PREFIX_SEGMENT.test(segment) || segment === '.' || segment === '..')) {
    throw new ConfigurationError(`S3_PREFIX must be a folder name such as media or journal/media: letters, digits, . _ - and / between them (got "${value}")`)
  }
  return segments.join('/')
}

/**
 * S3_BUCKET (unset: local uploads folder, and every other S3_ setting is
 * ignored), S3_ENDPOINT (http(s) URL; optional on AWS), S3_REGION (default
 * us-east-1), S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY (both required with a
 * bucket), S3_FORCE_PATH_STYLE (true/false; default true with S3_ENDPOINT,
 * false without) and S3_PREFIX (optional folder inside the bucket).
 */
export function readObjectStorageSettings(env: Env = process.env): null | ObjectStorageSettings {
  const bucket = text(env, 'S3_BUCKET')
  if (bucket === undefined) return null
  if (!BUCKET_NAME.test(bucket) || bucket.includes('..')) {
    throw new ConfigurationError(`S3_BUCKET must be a bucket name: 3 to 63 lowercase letters, digits, dots and hyphens (got "${bucket}")`)
  }
  const endpointText = text(env, 'S3_ENDPOINT')
  const endpoint = endpointText === undefined ? undefined : readHttpUrl('S3_ENDPOINT', endpointText).toString().replace(/\/+$/, '')
  if (endpoint !== undefined && new URL(endpoint).pathname !== '/' && new URL(endpoint).pathname !== '') {
    throw new ConfigurationError(`S3_ENDPOINT must be the server's origin, without a path or bucket, e.g. http://s3proxy:80 (got "${endpointText}")`)
  }
  const region = text(env, 'S3_REGION') ?? 'us-east-1'
  if (!REGION.test(region)) throw new ConfigurationError(`S3_REGION must be a region name such as us-east-1 (got "${region}")`)
  const accessKeyId = text(env, 'S3_ACCESS_KEY_ID')
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY ? env.S3_SECRET_ACCESS_KEY : undefined
  const missing = [accessKeyId === undefined && 'S3_ACCESS_KEY_ID', secretAccessKey === undefined && 'S3_SECRET_ACCESS_KEY'].filter(Boolean)
  if (missing.length > 0) {
    throw new ConfigurationError(`${missing.join(' and ')} must be set when S3_BUCKET is: the access key the CMS signs its requests to the bucket with`)
  }
  return {
    accessKeyId: accessKeyId as string,
    bucket,
    endpoint,
    forcePathStyle: readBoolean(env, 'S3_FORCE_PATH_STYLE', endpoint !== undefined),
    prefix: readPrefix(env),
    region,
    secretAccessKey: secretAccessKey as string,
  }
}

/** For messages: where the media objects are, e.g. `s3://journal-media/media (http://127.0.0.1:9000)`. */
export function describeObjectStorage(settings: ObjectStorageSettings): string {
  const location = `s3://${settings.bucket}${settings.prefix ? `/${settings.prefix}` : ''}`
  return settings.endpoint ? `${location} (${settings.endpoint})` : `${location} (AWS, ${settings.region})`
}
