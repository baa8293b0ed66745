/**
 * `npm test`: the whole suite against a real database server (see
 * test/helpers/globalSetup.ts), one file at a time to stay lean on small
 * machines, or TEST_WORKERS files side by side. The files run in a jest
 * worker process that is replaced once it holds more than
 * WORKER_MEMORY_LIMIT after a file: each file loads Payload's config and
 * modules anew, and one process running every file in band ran out of its
 * 4 GB heap after 87 of the 100 files. Every
 * test file has a database, uploads folder and ports of its own, so files
 * can run at once; a file spends much of its time waiting (for the database,
 * a password hash, a spawned server or CLI), which a second process fills.
 * The server and browser tests run the production build; it is
 * rebuilt first when the sources are newer than it (unless the run is limited
 * to paths that do not need it).
 *
 * Extra arguments go to jest, e.g. `npm test -- test/api`.
 *
 * The run ends with one plain line, `N passed, N failed, N skipped` and
 * nothing else, read from jest's JSON results, so any log reader (CI
 * included) finds the counts in the same place: the very last line.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import { projectRoot } from '../src/lib/projectPaths'

const BUILD_INPUTS = ['src', 'collections', 'migrations', 'next.config.ts', 'package-lock.json', 'tsconfig.json']

function newestModification(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false })
  if (!stat) return 0
  if (!stat.isDirectory()) return stat.mtimeMs
  return fs
    .readdirSync(entry)
    .reduce((newest, name) => Math.max(newest, newestModification(path.join(entry, name))), stat.mtimeMs)
}

function productionBuildIsCurrent(): boolean {
  const outputs = [path.join(projectRoot, '.next', 'BUILD_ID'), path.join(projectRoot, 'dist', 'server.js')]
  const builtAt = Math.min(...outputs.map((file) => fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0))
  const changedAt = Math.max(...BUILD_INPUTS.map((entry) => newestModification(path.join(projectRoot, entry))))
  return builtAt > changedAt
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const result = spawnSync(command, args, { cwd: projectRoot, env, stdio: 'inherit' })
  return result.status ?? 1
}

const jestArgs = process.argv.slice(2)
// Suites under test/server, test/admin and test/instances run dist/server.js (and dist/migrate.js); a run limited to other paths skips the build.
const selectedPaths = jestArgs.filter((arg) => !arg.startsWith('-'))
const needsBuild = selectedPaths.length === 0 || selectedPaths.some((arg) => /server|admin|instances/.test(arg))

if (needsBuild && !productionBuildIsCurrent()) {
  console.log('The production build is missing or older than the sources: running `npm run build` first (about 2 minutes on 2 cores; Next prints little while it compiles).')
  const startedAt = Date.now()
  const status = run('npm', ['run', 'build'])
  if (status !== 0) process.exit(status)
  console.log(`The production build took ${Math.round((Date.now() - startedAt) / 1000)} s.`)
}

const workers = Number(process.env.TEST_WORKERS ?? '1')
if (!Number.isInteger(workers) || workers < 1) {
  console.error(`TEST_WORKERS must be a whole number from 1 (it is ${process.env.TEST_WORKERS})`)
  process.exit(2)
}

/** A worker holding more than this after a test file is replaced by a fresh one. */
const WORKER_MEMORY_LIMIT = '1536MB'

const resultsFile = path.join(projectRoot, 'test-results', 'jest-results.json')
fs.mkdirSync(path.dirname(resultsFile), { recursive: true })
fs.rmSync(resultsFile, { force: true })
const userWantsJson = jestArgs.some((arg) => arg === '--json' || arg.startsWith('--outputFile'))

const status = run(
  process.execPath,
  [
    '--experimental-vm-modules',
    '--no-warnings=ExperimentalWarning',
    path.join(projectRoot, 'node_modules', 'jest', 'bin', 'jest.js'),
    `--maxWorkers=${workers}`,
    `--workerIdleMemoryLimit=${WORKER_MEMORY_LIMIT}`,
    ...(userWantsJson ? [] : ['--json', `--outputFile=${resultsFile}`]),
    ...jestArgs,
  ],
  {
    ...process.env,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'fatal',
    NEXT_TELEMETRY_DISABLED: '1',
    NODE_ENV: 'test',
  },
)

interface JestResults {
  numFailedTests: number
  numPassedTests: number
  numPendingTests: number
  numRuntimeErrorTestSuites: number
  numTodoTests: number
}

if (!userWantsJson) {
  const results = fs.existsSync(resultsFile) ? (JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as JestResults) : null
  if (results) {
    // A suite that failed to load counts as a failure even though none of its tests ran.
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites
    console.log(`\n${results.numPassedTests} passed, ${failed} failed, ${results.numPendingTests + results.numTodoTests} skipped`)
  } else {
    // Still the counts line, so a log reader sees a failed run rather than no run.
    console.log('\njest wrote no results (it stopped before running any test)\n0 passed, 1 failed, 0 skipped')
  }
}
process.exit(status)
