import fs from 'node:fs'
import path from 'node:path'
import type { Logger } from 'pino'

import { readOrCreateDevelopmentSecret } from './developmentSecret'
import { readServerEnvironment, type ServerEnvironment } from './environment'
import { projectRoot } from '../lib/projectPaths'

export type LoadedEnvironment = ServerEnvironment & { payloadSecret: string }

/**
 * Reads `.env` when present, validates the environment and fills in what development may leave out (the
 * secret), then writes the resolved values back to process.env, where the
 * Payload config reads them.
 */
export function loadEnvironment(logger: Logger): LoadedEnvironment {
  // A .env file in the project fills in what the environment does not set.
  const envFile = path.join(projectRoot, '.env')
  if (fs.existsSync(envFile)) process.loadEnvFile(envFile)
  process.env.NEXT_TELEMETRY_DISABLED ??= '1'
  const environment = readServerEnvironment()
  const payloadSecret = environment.payloadSecret ?? readOrCreateDevelopmentSecret(logger)
  process.env.PAYLOAD_SECRET = payloadSecret
  process.env.SERVER_URL = environment.serverUrl
  process.env.CORS_ORIGINS = environment.corsOrigins.join(',')
  return { ...environment, payloadSecret }
}
