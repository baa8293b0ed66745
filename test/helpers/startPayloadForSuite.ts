import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import mongoose from 'mongoose'
import { getPayload, type InitOptions, type Payload, type SanitizedConfig } from 'payload'

import { RestClient } from './restClient'
import { testDatabaseUri } from './testDatabase'

export type SuiteContext = {
  close(): Promise<void>
  config: SanitizedConfig
  payload: Payload
  rest: RestClient
  uploadsDir: string
}

/**
 * Boots Payload for one test file: a database of its own on the run's server,
 * an empty uploads folder of its own, the project's real config. With
 * `monitorCommands` the driver reports the commands it sends, so a test can
 * count what a call asks of the database. `onInit` runs once Payload is
 * connected, as part of its start (a failure fails the start).
 *
 * A start that fails closes the database connections it opened: Payload
 * leaves the connection of a failed start to Mongoose, which keeps
 * reconnecting in the background and holds the test run open.
 */
export async function startPayloadForSuite(
  suite: string,
  { monitorCommands = false, onInit }: { monitorCommands?: boolean; onInit?: InitOptions['onInit'] } = {},
): Promise<SuiteContext> {
  const uploadsDir = fs.mkdtempSync(path.join(os.tmpdir(), `journal-cms-uploads-${suite}-`))
  // monitorCommands: the driver reports every command it sends (test/helpers/databaseCommands.ts).
  process.env.DATABASE_URI = `${testDatabaseUri(suite)}${monitorCommands ? '?monitorCommands=true' : ''}`
  process.env.PAYLOAD_SECRET = randomBytes(32).toString('hex')
  process.env.SERVER_URL = 'http://localhost:3000'
  process.env.UPLOADS_DIR = uploadsDir

  // Imported after the environment is set: the config reads it.
  const { default: configPromise } = await import('../../src/payload.config')
  const config = await configPromise
  const connectionsBefore = new Set(mongoose.connections)
  let payload: Payload
  try {
    payload = await getPayload({ config, onInit })
  } catch (error) {
    // Payload's adapter opens its own connection (mongoose.createConnection), which Mongoose lists.
    const opened = mongoose.connections.filter((connection) => !connectionsBefore.has(connection))
    await Promise.all(opened.map((connection) => connection.close(true).catch(() => undefined)))
    forgetCachedPayload()
    fs.rmSync(uploadsDir, { force: true, recursive: true })
    throw error
  }

  return {
    close: async () => {
      const connection = (payload.db as unknown as { connection?: { dropDatabase(): Promise<unknown> } }).connection
      await connection?.dropDatabase()
      await payload.destroy()
      forgetCachedPayload()
      fs.rmSync(uploadsDir, { force: true, recursive: true })
    },
    config,
    payload,
    rest: new RestClient(config, payload),
    uploadsDir,
  }
}

/** getPayload caches the instance (or its failed start) on the global object, which jest keeps across test files. */
function forgetCachedPayload(): void {
  ;(globalThis as { _payload?: Map<string, unknown> })._payload?.delete('default')
}
