import fs from 'node:fs'
import path from 'node:path'
import type { Logger } from 'pino'

import { inspectDatabaseServer } from './serverCapabilities'
import type { EmbeddedDatabaseSettings } from '../settings/environment'
import { dataDir } from '../lib/projectPaths'
import { startEmbeddedDatabase } from './startEmbeddedDatabase'
import { processIsAlive } from '../lib/processIsAlive'

export const DEVELOPMENT_DATABASE_NAME = 'journal'

function recordFile(): string {
  return path.join(dataDir(), 'embedded-database.json')
}

/** `.data/embedded-database.json`: who serves the database. ownerPid: the process that started it; serverPid: the database server itself. */
type Record = { kind: string; ownerPid: number; port: number; serverPid?: number; uri: string }

export type DevelopmentDatabase = {
  /** Stops the embedded server when this process started it; otherwise does nothing. */
  release(): Promise<void>
  uri: string
}

function readRecord(): Record | undefined {
  try {
    return JSON.parse(fs.readFileSync(recordFile(), 'utf8')) as Record
  } catch {
    return undefined
  }
}

/**
 * The embedded database of `npm run dev` and of the command-line scripts,
 * with its files under `.data/`. A process that finds one already served by
 * another process (recorded in `.data/embedded-database.json`) connects to it;
 * otherwise it starts the server itself, so two processes never open the
 * same data files.
 */
export async function openDevelopmentDatabase(settings: EmbeddedDatabaseSettings, logger: Logger): Promise<DevelopmentDatabase> {
  const record = readRecord()
  if (record && record.ownerPid !== process.pid && processIsAlive(record.ownerPid)) {
    try {
      await inspectDatabaseServer(record.uri, 3_000)
      logger.info(`Using the embedded ${record.kind} database served by process ${record.ownerPid}`)
      return { release: async () => undefined, uri: record.uri }
    } catch {
      throw new Error(
        `Process ${record.ownerPid} holds the embedded database (${recordFile()}) but it does not answer; stop that process and try again`,
      )
    }
  }

  const database = await startEmbeddedDatabase({ dataDir: dataDir(), logger, persistent: true, port: record?.port, settings })
  const uri = database.uri(DEVELOPMENT_DATABASE_NAME)
  fs.writeFileSync(
    recordFile(),
    `${JSON.stringify({ kind: database.kind, ownerPid: process.pid, port: database.port, serverPid: database.pid(), uri } satisfies Record, null, 2)}\n`,
  )
  return {
    release: async () => {
      if (readRecord()?.ownerPid === process.pid) fs.rmSync(recordFile(), { force: true })
      await database.stop()
    },
    uri,
  }
}
