import { ConfigurationError } from './configurationError'
import { type Env, readBoolean, readCron, readHttpUrl, readInteger, readNodeEnv, text, type NodeEnvironment } from './read'
import {
  DEFAULT_WEBSITE_PATH_TEMPLATES,
  WEBSITE_PAGES,
  WEBSITE_PATH_VARIABLES,
  websitePathTemplateProblem,
  type WebsitePathTemplates,
} from '../lib/websitePaths'

/**
 * The server's own settings, read from the environment and validated at
 * start-up. Each capability reads its own beside these (src/webhooks/settings.ts,
 * src/preview/settings.ts, src/discovery/oai/settings.ts); src/boot/startupSettings.ts
 * reads them all at once, so a bad value stops the start with one line.
 */

export type { NodeEnvironment }

export type RateLimit = { max: number; windowSeconds: number }

/** Where the budgets are counted: this process's memory, or the CMS's database, shared by every instance on it. */
export type RateLimitStore = 'database' | 'memory'

/** Request budgets per client (RATE_LIMIT_*), enforced by src/http/rateLimits.ts. */
export type RateLimitPolicy = {
  /** Every /api request of a client (by IP address); `max` 0: no limit. */
  api: RateLimit
  /** Sign-in, password and first-user operations of a client (by IP address), on top of `api`. */
  auth: RateLimit
  /** The same operations naming one account (by e-mail address), from any number of addresses. */
  authAccount: RateLimit
  /** Where the counts are kept (RATE_LIMIT_STORE). */
  store: RateLimitStore
  /** Requests carrying a valid API key (the website's server), by account instead of address; `max` 0: no limit. */
  website: RateLimit
}

export type EmbeddedDatabaseChoice = 'auto' | 'mongo-java-server' | 'mongod'

/** The embedded database started when DATABASE_URI is unset (src/database/startEmbeddedDatabase.ts). */
export type EmbeddedDatabaseSettings = {
  choice: EmbeddedDatabaseChoice
  /** mongo-java-server's largest Java heap (`-Xmx`), e.g. `4g`; unset: the JVM's default, a quarter of the memory. */
  maxHeap?: string
}

/** How long shared caches and browsers may keep anonymous API answers, in seconds. */
export type ApiCachePolicy = {
  maxAge: number
  sMaxAge: number
  staleWhileRevalidate: number
}

/** Limits on GraphQL queries (src/graphql/validationRules.ts). */
export type GraphqlLimits = {
  /** Whether `__schema` and `__type` queries are answered. */
  introspection: boolean
  /** The highest cost a query may have (src/graphql/queryCost.ts). */
  maxComplexity: number
  /** How many fields deep a query may nest. */
  maxDepth: number
}

/** Sign-in limits and the password policy (collections/Users, docs/security.md). */
export type AccountsEnvironment = {
  /** How long an account stays locked after too many failed sign-ins, in milliseconds. */
  lockTimeMs: number
  /** Failed sign-ins in a row that lock an account. */
  maxLoginAttempts: number
  /** The shortest password accepted. */
  passwordMinLength: number
  /** Whether the session cookie is sent over HTTPS only (in production). */
  secureCookies: boolean
}

export type ServerEnvironment = {
  accounts: AccountsEnvironment
  apiCache: ApiCachePolicy
  corsOrigins: string[]
  /** How long an operation waits for a database server and a connection, in ms (DATABASE_SELECTION_TIMEOUT_MS). */
  databaseSelectionTimeoutMs: number
  /** How long one database operation may take, in ms (DATABASE_TIMEOUT_MS; 0: no limit). */
  databaseTimeoutMs: number
  /** Unset outside production: an embedded database is started instead. */
  databaseUri?: string
  /** Development only: compile the admin UI in the background once the server listens (DEV_WARM_ADMIN). */
  devWarmAdmin: boolean
  embeddedDatabase: EmbeddedDatabaseSettings
  graphql: GraphqlLimits
  jobs: JobsEnvironment
  /** The largest non-multipart API body read, in bytes (API_MAX_BODY_KB). */
  maxApiBodyBytes: number
  /** Apply pending migrations as the server starts (MIGRATE_ON_START). */
  migrateOnStart: boolean
  nodeEnv: NodeEnvironment
  /** Unset outside production: a development secret is generated and kept under `.data/`. */
  payloadSecret?: string
  port: number
  serverUrl: string
  shutdownTimeoutMs: number
  trustProxy: boolean | number | string[]
  /** Request budgets per client (RATE_LIMIT_*). */
  rateLimits: RateLimitPolicy
  uploads: UploadLimits
  websitePaths: WebsitePathTemplates
  /** The website's public origin, for absolute links. */
  websiteUrl: string
}

