import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { EmbeddedDatabase } from '../../src/database/embeddedDatabase'
import { inspectDatabaseServer } from '../../src/database/serverCapabilities'
import { logger } from '../../src/lib/logger'
import { startEmbeddedDatabase } from '../../src/database/startEmbeddedDatabase'

declare global {
  var testDatabase: { dataDir: string; server?: EmbeddedDatabase } | undefined
}

/**
 * Starts the run's database server: TEST_DATABASE_URI when given (a real
 * MongoDB, for instance), otherwise a throw-away embedded one (mongod where it
 * can be had, else mongo-java-server in memory). What the server can do is
 * left in TEST_DATABASE_CAPABILITIES for the tests that depend on it
 * (test/helpers/testDatabase.ts).
 */
export default async function globalSetup(): Promise<void> {
  process.env.NEXT_TELEMETRY_DISABLED = '1'
  // The test database server shares the machine's cores with the suite (and, in CI, with whatever else runs):
  // a connection may take longer than production's 2 s to open. Outage tests start servers with the default.
  process.env.DATABASE_SELECTION_TIMEOUT_MS ??= '15000'
  let base = process.env.TEST_DATABASE_URI
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-cms-test-db-'))
  globalThis.testDatabase = { dataDir }
  if (!base) {
    // At info at least, whatever the tests' level (fatal unless LOG_LEVEL says): on a first run the
    // database server is prepared (a mongod download, or Maven and javac for mongo-java-server), and
    // its lines say what the wait is for.
    const level = logger.levelVal < logger.levels.values.info ? logger.level : 'info'
    const server = await startEmbeddedDatabase({ dataDir, logger: logger.child({}, { level }), persistent: false })
    globalThis.testDatabase.server = server
    base = server.uri('')
  }
  const info = await inspectDatabaseServer(base)
  process.env.TEST_DATABASE_URL = base
  process.env.TEST_DATABASE_CAPABILITIES = JSON.stringify(info.capabilities)
  console.log(`\nTest database: ${info.description}\n`)
}
