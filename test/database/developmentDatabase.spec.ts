import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { ferretdbBinaryPath } from '../../src/lib/ferretdb'
import { projectRoot } from '../../src/lib/projectPaths'

/**
 * `npm run dev` and the command-line scripts share one embedded database with
 * its files under DATA_DIR (normally .data/). Here DATA_DIR is a temporary
 * folder, so the developer's own data is never touched.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-cms-dev-db-'))
const recordFile = path.join(dataDir, 'embedded-database.json')
const scriptEnv = {
  ...process.env,
  DATABASE_URI: '',
  DATA_DIR: dataDir,
  // The FerretDB binary built for this checkout, instead of building another into the temporary folder.
  FERRETDB_BINARY: ferretdbBinaryPath(),
  LOG_LEVEL: 'info',
  NODE_ENV: 'development' as const,
  PAYLOAD_SECRET: 'y'.repeat(40),
}

function runMigrateStatus(): { output: string; status: number | null } {
  const result = spawnSync(path.join(projectRoot, 'node_modules', '.bin', 'tsx'), ['scripts/payload.ts', 'migrate:status'], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: scriptEnv,
    timeout: 120_000,
  })
  return { output: `${result.stdout}${result.stderr}`, status: result.status }
}

let openDevelopmentDatabase: typeof import('../../src/lib/developmentDatabase').openDevelopmentDatabase
let logger: typeof import('../../src/lib/logger').logger

beforeAll(async () => {
  process.env.DATA_DIR = dataDir
  process.env.FERRETDB_BINARY = scriptEnv.FERRETDB_BINARY
  // Imported after DATA_DIR is set: the project paths are read at import.
  ;({ openDevelopmentDatabase } = await import('../../src/lib/developmentDatabase'))
  ;({ logger } = await import('../../src/lib/logger'))
})

afterAll(() => {
  delete process.env.DATA_DIR
  delete process.env.FERRETDB_BINARY
  fs.rmSync(dataDir, { force: true, recursive: true })
})

describe('the shared development database', () => {
  it('a script joins the database another process serves instead of opening its files again', async () => {
    const database = await openDevelopmentDatabase('auto', logger)
    try {
      const record = JSON.parse(fs.readFileSync(recordFile, 'utf8')) as { ownerPid: number; uri: string }
      expect(record.ownerPid).toBe(process.pid)
      expect(record.uri).toBe(database.uri)

      const { output, status } = runMigrateStatus()
      expect(status).toBe(0)
      expect(output).toContain(`served by process ${process.pid}`)
      expect(output).not.toMatch(/Embedded database: /)
    } finally {
      await database.release()
    }
    expect(fs.existsSync(recordFile)).toBe(false)
  }, 150_000)

  it('a script starts the database itself when nobody serves it, and stops it when done', () => {
    const { output, status } = runMigrateStatus()
    expect(status).toBe(0)
    expect(output).toMatch(/Embedded database: (FerretDB|mongod)/)
    expect(fs.existsSync(recordFile)).toBe(false)
  }, 150_000)
})
