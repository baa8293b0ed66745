import {
  WEBHOOK_ACTIONS,
  WEBHOOK_COLLECTIONS,
  type WebhookAction,
  type WebhookCollection,
} from '../webhooks/events'
import { webhookUrlProblem } from '../webhooks/targets'
import {
  defaultPreviewPathTemplate,
  PREVIEW_COLLECTIONS,
  PREVIEW_OFF,
  PREVIEW_PATH_VARIABLES,
  previewPathTemplateProblem,
  type PreviewCollection,
} from '../preview/previewPaths'
import { ConfigurationError } from './configurationError'
import type { RateLimitPolicy } from '../http/rateLimits'
import {
  DEFAULT_WEBSITE_PATH_TEMPLATES,
  WEBSITE_PAGES,
  WEBSITE_PATH_VARIABLES,
  websitePathTemplateProblem,
  type WebsitePathTemplates,
} from '../lib/websitePaths'

export type NodeEnvironment = 'development' | 'production' | 'test'
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
  nodeEnv: NodeEnvironment
  oai: OaiEnvironment
  /** Null when WEBSITE_URL is not set: no preview. */
  preview: null | PreviewEnvironment
  /** Unset outside production: a development secret is generated and kept under `.data/`. */
  payloadSecret?: string
  port: number
  serverUrl: string
  shutdownTimeoutMs: number
  trustProxy: boolean | number | string[]
  /** Request budgets per client (RATE_LIMIT_*). */
  rateLimits: RateLimitPolicy
  uploads: UploadLimits
  webhooks: WebhookEnvironment
  websitePaths: WebsitePathTemplates
  /** The website's public origin, for absolute links. */
  websiteUrl: string
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

function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const value = text(env, name)
  if (value === undefined) return fallback
  if (value === 'true') return true
  if (value === 'false') return false
  throw new ConfigurationError(`${name} must be true or false (got "${value}")`)
}

/** An endpoint set through WEBHOOK_ENDPOINTS (beside those admins manage in the admin UI). */
export type EnvironmentWebhookEndpoint = {
  /** The actions sent; empty: all. */
  actions: WebhookAction[]
  /** The collections whose changes are sent; empty: all. */
  collections: WebhookCollection[]
  name: string
  secret: string
  url: string
}

export type WebhookEnvironment = {
  allowPrivateTargets: boolean
  endpoints: EnvironmentWebhookEndpoint[]
  /** Tries per delivery, the first included. */
  maxAttempts: number
  /** Wait before the first retry; it doubles for each retry after that. */
  retryDelayMs: number
  timeoutMs: number
}

export type JobsEnvironment = {
  /** How often the server runs queued jobs (seconds field first); null: the server runs none. */
  autoRunCron: null | string
  /** When the repair of derived data is queued (DERIVED_DATA_REPAIR_CRON); null: only at start-up. */
  repairCron: null | string
}

const MIN_WEBHOOK_SECRET_LENGTH = 32
const WEBHOOK_ENDPOINT_KEYS = ['actions', 'collections', 'name', 'secret', 'url']
const WEBHOOK_ENDPOINTS_EXAMPLE = '[{"name":"website","url":"https://www.example.org/api/revalidate","secret":"…"}]'

function readWebhookList<T extends string>(where: string, value: unknown, allowed: readonly T[]): T[] {
  if (value === undefined) return []
  const valid = Array.isArray(value) && value.every((entry) => (allowed as readonly unknown[]).includes(entry))
  if (!valid) throw new ConfigurationError(`${where} must be a list of: ${allowed.join(', ')} (got ${JSON.stringify(value)})`)
  return [...new Set(value as T[])]
}

function readWebhookEndpoint(entry: unknown, index: number, allowPrivateTargets: boolean): EnvironmentWebhookEndpoint {
  const where = `WEBHOOK_ENDPOINTS[${index}]`
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
    throw new ConfigurationError(`${where} must be an object with name, url and secret, e.g. ${WEBHOOK_ENDPOINTS_EXAMPLE}`)
  }
  const fields = entry as Record<string, unknown>
  const unknownKey = Object.keys(fields).find((key) => !WEBHOOK_ENDPOINT_KEYS.includes(key))
  if (unknownKey !== undefined) {
    throw new ConfigurationError(`${where} has an unknown key "${unknownKey}" (known: ${WEBHOOK_ENDPOINT_KEYS.join(', ')})`)
  }
  const { name, secret, url } = fields
  if (typeof name !== 'string' || !name.trim()) {
    throw new ConfigurationError(`${where}.name is required: a short name for the delivery log, e.g. "website"`)
  }
  if (typeof url !== 'string') throw new ConfigurationError(`${where}.url is required: the http(s) address to send events to`)
  const problem = webhookUrlProblem(url, { allowPrivateTargets })
  if (problem) throw new ConfigurationError(`${where}.url ${problem}`)
  if (typeof secret !== 'string' || secret.length < MIN_WEBHOOK_SECRET_LENGTH) {
    throw new ConfigurationError(
      `${where}.secret must be at least ${MIN_WEBHOOK_SECRET_LENGTH} characters long (e.g. openssl rand -hex 32)`,
    )
  }
  return {
    actions: readWebhookList(`${where}.actions`, fields.actions, WEBHOOK_ACTIONS),
    collections: readWebhookList(`${where}.collections`, fields.collections, WEBHOOK_COLLECTIONS),
    name: name.trim(),
    secret,
    url,
  }
}

