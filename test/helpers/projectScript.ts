import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'

import { projectRoot } from '../../src/lib/projectPaths'

export type ScriptResult = {
  /** Everything the script printed, standard output then standard error. */
  output: string
  status: number | null
  stdout: string
}

/**
 * Runs `npm run <script> -- <args>` as a developer or editor does, against
 * the given database (with a fresh secret, development mode and quiet logs),
 * and returns its exit status and what it printed. `env` adds settings, e.g.
 * UPLOADS_DIR.
 */
export function runProjectScript(script: string, args: string[], { databaseUri, env = {} }: { databaseUri: string; env?: Record<string, string> }): ScriptResult {
  const result = spawnSync('npm', ['run', '--silent', script, '--', ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: {
      ...process.env,
      DATABASE_URI: databaseUri,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
      PAYLOAD_SECRET: randomBytes(32).toString('hex'),
      ...env,
    },
    timeout: 180_000,
  })
  return { output: `${result.stdout}${result.stderr}`, status: result.status, stdout: result.stdout }
}
