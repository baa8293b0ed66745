import { ConfigurationError } from './configurationError'

/**
 * The primitives every settings reader is built from: each names the
 * variable it reads and throws a ConfigurationError saying what a valid
 * value looks like. The server's own settings are in ./environment.ts; each
 * capability reads its own (e.g. src/webhooks/settings.ts) with these.
 */

export type Env = Record<string, string | undefined>

export type NodeEnvironment = 'development' | 'production' | 'test'

export function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim()
  return value ? value : undefined
}

export function readNodeEnv(env: Env): NodeEnvironment {
  const value = text(env, 'NODE_ENV') ?? 'development'
  if (value === 'development' || value === 'production' || value === 'test') return value
  throw new ConfigurationError(
    `NODE_ENV must be development, production or test (got "${value}")`,
  )
}

export function readInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = text(env, name)
  if (value === undefined) return fallback
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new ConfigurationError(`${name} must be a whole number from ${min} to ${max} (got "${value}")`)
  }
  return Number(value)
}

export function readHttpUrl(name: string, value: string): URL {
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

export function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const value = text(env, name)
  if (value === undefined) return fallback
  if (value === 'true') return true
  if (value === 'false') return false
  throw new ConfigurationError(`${name} must be true or false (got "${value}")`)
}

const CRON_FIELD = /^[0-9A-Za-z*/,?#-]+$/

/** A cron expression of 5 or 6 fields (seconds first), or `off` (null). */
export function readCron(env: Env, name: string, fallback: null | string, example: string): null | string {
  const value = text(env, name)
  if (value === undefined) return fallback
  if (value === 'off') return null
  const fields = value.split(/\s+/)
  if ((fields.length !== 5 && fields.length !== 6) || !fields.every((field) => CRON_FIELD.test(field))) {
    throw new ConfigurationError(`${name} must be a cron expression with 5 or 6 fields (seconds first), e.g. ${example}, or off (got "${value}")`)
  }
  return fields.join(' ')
}
