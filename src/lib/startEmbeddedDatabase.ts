import type { Logger } from 'pino'

import type { EmbeddedDatabase } from './embeddedDatabase'
import type { EmbeddedDatabaseChoice } from './environment'
import { startFerretdb } from './ferretdb'
import { findMongodBinary, startMongod } from './mongod'

type Options = {
  choice: EmbeddedDatabaseChoice
  /** Where the server keeps its files; separate folders per kind are made inside it. */
  dataDir: string
  logger: Logger
  port?: number
}

/**
 * Starts the embedded database: a real mongod (single-node replica set) where
 * one can be had, otherwise FerretDB on SQLite. Logs which one it started.
 */
export async function startEmbeddedDatabase(options: Options): Promise<EmbeddedDatabase> {
  const { choice, logger } = options
  if (choice !== 'ferretdb') {
    const binary = await findMongodBinary(logger, { retryDownload: choice === 'mongod' })
    if (binary) {
      const database = await startMongod({ binary, dataDir: `${options.dataDir}/mongod`, port: options.port })
      logger.info(`Embedded database: mongod (${binary}) on port ${database.port}, replica set rs0`)
      return database
    }
    if (choice === 'mongod') {
      throw new Error('EMBEDDED_DATABASE=mongod, but no mongod binary could be had (set MONGOMS_SYSTEM_BINARY)')
    }
  }
  const database = await startFerretdb({ dataDir: `${options.dataDir}/ferretdb`, logger, port: options.port })
  logger.info(`Embedded database: FerretDB on port ${database.port} (no mongod available; transactions are off)`)
  return database
}
