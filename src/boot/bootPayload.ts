import type { InitOptions, Payload, SanitizedConfig } from 'payload'
import type { Logger } from 'pino'

import { markContentChanged } from '../contentState/contentState'
import { applyPendingMigrations } from '../database/developmentMigrations'
import { closingConnectionsOnFailure, forgetPayloadInstance } from '../database/payloadInternals'
import { prepareDatabase, type PreparedDatabase } from '../database/prepareDatabase'
import { type LoadedEnvironment, loadEnvironment } from './loadEnvironment'

export type BootOptions = {
  /** Run the jobs queue's schedule in this process (the server does; scripts and tests do not). */
  cron?: boolean
  /** Read the project's `.env` (default true). */
  envFile?: boolean
  logger: Logger
  /** Runs once Payload is connected, as part of its start (a failure fails the start). */
  onInit?: InitOptions['onInit']
  /**
   * Apply pending migrations before going on (default: outside production unless
   * MIGRATE_ON_START=false; in production Payload applies them itself while it
   * connects, with the same setting). `command` logs as the one-shot command does.
   */
  migrate?: 'command' | boolean
  /** Settings that replace the process's own for this boot, e.g. a test's database and uploads folder. */
  settings?: Record<string, string>
}

export type BootedPayload = {
  config: SanitizedConfig
  database: PreparedDatabase
  environment: LoadedEnvironment
  payload: Payload
  /** Stops Payload, then releases the database (an embedded one this process started is stopped). */
  shutdown(): Promise<void>
}

/**
 * The one way the CMS starts Payload, for the server, the scripts and the
 * tests alike: every setting read and validated (a bad one throws a
 * ConfigurationError naming it), the database settled (DATABASE_URI, or the
 * embedded one), the config built from those settings, Payload initialised,
 * pending migrations applied where Payload does not apply them itself, and
 * the content state renewed, since whatever changed while no server ran
 * (migrations, a restore) makes every remembered answer stale.
 */
export async function bootPayload(options: BootOptions): Promise<BootedPayload> {
  const { logger } = options
  if (options.settings) Object.assign(process.env, options.settings)
  const environment = loadEnvironment(logger, { envFile: options.envFile })
  const database = await prepareDatabase(environment, logger)
  try {
    const { getPayload } = await import('payload')
    // Imported only now: the config reads the settings loaded above.
    const { default: configPromise } = await import('../payload.config')
    const config = await configPromise
    const payload = await closingConnectionsOnFailure(() => getPayload({ config, cron: options.cron ?? false, onInit: options.onInit }))
    try {
      const migrate = options.migrate ?? (environment.nodeEnv !== 'production' && environment.migrateOnStart)
      if (migrate) await applyPendingMigrations(payload, migrate === 'command' ? 'command' : 'development')
      await markContentChanged(payload)
    } catch (error) {
      await payload.destroy()
      throw error
    }
    return {
      config,
      database,
      environment,
      payload,
      shutdown: async () => {
        await payload.destroy()
        forgetPayloadInstance()
        await database.release()
      },
    }
  } catch (error) {
    forgetPayloadInstance()
    await database.release()
    throw error
  }
}
