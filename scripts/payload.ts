/**
 * Runs Payload's command line (migrate, migrate:create, generate:types, …) with
 * the same settings and database as the server: DATABASE_URI when set,
 * otherwise the embedded development database, which is joined when
 * `npm run dev` already serves it and started (then stopped) otherwise.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'

import { ConfigurationError } from '../src/settings/configurationError'
import { loadEnvironment } from '../src/boot/loadEnvironment'
import { logger } from '../src/lib/logger'
import { prepareDatabase } from '../src/database/prepareDatabase'
import { projectRoot } from '../src/lib/projectPaths'

const COMMANDS_WITHOUT_DATABASE = new Set(['generate:importmap', 'generate:types', 'generate:db-schema', 'info'])

async function main(): Promise<number> {
  const args = process.argv.slice(2)
  const environment = loadEnvironment(logger)
  const needsDatabase = args.length > 0 && !COMMANDS_WITHOUT_DATABASE.has(args[0])
  const database = needsDatabase ? await prepareDatabase(environment, logger) : undefined
  try {
    const bin = path.join(projectRoot, 'node_modules', 'payload', 'bin.js')
    const child = spawn(process.execPath, ['--no-deprecation', '--conditions=development', bin, ...args], {
      cwd: projectRoot,
      env: { ...process.env, PAYLOAD_CONFIG_PATH: path.join(projectRoot, 'src', 'payload.config.ts') },
      stdio: 'inherit',
    })
    return await new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 1)))
  } finally {
    await database?.release()
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error)
    logger.fatal(error instanceof ConfigurationError ? `Configuration error: ${message}` : message)
    process.exit(1)
  },
)
