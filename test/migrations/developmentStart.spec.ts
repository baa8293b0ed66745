import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import { MongoClient } from 'mongodb'

import { migrations } from '../../migrations'
import { findFreePort } from '../../src/database/findFreePort'
import { projectRoot } from '../../src/lib/projectPaths'
import { localServerSettings, waitForServer } from '../../scripts/lib/spawnProductionServer'
import { testDatabaseUri } from '../helpers/testDatabase'

/**
 * `npm run dev` on a fresh database applies the pending migrations before
 * the port opens and says so; the next start finds none pending. The
 * production server keeps Payload's own rule (prodMigrations).
 */
const databaseUri = testDatabaseUri('development-start')
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-cms-dev-start-'))

/** Starts the development server (`npm run dev`) until /healthz answers, then stops it; returns what it logged. */
async function startDevelopmentServerOnce(): Promise<string> {
  const port = await findFreePort()
  const url = `http://127.0.0.1:${port}`
  // node itself, not the tsx wrapper, so that SIGTERM reaches the server.
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=development', 'src/server.ts'], {
    cwd: projectRoot,
    env: { ...process.env, ...localServerSettings({ databaseUri, port, uploadsDir: path.join(dataDir, 'uploads') }), DATA_DIR: dataDir, DEV_WARM_ADMIN: 'false', LOG_LEVEL: 'info', NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise((resolve) => child.once('exit', resolve))
  const outcome = await waitForServer(child, url, { intervalMs: 250, probe: '/healthz', timeoutMs: 120_000 })
  if (child.exitCode === null) child.kill('SIGTERM')
  await exited
  if (outcome !== 'ready') throw new Error(`the development server ${outcome}:\n${output}`)
  return output
}

async function countIn(collection: string): Promise<number> {
  const client = await MongoClient.connect(databaseUri)
  try {
    return await client.db().collection(collection).countDocuments()
  } finally {
    await client.close()
  }
}

afterAll(() => fs.rmSync(dataDir, { force: true, recursive: true }))

describe('npm run dev on a fresh database', () => {
  it('applies the pending migrations at start and says so, so the section tree and the directory are there', async () => {
    const output = await startDevelopmentServerOnce()
    expect(output).toContain(`Development: applying ${migrations.length} pending migrations at start`)
    expect(output).toContain('Migrating: 20261128_125346_seed_sections_and_directory')
    expect(output).toMatch(/Development: \d+ migrations applied in [\d.]+ s/)
    // Before the port opened.
    expect(output.indexOf('migrations applied')).toBeLessThan(output.indexOf('listening on port'))
    expect(await countIn('payload-migrations')).toBe(migrations.length)
    expect(await countIn('sections')).toBeGreaterThan(0)
    expect(await countIn('contacts')).toBeGreaterThan(0)
  }, 240_000)

  it('finds nothing pending the next time', async () => {
    const output = await startDevelopmentServerOnce()
    expect(output).toContain(`Development: no pending migrations (${migrations.length} applied)`)
    expect(output).not.toContain('Migrating:')
    expect(await countIn('payload-migrations')).toBe(migrations.length)
  }, 240_000)
})
