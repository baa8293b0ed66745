import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { projectRoot } from '../../src/lib/projectPaths'

/** The path of `dist/server.js`; throws, with the advice, when there is no build. */
export function productionServerFile(missingBuildAdvice: string): string {
  const serverFile = path.join(projectRoot, 'dist', 'server.js')
  if (!fs.existsSync(serverFile)) throw new Error(`dist/server.js is missing: ${missingBuildAdvice}`)
  return serverFile
}

type SpawnOptions = {
  /** What the error says to do when `dist/server.js` is missing. */
  missingBuildAdvice: string
  /** Options for node itself, before the script (the benchmark's `--cpu-prof`). */
  nodeOptions?: string[]
  /** `pipe` to collect what the server prints, `inherit` to let it print to this terminal. */
  output: 'inherit' | 'pipe'
}

/**
 * Starts the production build (`node dist/server.js`) with the given
 * environment over a minimal one: PATH, HOME, NODE_ENV=production and Next's
 * telemetry off, nothing else of this process's environment.
 */
export function spawnProductionServer(env: Record<string, string>, { missingBuildAdvice, nodeOptions = [], output }: SpawnOptions): ChildProcess {
  return spawn(process.execPath, [...nodeOptions, '--conditions=production', productionServerFile(missingBuildAdvice)], {
    cwd: projectRoot,
    env: {
      HOME: process.env.HOME ?? os.tmpdir(),
      NEXT_TELEMETRY_DISABLED: '1',
      NODE_ENV: 'production',
      PATH: process.env.PATH ?? '',
      ...env,
    },
    stdio: ['ignore', output, output],
  })
}

/**
 * The settings of a server on this machine at http://127.0.0.1:<port>: its
 * database, uploads folder, a fresh secret and quiet logs.
 */
export function localServerSettings({ databaseUri, port, uploadsDir }: { databaseUri: string; port: number; uploadsDir: string }): Record<string, string> {
  return {
    DATABASE_URI: databaseUri,
    LOG_LEVEL: 'warn',
    PAYLOAD_SECRET: randomBytes(32).toString('hex'),
    PORT: String(port),
    SERVER_URL: `http://127.0.0.1:${port}`,
    UPLOADS_DIR: uploadsDir,
  }
}

type WaitOptions = {
  intervalMs: number
  /** The probe that must answer 2xx, e.g. `/healthz` or `/readyz`. */
  probe: `/${string}`
  timeoutMs: number
}

/**
 * Polls the server's probe until it answers 2xx (`ready`), the process exits
 * (`exited`) or the time is up (`timed out`); the caller decides what each
 * means, and stops the process itself.
 */
export async function waitForServer(child: ChildProcess, url: string, { intervalMs, probe, timeoutMs }: WaitOptions): Promise<'exited' | 'ready' | 'timed out'> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (child.exitCode !== null) return 'exited'
    const ready = await fetch(`${url}${probe}`).then((response) => response.ok).catch(() => false)
    if (ready) return 'ready'
    if (Date.now() > deadline) return 'timed out'
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
}
