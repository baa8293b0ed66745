/**
 * `npm run measure:dev-admin`: how long the first visit of each admin screen
 * takes in development (`npm run dev`), where Next compiles on demand. Starts
 * the development server on a free port with a database and data folder of
 * its own (the embedded database in a temporary DATA_DIR), after removing
 * Next's development output (`.next/dev`) so that nothing is compiled yet, as
 * on a fresh clone. It creates the first user, then requests each screen
 * once, as a signed-in editor's browser would, and prints the time of each.
 *
 * `-- --warm` starts the server with DEV_WARM_ADMIN=true and waits until the
 * log says the admin UI is compiled before the visits; without it,
 * DEV_WARM_ADMIN=false. `-- --keep-cache` keeps `.next/dev` (Next's cache
 * from an earlier start: what later starts find); `-- --log` prints the
 * server's log too. Not a test: the figures in README.md ("The first visit
 * of the admin UI").
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { stripVTControlCharacters } from 'node:util'

import { findFreePort } from '../src/database/findFreePort'
import { projectRoot } from '../src/lib/projectPaths'

const warm = process.argv.includes('--warm')
const keepCache = process.argv.includes('--keep-cache')
const SCREENS = [
  '/admin',
  '/admin/collections/articles',
  '/admin/collections/articles/create',
  '/admin/collections/sections',
  '/admin/collections/contacts',
  '/admin/globals/site',
  '/admin/account',
]

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`

async function main(): Promise<void> {
  if (!keepCache) fs.rmSync(path.join(projectRoot, '.next', 'dev'), { force: true, recursive: true })
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-cms-measure-dev-'))
  const port = await findFreePort()
  const url = `http://127.0.0.1:${port}`
  const startedAt = Date.now()
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=development', 'src/server.ts'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URI: '',
      DEV_WARM_ADMIN: warm ? 'true' : 'false',
      LOG_LEVEL: 'info',
      NODE_ENV: 'development',
      PAYLOAD_SECRET: randomBytes(32).toString('hex'),
      PORT: String(port),
      SERVER_URL: url,
      UPLOADS_DIR: path.join(dataDir, 'uploads'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  // Without the logger's colours, so the lines can be matched.
  const collect = (chunk: Buffer) => (output += stripVTControlCharacters(chunk.toString()))
  child.stdout.on('data', collect)
  child.stderr.on('data', collect)
  const waitFor = async (pattern: RegExp, timeoutMs: number, what: string) => {
    const deadline = Date.now() + timeoutMs
    while (!pattern.test(output)) {
      if (child.exitCode !== null) throw new Error(`the server exited:\n${output}`)
      if (Date.now() > deadline) throw new Error(`${what} within ${seconds(timeoutMs)}:\n${output}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }

  try {
    await waitFor(/listening on port/, 180_000, 'the server did not listen')
    console.log(`listening after ${seconds(Date.now() - startedAt)}`)
    if (warm) {
      await waitFor(/Development: the admin UI is compiled|Development: warming the admin UI failed/, 600_000, 'the warm-up did not end')
      console.log(`warm-up ended after ${seconds(Date.now() - startedAt)} (${/Development: (the admin UI is compiled[^\n]*|warming[^\n]*)/.exec(output)?.[1]})`)
    }
    const email = 'measure@example.org'
    const password = randomBytes(12).toString('hex')
    let at = Date.now()
    const registered = await fetch(`${url}/api/users/first-register`, {
      body: JSON.stringify({ email, name: 'Measure', password }),
      headers: { 'content-type': 'application/json' },
      method: 'POST',
    })
    if (!registered.ok) throw new Error(`first-register: ${registered.status} ${await registered.text()}`)
    const { token } = (await registered.json()) as { token: string }
    console.log(`POST /api/users/first-register: ${seconds(Date.now() - at)}`)
    const cookie = `payload-token=${token}`
    for (const screen of SCREENS) {
      at = Date.now()
      const response = await fetch(`${url}${screen}`, { headers: { cookie }, redirect: 'manual' })
      await response.arrayBuffer()
      console.log(`GET ${screen}: ${response.status} in ${seconds(Date.now() - at)}`)
    }
    console.log(`total since start: ${seconds(Date.now() - startedAt)}`)
    if (process.argv.includes('--log')) console.log(`\nThe server's log:\n${output}`)
  } finally {
    child.kill('SIGTERM')
    await new Promise((resolve) => child.once('exit', resolve))
    fs.rmSync(dataDir, { force: true, recursive: true })
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error))
  process.exit(1)
})
