import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { findFreePort } from '../../src/database/findFreePort'
import { localServerSettings, spawnProductionServer, waitForServer } from '../../scripts/lib/spawnProductionServer'

export type RunningServer = {
  /** Everything the process printed so far. */
  output(): string
  process: ChildProcess
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>
  uploadsDir: string
  url: string
}

type Options = {
  databaseUri: string
  env?: Record<string, string>
}

/** The production server (`npm start`: node dist/server.js) on a free port, as users run it. */
export async function startProductionServer({ databaseUri, env = {} }: Options): Promise<RunningServer> {
  const port = await findFreePort()
  const url = `http://127.0.0.1:${port}`
  const uploadsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-cms-server-uploads-'))
  // The test run's patience with a busy database server (test/helpers/globalSetup.ts), unless the test sets its own.
  const patience: Record<string, string> = process.env.DATABASE_SELECTION_TIMEOUT_MS ? { DATABASE_SELECTION_TIMEOUT_MS: process.env.DATABASE_SELECTION_TIMEOUT_MS } : {}
  const child = spawnServer({ ...localServerSettings({ databaseUri, port, uploadsDir }), ...patience, ...env })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))

  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const outcome = await waitForServer(child, url, { intervalMs: 250, probe: '/healthz', timeoutMs: 90_000 })
  if (outcome === 'exited') throw new Error(`the server exited with ${child.exitCode}:\n${output}`)
  if (outcome === 'timed out') {
    child.kill('SIGKILL')
    throw new Error(`the server did not answer /healthz within 90 s:\n${output}`)
  }

  return {
    output: () => output,
    process: child,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      const code = await exited
      fs.rmSync(uploadsDir, { force: true, recursive: true })
      return code
    },
    uploadsDir,
    url,
  }
}

/** Starts `node dist/server.js` with exactly the given environment (plus PATH and HOME). */
export function spawnServer(env: Record<string, string>): ChildProcess {
  return spawnProductionServer(env, { missingBuildAdvice: 'run `npm run build` (npm test does it)', output: 'pipe' })
}

/** Runs the server until it exits by itself, resolving with its exit code and output. */
export function runServerToExit(env: Record<string, string>, timeoutMs = 60_000): Promise<{ code: number | null; output: string }> {
  const child = spawnServer(env)
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.once('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, output })
    })
  })
}
