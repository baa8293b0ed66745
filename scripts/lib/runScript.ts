import type { Logger } from 'pino'

import { ConfigurationError } from '../../src/settings/configurationError'
import type { LoadedEnvironment } from '../../src/boot/loadEnvironment'
import type { PreparedDatabase } from '../../src/database/prepareDatabase'

/**
 * The start-up and the ending shared by the command-line scripts
 * (`npm run import`, `reindex`, `backup`, `restore`).
 *
 * The database is joined the same way as `npm run migrate`: DATABASE_URI
 * when set, otherwise the embedded development database (the one
 * `npm run dev` serves, or started for the run). Everything heavy is loaded
 * only when a script asks for it, so a wrong command line is answered at once.
 * Scripts that work through Payload use withPayload (scripts/lib/withPayload.ts).
 */

export type ScriptDatabase = {
  database: PreparedDatabase
  environment: LoadedEnvironment
  logger: Logger
}

/** Runs `work` with the environment loaded and the database settled, and releases the database afterwards. */
export async function withDatabase<T>(work: (context: ScriptDatabase) => Promise<T>): Promise<T> {
  const { loadEnvironment } = await import('../../src/boot/loadEnvironment')
  const { logger } = await import('../../src/lib/logger')
  const { prepareDatabase } = await import('../../src/database/prepareDatabase')
  const environment = loadEnvironment(logger)
  const database = await prepareDatabase(environment, logger)
  try {
    return await work({ database, environment, logger })
  } finally {
    await database.release()
  }
}

/**
 * Runs a script's main function and exits with the code it returns. An error
 * it throws ends the process with exit code 1 and one line: "Configuration
 * error: …" for a setting, "<action> stopped: …" for anything else.
 */
export function runScript(action: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error)
      process.stderr.write(`${error instanceof ConfigurationError ? `Configuration error: ${message}` : `${action} stopped: ${message}`}\n`)
      process.exit(1)
    },
  )
}
