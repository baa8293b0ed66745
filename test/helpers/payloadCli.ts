import path from 'node:path'

import { projectRoot } from '../../src/lib/projectPaths'
import { runAgainstDatabase } from './projectScript'

/**
 * Runs Payload's command line the way `npm run migrate` (and friends) do,
 * `tsx scripts/payload.ts <args>`, against the given database, and returns
 * its exit status and everything it printed.
 */
export function runPayloadCli(args: string[], databaseUri: string): { output: string; status: number | null } {
  return runAgainstDatabase(path.join(projectRoot, 'node_modules', '.bin', 'tsx'), ['scripts/payload.ts', ...args], {
    databaseUri,
    logLevel: 'info',
    timeoutMs: 120_000,
  })
}
