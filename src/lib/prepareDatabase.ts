import type { Logger } from 'pino'

import { inspectDatabaseServer } from './databaseServer'
import { openDevelopmentDatabase } from './developmentDatabase'
import type { ServerEnvironment } from './environment'

export type PreparedDatabase = {
  kind: 'ferretdb' | 'mongodb'
  release(): Promise<void>
  uri: string
}

function redact(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//***@')
}

/**
 * Settles which database Payload will use: DATABASE_URI when set, otherwise the
 * embedded development database. Checks that the server answers, records its
 * kind for the adapter options, and fails with one clear message when it does not.
 */
export async function prepareDatabase(environment: ServerEnvironment, logger: Logger): Promise<PreparedDatabase> {
  const embedded = environment.databaseUri ? undefined : await openDevelopmentDatabase(environment.embeddedDatabase, logger)
  const uri = environment.databaseUri ?? embedded!.uri
  try {
    const server = await inspectDatabaseServer(uri)
    process.env.DATABASE_URI = uri
    process.env.DATABASE_SERVER_KIND = server.kind
    logger.info(
      `Database: ${server.kind === 'ferretdb' ? 'FerretDB' : 'MongoDB'} ${server.version} at ${redact(uri)} (transactions ${server.replicaSet ? 'on' : 'off: not a replica set'})`,
    )
    return { kind: server.kind, release: () => embedded?.release() ?? Promise.resolve(), uri }
  } catch (error) {
    await embedded?.release()
    throw new Error(`Cannot reach the database at ${redact(uri)}: ${(error as Error).message}`)
  }
}
