import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { InitOptions, Payload, SanitizedConfig } from 'payload'

import { bootPayload } from '../../src/boot/bootPayload'
import { dropConnectedDatabase } from '../../src/database/payloadInternals'
import { logger } from '../../src/lib/logger'
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
 * Boots Payload for one test file the way the server does (src/boot/bootPayload.ts),
 * on a database of its own on the run's server, with an empty uploads folder of
 * its own and the project's real config. With `monitorCommands` the driver
 * reports the commands it sends, so a test can count what a call asks of the
 * database. No `.env` is read and no migration is applied: a suite starts
 * from an empty journal and seeds what it needs. `onInit` runs once Payload
 * is connected, as part of its start (a failure fails the start, and the
 * connections it opened are closed: src/database/payloadInternals.ts).
 */
export async function startPayloadForSuite(
  suite: string,
  { monitorCommands = false, onInit }: { monitorCommands?: boolean; onInit?: InitOptions['onInit'] } = {},
): Promise<SuiteContext> {
  const uploadsDir = fs.mkdtempSync(path.join(os.tmpdir(), `journal-cms-uploads-${suite}-`))
  const booted = await bootPayload({
    envFile: false,
    logger,
    migrate: false,
    onInit,
    settings: {
      // monitorCommands: the driver reports every command it sends (test/helpers/databaseCommands.ts).
      DATABASE_URI: `${testDatabaseUri(suite)}${monitorCommands ? '?monitorCommands=true' : ''}`,
      PAYLOAD_SECRET: randomBytes(32).toString('hex'),
      SERVER_URL: 'http://localhost:3000',
      UPLOADS_DIR: uploadsDir,
    },
  }).catch((error: unknown) => {
    fs.rmSync(uploadsDir, { force: true, recursive: true })
    throw error
  })
  const { config, payload } = booted

  return {
    close: async () => {
      await dropConnectedDatabase(payload)
      await booted.shutdown()
      fs.rmSync(uploadsDir, { force: true, recursive: true })
    },
    config,
    payload,
    rest: new RestClient(config, payload),
    uploadsDir,
  }
}
