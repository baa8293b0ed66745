import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { findFreePort } from '../../src/database/findFreePort'
import { logger } from '../../src/lib/logger'
import { localServerSettings, productionServerFile, spawnProductionServer, waitForServer } from './spawnProductionServer'
import { startEmbeddedDatabase } from '../../src/database/startEmbeddedDatabase'

export type OwnProductionServer = {
  /** The embedded database's kind: `mongod` or `mongo-java-server`. */
  databaseKind: string
  /** The server process, e.g. to sample its memory. */
  process: ChildProcess
  /** Stops the server (SIGTERM, waiting for it to exit) and removes its own database and uploads. */
  stop(): Promise<void>
  url: string
}

/** A database and uploads folder the caller keeps (the benchmark's data set); left as they are on stop. */
export type KeptData = { databaseKind: string; databaseUri: string; uploadsDir: string }

/**
 * The production build (`dist/server.js`) on a free port, against an
 * embedded database and an uploads folder of its own, for tools that load
 * or probe a server (`npm run soak`, `npm run fuzz`) without touching a real
 * deployment; or against data the caller keeps (`npm run bench`). `env`
 * adds or overrides settings; `nodeOptions` go to node (`--cpu-prof`).
 */
export async function startOwnProductionServer(env: Record<string, string> = {}, kept?: KeptData, nodeOptions: string[] = []): Promise<OwnProductionServer> {
  const missingBuildAdvice = 'run `npm run build` first'
  productionServerFile(missingBuildAdvice)
  const data = kept ?? (await ownData())
  const { databaseUri, uploadsDir } = data
  const removeAll = async () => {
    if (!kept) await (data as OwnData).remove()
  }

  const port = await findFreePort()
  const url = `http://127.0.0.1:${port}`
  const child = spawnProductionServer(
    { ...localServerSettings({ databaseUri, port, uploadsDir }), ...env },
    { missingBuildAdvice, nodeOptions, output: 'inherit' },
  )
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    await exited
    await removeAll()
  }

  const outcome = await waitForServer(child, url, { intervalMs: 500, probe: '/readyz', timeoutMs: 120_000 })
  if (outcome === 'exited') {
    await removeAll()
    throw new Error(`the server exited with ${child.exitCode}`)
  }
  if (outcome === 'timed out') {
    await stop()
    throw new Error('the server did not become ready within 120 s')
  }
  return { databaseKind: data.databaseKind, process: child, stop, url }
}

type OwnData = KeptData & { remove(): Promise<void> }

/** A new embedded database and uploads folder in the temporary directory, removed with the server. */
async function ownData(): Promise<OwnData> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-cms-own-db-'))
  const uploadsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-cms-own-uploads-'))
  const database = await startEmbeddedDatabase({
    dataDir,
    logger,
    persistent: false,
  })
  return {
    databaseKind: database.kind,
    databaseUri: database.uri('own'),
    remove: async () => {
      await database.stop()
      fs.rmSync(dataDir, { force: true, recursive: true })
      fs.rmSync(uploadsDir, { force: true, recursive: true })
    },
    uploadsDir,
  }
}