function readWebhookEndpoints(env: Env, allowPrivateTargets: boolean): EnvironmentWebhookEndpoint[] {
  const value = text(env, 'WEBHOOK_ENDPOINTS')
  if (value === undefined) return []
  let parsed: unknown
  try {
    parsed = JSON.parse(value)
  } catch {
    throw new ConfigurationError(`WEBHOOK_ENDPOINTS must be a JSON array such as ${WEBHOOK_ENDPOINTS_EXAMPLE} (it is not valid JSON)`)
  }
  if (!Array.isArray(parsed)) {
    throw new ConfigurationError(`WEBHOOK_ENDPOINTS must be a JSON array such as ${WEBHOOK_ENDPOINTS_EXAMPLE}`)
  }
  const endpoints = parsed.map((entry, index) => readWebhookEndpoint(entry, index, allowPrivateTargets))
  const names = endpoints.map((endpoint) => endpoint.name)
  const repeated = names.find((name, index) => names.indexOf(name) !== index)
  if (repeated !== undefined) throw new ConfigurationError(`WEBHOOK_ENDPOINTS has two endpoints named "${repeated}": names must differ`)
  return endpoints
}

/** Change notifications: endpoints from the environment, where they may point, retries and timeouts. */
export function readWebhookEnvironment(env: Env = process.env): WebhookEnvironment {
  const allowPrivateTargets = readBoolean(env, 'WEBHOOK_ALLOW_PRIVATE_TARGETS', false)
  return {
    allowPrivateTargets,
    endpoints: readWebhookEndpoints(env, allowPrivateTargets),
    maxAttempts: readInteger(env, 'WEBHOOK_MAX_ATTEMPTS', 8, 1, 20),
    retryDelayMs: readInteger(env, 'WEBHOOK_RETRY_DELAY_MS', 30_000, 10, 3_600_000),
    timeoutMs: readInteger(env, 'WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000),
  }
}

const DEFAULT_AUTORUN_CRON = '*/5 * * * * *'
const CRON_FIELD = /^[0-9A-Za-z*/,?#-]+$/

/**
 * The jobs queue (webhook deliveries and other background work) runs inside
 * the server, every JOBS_AUTORUN_CRON; `off` leaves queued jobs to another
 * process (`npm run payload -- jobs:run`). Off by default under NODE_ENV=test,
 * where tests run the queue themselves.
 */
function readCron(env: Env, name: string, fallback: null | string, example: string): null | string {
  const value = text(env, name)
  if (value === undefined) return fallback
  if (value === 'off') return null
  const fields = value.split(/\s+/)
  if ((fields.length !== 5 && fields.length !== 6) || !fields.every((field) => CRON_FIELD.test(field))) {
    throw new ConfigurationError(`${name} must be a cron expression with 5 or 6 fields (seconds first), e.g. ${example}, or off (got "${value}")`)
  }
  return fields.join(' ')
}

/** Daily at 03:30. */
const DEFAULT_REPAIR_CRON = '0 30 3 * * *'

export function readJobsEnvironment(env: Env = process.env): JobsEnvironment {
  return {
    autoRunCron: readCron(env, 'JOBS_AUTORUN_CRON', readNodeEnv(env) === 'test' ? null : DEFAULT_AUTORUN_CRON, `"${DEFAULT_AUTORUN_CRON}" for every 5 seconds`),
    repairCron: readCron(env, 'DERIVED_DATA_REPAIR_CRON', DEFAULT_REPAIR_CRON, `"${DEFAULT_REPAIR_CRON}" for daily at 03:30`),
  }
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

/** Live preview of drafts on the website (docs/workflow.md#live-preview). */
export type PreviewEnvironment = {
  /** The preview path template of each collection; null: no preview for it. */
  paths: Record<PreviewCollection, null | string>
  /** How long a preview token is valid, in seconds. */
  tokenTtlSeconds: number
  /** The website's origin (WEBSITE_URL), where preview URLs point. */
  websiteUrl: string
}

/**
 * Preview: WEBSITE_URL (required: without it there is no preview), one
 * WEBSITE_*_PREVIEW_PATH per collection (default: its page template with
 * `?preview={token}`; `off` for none) and PREVIEW_TOKEN_TTL_SECONDS
 * (60-86400, default 1800).
 */
export function readPreviewEnvironment(env: Env = process.env): null | PreviewEnvironment {
  const tokenTtlSeconds = readInteger(env, 'PREVIEW_TOKEN_TTL_SECONDS', 1800, 60, 86_400)
  const pages = readWebsitePathTemplates(env)
  const paths = {} as Record<PreviewCollection, null | string>
  for (const collection of PREVIEW_COLLECTIONS) {
    const name = PREVIEW_PATH_VARIABLES[collection]
    const value = text(env, name)
    if (value === PREVIEW_OFF) {
      paths[collection] = null
      continue
    }
    const problem = value === undefined ? undefined : previewPathTemplateProblem(collection, value)
    if (problem) throw new ConfigurationError(`${name} ${problem}, or off`)
    paths[collection] = value ?? defaultPreviewPathTemplate(collection, pages)
  }
  if (text(env, 'WEBSITE_URL') === undefined) return null
  return { paths, tokenTtlSeconds, websiteUrl: readWebsiteUrl(env) }
}

/** OAI-PMH harvesting (docs/oai-pmh.md). */
export type OaiEnvironment = {
  /** Addresses named in Identify; empty: the site's main contact. */
  adminEmails: string[]
  /** Records (or headers) per answer before a resumption token. */
  pageSize: number
}

const OAI_ADMIN_EMAIL = /^[^\s@,]+@([^\s@,.]+\.)+[^\s@,.]+$/

/** OAI_PAGE_SIZE (1-1000, default 100) and OAI_ADMIN_EMAIL (comma-separated addresses, optional). */
export function readOaiEnvironment(env: Env = process.env): OaiEnvironment {
  const emails = (text(env, 'OAI_ADMIN_EMAIL') ?? '').split(',').map((entry) => entry.trim()).filter(Boolean)
  const bad = emails.find((email) => !OAI_ADMIN_EMAIL.test(email))
  if (bad !== undefined) {
    throw new ConfigurationError(`OAI_ADMIN_EMAIL must be e-mail addresses such as journal@example.org, comma-separated (bad entry "${bad}")`)
  }
  return { adminEmails: emails, pageSize: readInteger(env, 'OAI_PAGE_SIZE', 100, 1, 1000) }
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
 * Request budgets per client (docs/security.md, "Rate limits"):
 * RATE_LIMIT_API_MAX requests (default 600; 0: no limit) and, for the
 * website's API key, RATE_LIMIT_WEBSITE_MAX (default 6000; 0: no limit) per
 * RATE_LIMIT_WINDOW_SECONDS (default 60); sign-in and password requests
 * RATE_LIMIT_AUTH_MAX (default 20) per address and RATE_LIMIT_AUTH_ACCOUNT_MAX
 * (default 10) per account per RATE_LIMIT_AUTH_WINDOW_SECONDS (default 900).
 */
export function readRateLimits(env: Env = process.env): RateLimitPolicy {
  const windowSeconds = readInteger(env, 'RATE_LIMIT_WINDOW_SECONDS', 60, 1, 3600)
  const authWindowSeconds = readInteger(env, 'RATE_LIMIT_AUTH_WINDOW_SECONDS', 900, 1, 86_400)
  return {
    api: { max: readInteger(env, 'RATE_LIMIT_API_MAX', 600, 0, 1_000_000), windowSeconds },
    auth: { max: readInteger(env, 'RATE_LIMIT_AUTH_MAX', 20, 1, 10_000), windowSeconds: authWindowSeconds },
    authAccount: { max: readInteger(env, 'RATE_LIMIT_AUTH_ACCOUNT_MAX', 10, 1, 10_000), windowSeconds: authWindowSeconds },
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
    nodeEnv,
    oai: readOaiEnvironment(env),
    payloadSecret: readPayloadSecret(env, nodeEnv),
    port,
    preview: readPreviewEnvironment(env),
    serverUrl: readServerUrl(env, port),
    shutdownTimeoutMs: readInteger(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    trustProxy: readTrustProxy(env),
    rateLimits: readRateLimits(env),
    uploads: readUploadLimits(env),
    webhooks: readWebhookEnvironment(env),
    websitePaths: readWebsitePathTemplates(env),
    websiteUrl: readWebsiteUrl(env),
  }
}
