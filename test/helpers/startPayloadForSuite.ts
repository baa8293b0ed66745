import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { InitOptions, Payload, SanitizedConfig } from 'payload'

import { bootPayload } from '../../src/boot/bootPayload'
import { dropConnectedDatabase } from '../../src/database/payloadInternals'
import { logger } from '../../src/lib/logger'
import { startObjectStorage, type ObjectStorage } from './objectStorage'
import { RestClient } from './restClient'
import { testDatabaseUri } from './testDatabase'

export type SuiteContext = {
  close(): Promise<void>
  config: SanitizedConfig
  /** The bucket the media go to, when the suite runs with object storage. */
  objectStorage?: ObjectStorage
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
 *
 * With `objectStorage` (test/helpers/objectStorage.ts) the media go to that
 * bucket. `TEST_OBJECT_STORAGE=s3` gives every suite a bucket of its own
 * (stopped with the suite), to run existing suites against object storage.
 */
export async function startPayloadForSuite(
  suite: string,
  { monitorCommands = false, objectStorage, onInit }: { monitorCommands?: boolean; objectStorage?: ObjectStorage; onInit?: InitOptions['onInit'] } = {},
): Promise<SuiteContext> {
  const ownStorage = !objectStorage && process.env.TEST_OBJECT_STORAGE === 's3' ? await startObjectStorage() : undefined
  const storage = objectStorage ?? ownStorage
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
      ...storage?.env,
    },
  }).catch(async (error: unknown) => {
    fs.rmSync(uploadsDir, { force: true, recursive: true })
    await ownStorage?.stop()
    throw error
  })
  const { config, payload } = booted

  return {
    close: async () => {
      await dropConnectedDatabase(payload)
      await booted.shutdown()
      fs.rmSync(uploadsDir, { force: true, recursive: true })
      await ownStorage?.stop()
    },
    config,
    objectStorage: storage,
    payload,
    rest: new RestClient(config, payload),
    uploadsDir,
  }
}
