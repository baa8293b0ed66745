import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { MongoClient } from 'mongodb'

import { projectRoot } from '../../src/lib/projectPaths'
import { processIsAlive } from '../../src/lib/processIsAlive'

/**
 * `npm run dev` and the command-line scripts share one embedded database with
 * its files under DATA_DIR (normally .data/). Here DATA_DIR is a temporary
 * folder, so the developer's own data is never touched. Where no mongod can
 * be had the server is mongo-java-server with its H2 file backend, and what
 * it acknowledged must still be there after either process is killed.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-cms-dev-db-'))
const recordFile = path.join(dataDir, 'embedded-database.json')
const scriptEnv = {
  ...process.env,
  DATABASE_URI: '',
  DATA_DIR: dataDir,
  LOG_LEVEL: 'info',
  NODE_ENV: 'development' as const,
  PAYLOAD_SECRET: 'y'.repeat(40),
}
const tsx = path.join(projectRoot, 'node_modules', '.bin', 'tsx')

type DevelopmentRecord = { kind: string; ownerPid: number; serverPid?: number; uri: string }
const readRecord = () => JSON.parse(fs.readFileSync(recordFile, 'utf8')) as DevelopmentRecord

function runMigrateStatus(): { output: string; status: number | null } {
  const result = spawnSync(tsx, ['scripts/payload.ts', 'migrate:status'], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: scriptEnv,
    timeout: 120_000,
  })
  return { output: `${result.stdout}${result.stderr}`, status: result.status }
}

async function waitUntil(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** The numbers stored in `acknowledged`, read on a database opened again after the kill. */
async function storedNumbers(): Promise<Set<number>> {
  const database = await openDevelopmentDatabase(settings(), logger)
  const client = await MongoClient.connect(database.uri)
  try {
    const documents = await client.db().collection('acknowledged').find({}, { projection: { n: 1 } }).toArray()
    return new Set(documents.map((document) => document.n as number))
  } finally {
    await client.close()
    await database.release()
  }
}

async function emptyAcknowledged(): Promise<void> {
  const database = await openDevelopmentDatabase(settings(), logger)
  const client = await MongoClient.connect(database.uri)
  await client.db().collection('acknowledged').deleteMany({})
  await client.close()
  await database.release()
}

let openDevelopmentDatabase: typeof import('../../src/database/developmentDatabase').openDevelopmentDatabase
let settings: () => import('../../src/settings/environment').EmbeddedDatabaseSettings
let logger: typeof import('../../src/lib/logger').logger

beforeAll(async () => {
  process.env.DATA_DIR = dataDir
  // Imported after DATA_DIR is set: the project paths are read at import.
  ;({ openDevelopmentDatabase } = await import('../../src/database/developmentDatabase'))
  const { readEmbeddedDatabaseSettings } = await import('../../src/settings/environment')
  settings = () => readEmbeddedDatabaseSettings(process.env)
  ;({ logger } = await import('../../src/lib/logger'))
})

afterAll(() => {
  delete process.env.DATA_DIR
  fs.rmSync(dataDir, { force: true, recursive: true })
})

describe('the shared development database', () => {
  it('a script joins the database another process serves instead of opening its files again', async () => {
    const database = await openDevelopmentDatabase(settings(), logger)
    try {
      const record = readRecord()
      expect(record.ownerPid).toBe(process.pid)
      expect(record.uri).toBe(database.uri)

      const { output, status } = runMigrateStatus()
      expect({ output, status }).toEqual({ output: expect.stringContaining(`served by process ${process.pid}`), status: 0 })
      expect(output).not.toMatch(/Embedded database: /)
    } finally {
      await database.release()
    }
    expect(fs.existsSync(recordFile)).toBe(false)
  }, 150_000)

  it('a script starts the database itself when nobody serves it, and stops it when done', () => {
    const { output, status } = runMigrateStatus()
    expect(status).toBe(0)
    expect(output).toMatch(/Embedded database: (mongo-java-server \S+ \(H2 file in |mongod)/)
    expect(fs.existsSync(recordFile)).toBe(false)
  }, 150_000)
})

describe('what the embedded database acknowledged survives a kill -9', () => {
  it('of the process that started it (the CMS): the database server stops by itself and every acknowledged write is there', async () => {
    await emptyAcknowledged()
    // node itself, not the tsx wrapper: killing the wrapper would leave its node child running.
    const writer = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/scripts/writeToDevelopmentDatabase.ts'], { cwd: projectRoot, env: scriptEnv, stdio: ['ignore', 'pipe', 'pipe'] })
    let acknowledged = 0
    let output = ''
    writer.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      acknowledged = Math.max(acknowledged, ...[...output.matchAll(/acknowledged (\d+)/g)].map((match) => Number(match[1])))
    })
    writer.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const exited = new Promise((resolve) => writer.once('exit', resolve))
    await waitUntil(() => acknowledged >= 40 || writer.exitCode !== null, 60_000, `40 writes were not acknowledged (${output})`)
    const serverPid = readRecord().serverPid!
    expect(processIsAlive(serverPid)).toBe(true)

    writer.kill('SIGKILL')
    await exited
    const lastAcknowledged = acknowledged
    // Nobody is left to stop it: it notices that its parent is gone.
    await waitUntil(() => !processIsAlive(serverPid), 15_000, 'the database server did not stop after its parent was killed')

    const stored = await storedNumbers()
    const missing = Array.from({ length: lastAcknowledged }, (_, index) => index + 1).filter((n) => !stored.has(n))
    expect(missing).toEqual([])
  }, 150_000)

  it('of the database server itself, with writes in flight: every write it acknowledged is there when it starts again', async () => {
    await emptyAcknowledged()
    const database = await openDevelopmentDatabase(settings(), logger)
    const serverPid = readRecord().serverPid!
    const client = new MongoClient(database.uri, { retryWrites: false, serverSelectionTimeoutMS: 2_000 })
    await client.connect()
    const collection = client.db().collection('acknowledged')
    const acknowledged: number[] = []
    let next = 1
    let killed = false
    // Four writers at once, so some writes are on their way when the server dies.
    const writers = Array.from({ length: 4 }, async () => {
      while (!killed) {
        const n = next++
        try {
          await collection.insertOne({ n, text: 'x'.repeat(2000) })
          acknowledged.push(n)
        } catch {
          return
        }
        if (acknowledged.length === 60 && !killed) {
          killed = true
          process.kill(serverPid, 'SIGKILL')
        }
      }
    })
    await Promise.all(writers)
    await client.close(true)
    await database.release()
    expect(killed).toBe(true)

    const stored = await storedNumbers()
    expect(acknowledged.filter((n) => !stored.has(n))).toEqual([])
  }, 150_000)
})
