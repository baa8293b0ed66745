import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { getPayload, type Payload, type SanitizedConfig } from 'payload'

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
 * count what a call asks of the database.
 */
export async function startPayloadForSuite(suite: string, { monitorCommands = false }: { monitorCommands?: boolean } = {}): Promise<SuiteContext> {
  const uploadsDir = fs.mkdtempSync(path.join(os.tmpdir(), `journal-cms-uploads-${suite}-`))
  // monitorCommands: the driver reports every command it sends (test/helpers/databaseCommands.ts).
  process.env.DATABASE_URI = `${testDatabaseUri(suite)}${monitorCommands ? '?monitorCommands=true' : ''}`
  process.env.PAYLOAD_SECRET = randomBytes(32).toString('hex')
  process.env.SERVER_URL = 'http://localhost:3000'
  process.env.UPLOADS_DIR = uploadsDir

  // Imported after the environment is set: the config reads it.
  const { default: configPromise } = await import('../../src/payload.config')
  const config = await configPromise
  const payload = await getPayload({ config })

  return {
    close: async () => {
      const connection = (payload.db as unknown as { connection?: { dropDatabase(): Promise<unknown> } }).connection
      await connection?.dropDatabase()
      await payload.destroy()
      // getPayload caches the instance on the global object, which jest keeps across test files.
      ;(globalThis as { _payload?: Map<string, unknown> })._payload?.delete('default')
      fs.rmSync(uploadsDir, { force: true, recursive: true })
    },
    config,
    payload,
    rest: new RestClient(config, payload),
    uploadsDir,
  }
}
