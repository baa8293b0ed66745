import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { readServerEnvironment } from './environment'
import { findFreePort } from './findFreePort'
import { logger } from './logger'
import { projectRoot } from './projectPaths'
import { startEmbeddedDatabase } from './startEmbeddedDatabase'

export type OwnProductionServer = {
  /** The embedded database's kind: `mongod` or `ferretdb`. */
  databaseKind: string
  /** The server process, e.g. to sample its memory. */
  process: ChildProcess
  /** Stops the server (SIGTERM, waiting for it to exit) and removes its database and uploads. */
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
 * adds or overrides settings.
 */
export async function startOwnProductionServer(env: Record<string, string> = {}, kept?: KeptData): Promise<OwnProductionServer> {
  const serverFile = path.join(projectRoot, 'dist', 'server.js')
  if (!fs.existsSync(serverFile)) throw new Error('dist/server.js is missing: run `npm run build` first')
  const data = kept ?? (await ownData())
  const { databaseUri, uploadsDir } = data
  const removeAll = async () => {
    if (!kept) await (data as OwnData).remove()
  }

  const port = await findFreePort()
  const url = `http://127.0.0.1:${port}`
  const child = spawn(process.execPath, ['--conditions=production', serverFile], {
    cwd: projectRoot,
    env: {
      HOME: process.env.HOME ?? os.tmpdir(),
      PATH: process.env.PATH ?? '',
      DATABASE_URI: databaseUri,
      LOG_LEVEL: 'warn',
      NEXT_TELEMETRY_DISABLED: '1',
      NODE_ENV: 'production',
      PAYLOAD_SECRET: randomBytes(32).toString('hex'),
      PORT: String(port),
      SERVER_URL: url,
      UPLOADS_DIR: uploadsDir,
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    await exited
    await removeAll()
  }

  const deadline = Date.now() + 120_000
  for (;;) {
    if (child.exitCode !== null) {
      await removeAll()
      throw new Error(`the server exited with ${child.exitCode}`)
    }
    const ready = await fetch(`${url}/readyz`).then((response) => response.ok).catch(() => false)
    if (ready) return { databaseKind: data.databaseKind, process: child, stop, url }
    if (Date.now() > deadline) {
      await stop()
      throw new Error('the server did not become ready within 120 s')
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}

type OwnData = KeptData & { remove(): Promise<void> }

/** A new embedded database and uploads folder in the temporary directory, removed with the server. */
async function ownData(): Promise<OwnData> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-cms-own-db-'))
  const uploadsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-cms-own-uploads-'))
  const database = await startEmbeddedDatabase({
    choice: readServerEnvironment({ EMBEDDED_DATABASE: process.env.EMBEDDED_DATABASE }).embeddedDatabase,
    dataDir,
    logger,
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
