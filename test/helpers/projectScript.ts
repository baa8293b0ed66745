import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'

import { projectRoot } from '../../src/lib/projectPaths'

export type ScriptResult = {
  /** Everything the command printed, standard output then standard error. */
  output: string
  status: number | null
  stdout: string
}

type RunOptions = {
  databaseUri: string
  /** More settings, e.g. UPLOADS_DIR. */
  env?: Record<string, string>
  logLevel?: string
  timeoutMs?: number
}

/**
 * Runs a command in the project folder against the given database, with a
 * fresh secret in development mode, and returns its exit status and what it
 * printed.
 */
export function runAgainstDatabase(command: string, args: string[], { databaseUri, env = {}, logLevel = 'warn', timeoutMs = 180_000 }: RunOptions): ScriptResult {
  const result = spawnSync(command, args, {
    cwd: projectRoot,
    encoding: 'utf8',
    env: {
      ...process.env,
      DATABASE_URI: databaseUri,
      LOG_LEVEL: logLevel,
      NODE_ENV: 'development',
      PAYLOAD_SECRET: randomBytes(32).toString('hex'),
      ...env,
    },
    timeout: timeoutMs,
  })
  return { output: `${result.stdout}${result.stderr}`, status: result.status, stdout: result.stdout }
}

/** `npm run <script> -- <args>` as a developer or editor runs it, against the given database, with quiet logs. */
export function runProjectScript(script: string, args: string[], options: RunOptions): ScriptResult {
  return runAgainstDatabase('npm', ['run', '--silent', script, '--', ...args], options)
}
