import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { EmbeddedDatabase } from '../../src/database/embeddedDatabase'
import { logger } from '../../src/lib/logger'
import { startEmbeddedDatabase } from '../../src/database/startEmbeddedDatabase'

/**
 * A database server of a test's own, for tests that stop and restart it
 * (the run's shared server must stay up for the other suites).
 */
export async function startDedicatedDatabase(): Promise<EmbeddedDatabase & { remove(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-cms-dedicated-db-'))
  const database = await startEmbeddedDatabase({
    dataDir,
    logger,
    // Its tests stop and start it again, and expect the data to be there.
    persistent: true,
  })
  return {
    ...database,
    remove: async () => {
      await database.stop()
      fs.rmSync(dataDir, { force: true, recursive: true })
    },
  }
}