const MIN_SECRET_LENGTH = 32

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

/** EMBEDDED_DATABASE (auto, mongod or mongo-java-server) and EMBEDDED_DATABASE_HEAP (e.g. 4g). */
export function readEmbeddedDatabaseSettings(env: Env = process.env): EmbeddedDatabaseSettings {
  const choice = text(env, 'EMBEDDED_DATABASE') ?? 'auto'
  if (choice !== 'auto' && choice !== 'mongo-java-server' && choice !== 'mongod') {
    throw new ConfigurationError(`EMBEDDED_DATABASE must be auto, mongod or mongo-java-server (got "${choice}")`)
  }
  const maxHeap = text(env, 'EMBEDDED_DATABASE_HEAP')
  if (maxHeap !== undefined && !/^[1-9]\d*[mMgG]$/.test(maxHeap)) {
    throw new ConfigurationError(`EMBEDDED_DATABASE_HEAP must be a size in megabytes or gigabytes such as 512m or 4g (got "${maxHeap}")`)
  }
  return { choice, maxHeap }
}

export type JobsEnvironment = {
  /** How often the server runs queued jobs (seconds field first); null: the server runs none. */
  autoRunCron: null | string
  /** When the repair of derived data is queued (DERIVED_DATA_REPAIR_CRON); null: only at start-up. */
  repairCron: null | string
  /** How long a running job may go without its process's heartbeat before another takes it over, in seconds (JOBS_STALE_AFTER_SECONDS). */
  staleAfterSeconds: number
}

const DEFAULT_AUTORUN_CRON = '*/5 * * * * *'

/** A running job's process renews its heartbeat every third of this. */
const DEFAULT_STALE_AFTER_SECONDS = 60

/** Daily at 03:30. */
const DEFAULT_REPAIR_CRON = '0 30 3 * * *'

/**
 * The jobs queue (webhook deliveries and other background work) runs inside
 * the server, every JOBS_AUTORUN_CRON; `off` leaves queued jobs to another
 * process (`npm run payload -- jobs:run`). Off by default under NODE_ENV=test,
 * where tests run the queue themselves.
 */
export function readJobsEnvironment(env: Env = process.env): JobsEnvironment {
  return {
    autoRunCron: readCron(env, 'JOBS_AUTORUN_CRON', readNodeEnv(env) === 'test' ? null : DEFAULT_AUTORUN_CRON, `"${DEFAULT_AUTORUN_CRON}" for every 5 seconds`),
    repairCron: readCron(env, 'DERIVED_DATA_REPAIR_CRON', DEFAULT_REPAIR_CRON, `"${DEFAULT_REPAIR_CRON}" for daily at 03:30`),
    staleAfterSeconds: readInteger(env, 'JOBS_STALE_AFTER_SECONDS', DEFAULT_STALE_AFTER_SECONDS, 3, 86_400),
  }
}

/**
 * Whether the server applies pending migrations as it starts (MIGRATE_ON_START,
 * default true). Several instances on one database set it to false and run
 * `node dist/migrate.js` (`npm run migrate`) once before they start: Payload's
 * migrate takes no lock, and two servers starting together would both apply
 * the same migration.
 */
export function readMigrateOnStart(env: Env = process.env): boolean {
  return readBoolean(env, 'MIGRATE_ON_START', true)
}

/** Where the website shows each kind of page (WEBSITE_*_PATH), for change notifications and feeds. */
export function readWebsitePathTemplates(env: Env = process.env): WebsitePathTemplates {
  const templates = { ...DEFAULT_WEBSITE_PATH_TEMPLATES }
  for (const page of WEBSITE_PAGES) {
    const name = WEBSITE_PATH_VARIABLES[page]
    const value = text(env, name)
    if (value === undefined) continue
    const problem = websitePathTemplateProblem(page, value)
    if (problem) throw new ConfigurationError(`${name} ${problem}`)
    templates[page] = value
  }
  return templates
}

/**
 * The website's public origin (WEBSITE_URL, e.g. https://www.example.org):
 * absolute links in feeds, sitemaps, scholarly metadata and harvesting
 * records. Defaults to the CMS's own origin, which only suits development.
 */
