import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { MongoBinary, MongoMemoryReplSet } from 'mongodb-memory-server-core'
import { DownloadError } from 'mongodb-memory-server-core/lib/util/errors.js'
import type { Logger } from 'pino'

import type { EmbeddedDatabase } from './embeddedDatabase'
import { findFreePort } from './findFreePort'
import { dataDir as projectDataDir } from '../lib/projectPaths'

/** When a mongod download failed, it is not tried again for this long (offline machines). */
const RETRY_DOWNLOAD_AFTER_MS = 24 * 60 * 60 * 1000
function unavailableMarker(): string {
  return path.join(projectDataDir(), 'mongod-unavailable')
}

function mongodOnPath(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v mongod'], { encoding: 'utf8' })
  const binary = found.stdout.trim()
  return found.status === 0 && binary ? binary : undefined
}

/**
 * Fails within seconds when MongoDB's download server cannot be reached (an
 * offline machine), instead of letting the download try for longer.
 */
async function checkDownloadHost(): Promise<void> {
  const url = process.env.MONGOMS_DOWNLOAD_URL ?? process.env.MONGOMS_DOWNLOAD_MIRROR ?? 'https://fastdl.mongodb.org/'
  const host = new URL(url).host
  try {
    await fetch(new URL('/', url), { method: 'HEAD', signal: AbortSignal.timeout(5_000) })
  } catch (error) {
    const cause = (error as Error & { cause?: { code?: string } }).cause?.code ?? (error as Error).name
    throw new Error(`${host} cannot be reached (${cause})`)
  }
}

/**
 * Why a mongod could not be had, in one line. mongodb-memory-server's
 * download error reads `Download failed for url "…", Details:` followed by
 * its reason on the next line, and that reason is empty when the connection
 * failed without a message (an AggregateError of refused addresses): the
 * line then ended in a bare "Details:". Its URL and reason (or error code)
 * are used instead.
 */
export function whyNoMongod(error: unknown): string {
  if (error instanceof DownloadError) {
    const reason = error.msg.split('\n').map((line) => line.trim()).find(Boolean) ?? error.code ?? 'no reason given'
    return `the download from ${error.url} failed (${reason})`
  }
  const message = error instanceof Error ? error.message : String(error)
  return message.split('\n').map((line) => line.trim()).filter(Boolean).slice(0, 2).join(' ') || 'no reason given'
}

/**
 * Finds a mongod binary: MONGOMS_SYSTEM_BINARY, one on PATH, one cached by
 * mongodb-memory-server, or a download. Returns undefined when none can be had.
 */
export async function findMongodBinary(logger: Logger, { retryDownload = false } = {}): Promise<string | undefined> {
  if (process.env.MONGOMS_SYSTEM_BINARY) return process.env.MONGOMS_SYSTEM_BINARY
  const onPath = mongodOnPath()
  if (onPath) return onPath
  if (!retryDownload && fs.existsSync(unavailableMarker())) {
    const age = Date.now() - fs.statSync(unavailableMarker()).mtimeMs
    if (age < RETRY_DOWNLOAD_AFTER_MS) return undefined
  }
  try {
    await checkDownloadHost()
    logger.info('Looking for a mongod binary to download (mongodb-memory-server; about 100 MB, once)')
    return await MongoBinary.getPath()
  } catch (error) {
    logger.info(`No mongod binary could be had: ${whyNoMongod(error)}`)
    fs.mkdirSync(projectDataDir(), { recursive: true })
    fs.writeFileSync(unavailableMarker(), `${new Date().toISOString()}\n`)
    return undefined
  }
}

type MongodOptions = {
  binary: string
  dataDir: string
  port?: number
}

/** Starts a real mongod as a single-node replica set, so transactions are on. */
export async function startMongod(options: MongodOptions): Promise<EmbeddedDatabase> {
  const port = options.port ?? (await findFreePort())
  fs.mkdirSync(options.dataDir, { recursive: true })
  const replSet = await MongoMemoryReplSet.create({
    binary: { systemBinary: options.binary },
    instanceOpts: [{ dbPath: options.dataDir, port, storageEngine: 'wiredTiger' }],
    replSet: { count: 1, name: 'rs0', storageEngine: 'wiredTiger' },
  })
  return {
    dataDir: options.dataDir,
    kind: 'mongod',
    pid: () => replSet.servers[0]?.instanceInfo?.instance.mongodProcess?.pid,
    port,
    start: () => replSet.start(),
    stop: async () => {
      await replSet.stop({ doCleanup: false, force: false })
    },
    uri: (databaseName) => replSet.getUri(databaseName),
  }
}
