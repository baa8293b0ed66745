import { ConfigurationError } from '../settings/configurationError'
import { type Env, readBoolean, readInteger, text } from '../settings/read'
import { WEBHOOK_ACTIONS, WEBHOOK_COLLECTIONS, type WebhookAction, type WebhookCollection } from './events'
import { webhookUrlProblem } from './targets'

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
