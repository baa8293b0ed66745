import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import path from 'node:path'

import { projectRoot } from '../../src/lib/projectPaths'

/**
 * Runs Payload's command line the way `npm run migrate` (and friends) do,
 * `tsx scripts/payload.ts <args>`, against the given database, and returns
 * its exit status and everything it printed.
 */
export function runPayloadCli(args: string[], databaseUri: string): { output: string; status: number | null } {
  const result = spawnSync(path.join(projectRoot, 'node_modules', '.bin', 'tsx'), ['scripts/payload.ts', ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: {
      ...process.env,
      DATABASE_URI: databaseUri,
      LOG_LEVEL: 'info',
      NODE_ENV: 'development',
      PAYLOAD_SECRET: randomBytes(32).toString('hex'),
    },
    timeout: 120_000,
  })
  return { output: `${result.stdout}${result.stderr}`, status: result.status }
}
