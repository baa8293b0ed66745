import { ConfigurationError } from './configurationError'

export type NodeEnvironment = 'development' | 'production' | 'test'
export type EmbeddedDatabaseChoice = 'auto' | 'ferretdb' | 'mongod'

export type ServerEnvironment = {
  corsOrigins: string[]
  /** Unset outside production: an embedded database is started instead. */
  databaseUri?: string
  embeddedDatabase: EmbeddedDatabaseChoice
  nodeEnv: NodeEnvironment
  /** Unset outside production: a development secret is generated and kept under `.data/`. */
  payloadSecret?: string
  port: number
  serverUrl: string
  shutdownTimeoutMs: number
  trustProxy: boolean | number | string[]
}

type Env = Record<string, string | undefined>

const MIN_SECRET_LENGTH = 32

function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim()
  return value ? value : undefined
}

function readNodeEnv(env: Env): NodeEnvironment {
  const value = text(env, 'NODE_ENV') ?? 'development'
  if (value === 'development' || value === 'production' || value === 'test') return value
  throw new ConfigurationError(
    `NODE_ENV must be development, production or test (got "${value}")`,
  )
}

function readInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = text(env, name)
  if (value === undefined) return fallback
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new ConfigurationError(`${name} must be a whole number from ${min} to ${max} (got "${value}")`)
  }
  return Number(value)
}

function readHttpUrl(name: string, value: string): URL {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new ConfigurationError(`${name} must be an absolute http(s) URL (got "${value}")`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigurationError(`${name} must use http or https (got "${value}")`)
  }
  return url
}

function readServerUrl(env: Env, port: number): string {
  const value = text(env, 'SERVER_URL')
  if (value === undefined) return `http://localhost:${port}`
  const url = readHttpUrl('SERVER_URL', value)
  if (url.pathname !== '/' || url.search || url.hash) {
    throw new ConfigurationError(
      `SERVER_URL must be an origin such as https://cms.example.org, without a path (got "${value}")`,
    )
  }
  return url.origin
}

function readCorsOrigins(env: Env): string[] {
  const value = text(env, 'CORS_ORIGINS')
  if (value === undefined) return []
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const url = readHttpUrl('CORS_ORIGINS', entry)
      if (url.origin !== entry.replace(/\/$/, '')) {
        throw new ConfigurationError(
          `CORS_ORIGINS entries must be origins such as https://www.example.org, without a path (got "${entry}")`,
        )
      }
      return url.origin
    })
}

function readDatabaseUri(env: Env, nodeEnv: NodeEnvironment): string | undefined {
  const value = text(env, 'DATABASE_URI')
  if (value === undefined) {
    if (nodeEnv === 'production') {
      throw new ConfigurationError(
        'DATABASE_URI is required in production, e.g. mongodb://mongo:27017/journal?replicaSet=rs0',
      )
    }
    return undefined
  }
  if (!/^mongodb(\+srv)?:\/\/[^/]+/.test(value)) {
    throw new ConfigurationError(
      'DATABASE_URI must be a MongoDB connection string starting with mongodb:// or mongodb+srv://',
    )
  }
  return value
}

function readPayloadSecret(env: Env, nodeEnv: NodeEnvironment): string | undefined {
  const value = text(env, 'PAYLOAD_SECRET')
  if (value === undefined) {
    if (nodeEnv === 'production') {
      throw new ConfigurationError(
        `PAYLOAD_SECRET is required in production: set it to a random string of at least ${MIN_SECRET_LENGTH} characters (e.g. openssl rand -hex 32)`,
      )
    }
    return undefined
  }
  if (value.length < MIN_SECRET_LENGTH) {
    throw new ConfigurationError(
      `PAYLOAD_SECRET must be at least ${MIN_SECRET_LENGTH} characters long (got ${value.length})`,
    )
  }
  return value
}

function readTrustProxy(env: Env): boolean | number | string[] {
  const value = text(env, 'TRUST_PROXY')
  if (value === undefined || value === 'false') return false
  if (value === 'true') return true
  if (/^\d+$/.test(value)) return Number(value)
  const entries = value.split(',').map((entry) => entry.trim()).filter(Boolean)
  const valid = /^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)$/
  const bad = entries.find((entry) => !valid.test(entry))
  if (bad) {
    throw new ConfigurationError(
      `TRUST_PROXY must be true, false, a number of hops, or a comma-separated list of addresses, subnets or loopback/linklocal/uniquelocal (bad entry "${bad}")`,
    )
  }
  return entries
}

function readEmbeddedDatabase(env: Env): EmbeddedDatabaseChoice {
  const value = text(env, 'EMBEDDED_DATABASE') ?? 'auto'
  if (value === 'auto' || value === 'ferretdb' || value === 'mongod') return value
  throw new ConfigurationError(`EMBEDDED_DATABASE must be auto, mongod or ferretdb (got "${value}")`)
}

/** Reads and validates the server's settings; throws a ConfigurationError naming the bad setting. */
export function readServerEnvironment(env: Env = process.env): ServerEnvironment {
  const nodeEnv = readNodeEnv(env)
  const port = readInteger(env, 'PORT', 3000, 0, 65535)
  return {
    corsOrigins: readCorsOrigins(env),
    databaseUri: readDatabaseUri(env, nodeEnv),
    embeddedDatabase: readEmbeddedDatabase(env),
    nodeEnv,
    payloadSecret: readPayloadSecret(env, nodeEnv),
    port,
    serverUrl: readServerUrl(env, port),
    shutdownTimeoutMs: readInteger(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    trustProxy: readTrustProxy(env),
  }
}