export function readWebsiteUrl(env: Env = process.env): string {
  const value = text(env, 'WEBSITE_URL')
  if (value === undefined) return readServerUrl(env, readInteger(env, 'PORT', 3000, 0, 65535))
  const url = readHttpUrl('WEBSITE_URL', value)
  if (url.pathname !== '/' || url.search || url.hash) {
    throw new ConfigurationError(`WEBSITE_URL must be an origin such as https://www.example.org, without a path (got "${value}")`)
  }
  return url.origin
}

/**
 * GraphQL limits: GRAPHQL_INTROSPECTION (default true, false in production),
 * GRAPHQL_MAX_COMPLEXITY (default 10000) and GRAPHQL_MAX_DEPTH (default 10).
 */
export function readGraphqlLimits(env: Env = process.env): GraphqlLimits {
  return {
    introspection: readBoolean(env, 'GRAPHQL_INTROSPECTION', readNodeEnv(env) !== 'production'),
    maxComplexity: readInteger(env, 'GRAPHQL_MAX_COMPLEXITY', 10_000, 1, 10_000_000),
    maxDepth: readInteger(env, 'GRAPHQL_MAX_DEPTH', 10, 1, 100),
  }
}

/** A lock longer than a day would let a few wrong guesses shut an editor out for good. */
const MAX_LOCK_TIME_MS = 86_400_000

/**
 * LOGIN_MAX_ATTEMPTS (default 5), LOGIN_LOCK_TIME_MS (default 600000: ten
 * minutes, at most a day) and PASSWORD_MIN_LENGTH (default 12). Session
 * cookies are `Secure` under NODE_ENV=production.
 */
export function readAccountsEnvironment(env: Env = process.env): AccountsEnvironment {
  return {
    lockTimeMs: readInteger(env, 'LOGIN_LOCK_TIME_MS', 600_000, 1000, MAX_LOCK_TIME_MS),
    maxLoginAttempts: readInteger(env, 'LOGIN_MAX_ATTEMPTS', 5, 1, 100),
    passwordMinLength: readInteger(env, 'PASSWORD_MIN_LENGTH', 12, 8, 128),
    secureCookies: readNodeEnv(env) === 'production',
  }
}

/** What an uploaded media file may be (collections/Media, docs/security.md). */
export type UploadLimits = {
  /** The largest file accepted, in bytes (UPLOAD_MAX_FILE_SIZE_MB). */
  maxFileBytes: number
  /** The most frames an animated GIF or WebP may have (UPLOAD_MAX_FRAMES). */
  maxFrames: number
  /** The most pixels an image may have, all frames together (UPLOAD_MAX_PIXELS). */
  maxPixels: number
}

/**
 * Upload limits: UPLOAD_MAX_FILE_SIZE_MB (1-1024, default 20),
 * UPLOAD_MAX_PIXELS (default 50 million) and UPLOAD_MAX_FRAMES (default 200).
 */
export function readUploadLimits(env: Env = process.env): UploadLimits {
  return {
    maxFileBytes: readInteger(env, 'UPLOAD_MAX_FILE_SIZE_MB', 20, 1, 1024) * 1024 * 1024,
    maxFrames: readInteger(env, 'UPLOAD_MAX_FRAMES', 200, 1, 10_000),
    maxPixels: readInteger(env, 'UPLOAD_MAX_PIXELS', 50_000_000, 1, 1_000_000_000),
  }
}

/**
 * RATE_LIMIT_STORE: `memory` (the default) counts in the server process,
 * right for one process; `database` counts in the CMS's MongoDB database, so
 * several instances behind one load balancer enforce one budget.
 */
export function readRateLimitStore(env: Env = process.env): RateLimitStore {
  const value = text(env, 'RATE_LIMIT_STORE') ?? 'memory'
  if (value !== 'memory' && value !== 'database') {
    throw new ConfigurationError(
      `RATE_LIMIT_STORE must be memory (one server process) or database (several instances sharing one budget in the CMS's MongoDB database) (got "${value}")`,
    )
  }
  return value
}

/**
 * Request budgets per client (docs/security.md, "Rate limits"):
 * RATE_LIMIT_API_MAX requests (default 600; 0: no limit) and, for the
 * website's API key, RATE_LIMIT_WEBSITE_MAX (default 6000; 0: no limit) per
 * RATE_LIMIT_WINDOW_SECONDS (default 60); sign-in and password requests
 * RATE_LIMIT_AUTH_MAX (default 20) per address and RATE_LIMIT_AUTH_ACCOUNT_MAX
 * (default 10) per account per RATE_LIMIT_AUTH_WINDOW_SECONDS (default 900).
 * RATE_LIMIT_STORE (default memory) says where they are counted.
 */
