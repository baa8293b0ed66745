import type { Logger } from 'pino'

import type { EmbeddedDatabase } from './embeddedDatabase'
import { readEmbeddedDatabaseSettings, type EmbeddedDatabaseSettings } from '../settings/environment'
import { javaMongoServerVersion, startJavaMongoServer } from './javaMongoServer'
import { findMongodBinary, startMongod } from './mongod'

type Options = {
  /** Where the server keeps its files; separate folders per kind are made inside it. */
  dataDir: string
  logger: Logger
  /**
   * Whether the data must outlive the server process (development, scripts, a
   * test that restarts its server). mongod always keeps its files;
   * mongo-java-server keeps them only then (H2 file backend), and otherwise
   * holds everything in memory, which is what a test run wants.
   */
  persistent: boolean
  port?: number
  /** EMBEDDED_DATABASE and EMBEDDED_DATABASE_HEAP; read from the environment when not given. */
  settings?: EmbeddedDatabaseSettings
}

/**
 * Starts the embedded database: a real mongod (single-node replica set) where
 * one can be had, otherwise mongo-java-server. Logs which one it started.
 */
export async function startEmbeddedDatabase(options: Options): Promise<EmbeddedDatabase> {
  const { logger } = options
  const settings = options.settings ?? readEmbeddedDatabaseSettings(process.env)
  if (settings.choice !== 'mongo-java-server') {
    const binary = await findMongodBinary(logger, { retryDownload: settings.choice === 'mongod' })
    if (binary) {
      const database = await startMongod({ binary, dataDir: `${options.dataDir}/mongod`, port: options.port })
      logger.info(`Embedded database: mongod (${binary}) on port ${database.port}, replica set rs0`)
      return database
    }
    if (settings.choice === 'mongod') {
      throw new Error('EMBEDDED_DATABASE=mongod, but no mongod binary could be had (set MONGOMS_SYSTEM_BINARY)')
    }
  }
  const backend = options.persistent ? 'h2' : 'memory'
  const database = await startJavaMongoServer({
    backend,
    dataDir: `${options.dataDir}/mongo-java-server`,
    logger,
    maxHeap: settings.maxHeap,
    port: options.port,
  })
  logger.info(
    `Embedded database: mongo-java-server ${javaMongoServerVersion()} (${backend === 'h2' ? `H2 file in ${database.dataDir}` : 'in memory'}) on port ${database.port}; no mongod here, so no transactions`,
  )
  return database
}
