import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Logger } from 'pino'

import type { EmbeddedDatabase } from './embeddedDatabase'
import { findFreePort, waitForPort } from './findFreePort'
import { killOnExit } from './killOnExit'
import { dataDir, projectRoot } from './projectPaths'

export const FERRETDB_VERSION = 'v1.24.2'

const sourceDir = path.join(projectRoot, 'tools', 'ferretdb')

/** The binary's name carries a hash of its sources, so a change to them builds it anew. */
export function ferretdbBinaryPath(): string {
  if (process.env.FERRETDB_BINARY) return process.env.FERRETDB_BINARY
  const hash = createHash('sha256')
  for (const file of ['go.mod', 'go.sum', 'main.go']) hash.update(fs.readFileSync(path.join(sourceDir, file)))
  return path.join(dataDir(), 'bin', `ferretdb-${FERRETDB_VERSION}-${hash.digest('hex').slice(0, 12)}`)
}

/**
 * Builds FerretDB from the Go module proxy into `.data/bin/` unless it is
 * already there. The first build takes a few minutes; Go's build cache makes
 * later ones fast.
 */
export function ensureFerretdbBinary(logger: Logger): string {
  const binary = ferretdbBinaryPath()
  if (fs.existsSync(binary)) return binary
  if (process.env.FERRETDB_BINARY) {
    throw new Error(`FERRETDB_BINARY points to ${binary}, which does not exist`)
  }
  const go = spawnSync('go', ['version'], { encoding: 'utf8' })
  if (go.error || go.status !== 0) {
    throw new Error(
      'No MongoDB server is available: set DATABASE_URI, or MONGOMS_SYSTEM_BINARY to a mongod binary, or install Go 1.24+ so FerretDB can be built',
    )
  }
  logger.info(`Building FerretDB ${FERRETDB_VERSION} into ${path.relative(projectRoot, binary)} (first run only; takes a few minutes)`)
  fs.mkdirSync(path.dirname(binary), { recursive: true })
  const build = spawnSync('go', ['build', '-trimpath', '-o', binary, '.'], {
    cwd: sourceDir,
    encoding: 'utf8',
    env: { ...process.env, CGO_ENABLED: '0' },
  })
  if (build.status !== 0) {
    throw new Error(`Building FerretDB failed:\n${build.stderr || build.error?.message}`)
  }
  return binary
}

type FerretdbOptions = {
  dataDir: string
  logger: Logger
  port?: number
}

/** Starts FerretDB with its SQLite backend as a child process of this one. */
export async function startFerretdb(options: FerretdbOptions): Promise<EmbeddedDatabase> {
  const binary = ensureFerretdbBinary(options.logger)
  const port = options.port ?? (await findFreePort())
  fs.mkdirSync(options.dataDir, { recursive: true })

  let child: ChildProcess | undefined

  const start = async (): Promise<void> => {
    const stderr: string[] = []
    const spawned = spawn(
      binary,
      [`--listen-addr=127.0.0.1:${port}`, `--data-dir=${options.dataDir}`, '--log-level=error', '--exit-with-parent'],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    )
    child = spawned
    killOnExit(spawned)
    spawned.stderr?.on('data', (chunk: Buffer) => {
      stderr.push(chunk.toString())
      if (stderr.length > 50) stderr.shift()
    })
    const exited = new Promise<never>((_, reject) => {
      spawned.once('exit', (code) =>
        reject(new Error(`FerretDB exited with code ${code} while starting: ${stderr.join('').trim()}`)),
      )
    })
    await Promise.race([waitForPort(port, 30_000), exited])
    exited.catch(() => undefined)
  }

  const stop = async (): Promise<void> => {
    const running = child
    child = undefined
    if (!running || running.exitCode !== null || running.signalCode !== null) return
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => running.kill('SIGKILL'), 10_000)
      running.once('exit', () => {
        clearTimeout(timer)
        resolve()
      })
      running.kill('SIGTERM')
    })
  }

  await start()
  return {
    dataDir: options.dataDir,
    kind: 'ferretdb',
    port,
    start,
    stop,
    uri: (databaseName) => `mongodb://127.0.0.1:${port}/${databaseName}`,
  }
}