export function readRateLimits(env: Env = process.env): RateLimitPolicy {
  const windowSeconds = readInteger(env, 'RATE_LIMIT_WINDOW_SECONDS', 60, 1, 3600)
  const authWindowSeconds = readInteger(env, 'RATE_LIMIT_AUTH_WINDOW_SECONDS', 900, 1, 86_400)
  return {
    api: { max: readInteger(env, 'RATE_LIMIT_API_MAX', 600, 0, 1_000_000), windowSeconds },
    auth: { max: readInteger(env, 'RATE_LIMIT_AUTH_MAX', 20, 1, 10_000), windowSeconds: authWindowSeconds },
    authAccount: { max: readInteger(env, 'RATE_LIMIT_AUTH_ACCOUNT_MAX', 10, 1, 10_000), windowSeconds: authWindowSeconds },
    store: readRateLimitStore(env),
    website: { max: readInteger(env, 'RATE_LIMIT_WEBSITE_MAX', 6000, 0, 10_000_000), windowSeconds },
  }
}

/**
 * The largest JSON, form or GraphQL body the API reads: API_MAX_BODY_KB
 * (1-102400, default 1024); larger ones get 413 (src/http/requestLimits.ts).
 */
export function readMaxApiBodyBytes(env: Env = process.env): number {
  return readInteger(env, 'API_MAX_BODY_KB', 1024, 1, 102_400) * 1024
}

/** CACHE_MAX_AGE, CACHE_S_MAXAGE and CACHE_STALE_WHILE_REVALIDATE: how long anonymous API answers may be kept. */
export function readApiCachePolicy(env: Env = process.env): ApiCachePolicy {
  return {
    maxAge: readInteger(env, 'CACHE_MAX_AGE', 60, 0, 31_536_000),
    sMaxAge: readInteger(env, 'CACHE_S_MAXAGE', 300, 0, 31_536_000),
    staleWhileRevalidate: readInteger(env, 'CACHE_STALE_WHILE_REVALIDATE', 600, 0, 31_536_000),
  }
}

/**
 * DATABASE_TIMEOUT_MS (default 10000; 0: no limit): how long one database
 * operation may take in all, retries included (src/database/adapterOptions.ts).
 */
export function readDatabaseTimeoutMs(env: Env = process.env): number {
  const value = readInteger(env, 'DATABASE_TIMEOUT_MS', 10_000, 0, 3_600_000)
  if (value > 0 && value < 1000) throw new ConfigurationError(`DATABASE_TIMEOUT_MS must be 0 (no limit) or from 1000 to 3600000 (got "${value}")`)
  return value
}

/**
 * DATABASE_SELECTION_TIMEOUT_MS (default 2000, 100-120000): how long an
 * operation waits for a database server to send it to, and for a connection
 * to it (src/database/adapterOptions.ts). Within it of an outage, requests
 * answer 503.
 */
export function readDatabaseSelectionTimeoutMs(env: Env = process.env): number {
  return readInteger(env, 'DATABASE_SELECTION_TIMEOUT_MS', 2000, 100, 120_000)
}

/** Reads and validates the server's settings; throws a ConfigurationError naming the bad setting. */
export function readServerEnvironment(env: Env = process.env): ServerEnvironment {
  const nodeEnv = readNodeEnv(env)
  const port = readInteger(env, 'PORT', 3000, 0, 65535)
  return {
    accounts: readAccountsEnvironment(env),
    apiCache: readApiCachePolicy(env),
    corsOrigins: readCorsOrigins(env),
    databaseSelectionTimeoutMs: readDatabaseSelectionTimeoutMs(env),
    databaseTimeoutMs: readDatabaseTimeoutMs(env),
    databaseUri: readDatabaseUri(env, nodeEnv),
    devWarmAdmin: nodeEnv !== 'production' && readBoolean(env, 'DEV_WARM_ADMIN', true),
    embeddedDatabase: readEmbeddedDatabaseSettings(env),
    graphql: readGraphqlLimits(env),
    jobs: readJobsEnvironment(env),
    maxApiBodyBytes: readMaxApiBodyBytes(env),
    migrateOnStart: readMigrateOnStart(env),
    nodeEnv,
    payloadSecret: readPayloadSecret(env, nodeEnv),
    port,
    serverUrl: readServerUrl(env, port),
    shutdownTimeoutMs: readInteger(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    trustProxy: readTrustProxy(env),
    rateLimits: readRateLimits(env),
    uploads: readUploadLimits(env),
    websitePaths: readWebsitePathTemplates(env),
    websiteUrl: readWebsiteUrl(env),
  }
}
