import fs from 'node:fs'
import path from 'node:path'
import type { Logger } from 'pino'

import { projectRoot } from '../lib/projectPaths'
import { readOrCreateDevelopmentSecret } from '../settings/developmentSecret'
import { readStartupSettings, type StartupSettings } from './startupSettings'

export type LoadedEnvironment = StartupSettings & { payloadSecret: string }

export type LoadEnvironmentOptions = {
  /** Read the project's `.env` first (default true). Tests give their settings instead. */
  envFile?: boolean
}

/**
 * Reads `.env` when present, validates every setting and fills in what
 * development may leave out (the secret), then writes the resolved values
 * back to process.env, where the Payload config reads them.
 */
export function loadEnvironment(logger: Logger, { envFile = true }: LoadEnvironmentOptions = {}): LoadedEnvironment {
  // A .env file in the project fills in what the environment does not set.
  const envPath = path.join(projectRoot, '.env')
  if (envFile && fs.existsSync(envPath)) process.loadEnvFile(envPath)
  process.env.NEXT_TELEMETRY_DISABLED ??= '1'
  const environment = readStartupSettings()
  const payloadSecret = environment.payloadSecret ?? readOrCreateDevelopmentSecret(logger)
  process.env.PAYLOAD_SECRET = payloadSecret
  process.env.SERVER_URL = environment.serverUrl
  process.env.CORS_ORIGINS = environment.corsOrigins.join(',')
  return { ...environment, payloadSecret }
}
