import type { Logger } from 'pino'

import { inspectDatabaseServer, type DatabaseServerInfo } from './serverCapabilities'
import { openDevelopmentDatabase } from './developmentDatabase'
import type { ServerEnvironment } from '../settings/environment'

export type PreparedDatabase = {
  release(): Promise<void>
  server: DatabaseServerInfo
  uri: string
}

function redact(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//***@')
}

/**
 * Settles which database Payload will use: DATABASE_URI when set, otherwise the
 * embedded development database. Checks that the server answers and fails
 * with one clear message when it does not.
 */
export async function prepareDatabase(environment: ServerEnvironment, logger: Logger): Promise<PreparedDatabase> {
  const embedded = environment.databaseUri ? undefined : await openDevelopmentDatabase(environment.embeddedDatabase, logger)
  const uri = environment.databaseUri ?? embedded!.uri
  try {
    const server = await inspectDatabaseServer(uri)
    process.env.DATABASE_URI = uri
    logger.info(`Database: ${server.description} at ${redact(uri)} (transactions ${server.capabilities.transactions ? 'on' : 'off: not a replica set'})`)
    return { release: () => embedded?.release() ?? Promise.resolve(), server, uri }
  } catch (error) {
    await embedded?.release()
    throw new Error(`Cannot reach the database at ${redact(uri)}: ${(error as Error).message}`)
  }
}
