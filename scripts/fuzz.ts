/**
 * `npm run fuzz`: property-based fuzzing of the public API with Schemathesis
 * (from PyPI), driven by the OpenAPI document the server publishes
 * (/api/openapi.json). It starts the production build on a database of its
 * own, seeds a small bilingual journal so the calls have something to find,
 * and runs Schemathesis for a bounded time with two checks: no answer is a
 * server error (5xx), and every answer matches the document's schema.
 *
 * Schemathesis is found at $SCHEMATHESIS, else as `st` on the PATH (install:
 * `pip install schemathesis==4.32.5`). Exit code: Schemathesis's (0 when
 * nothing failed), 2 for a wrong command line or no Schemathesis.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { startOwnProductionServer, type OwnProductionServer } from './lib/ownProductionServer'
import { projectRoot } from '../src/lib/projectPaths'
import { lexicalBody } from '../src/import/lexicalBody'

const SCHEMATHESIS_VERSION = '4.32.5'

const USAGE = `Usage: npm run fuzz -- [--max-time 120]

Fuzzes the API described by /api/openapi.json with Schemathesis against the
production build (npm run build first), on a database of its own.

Options:
  --max-time  seconds Schemathesis may run (default 120)
  --help      this text`

function schemathesisCommand(): null | string {
  const candidates = [process.env.SCHEMATHESIS, 'st'].filter((candidate): candidate is string => Boolean(candidate))
  return candidates.find((candidate) => spawnSync(candidate, ['--version'], { stdio: 'ignore' }).status === 0) ?? null
}

/** A body of one paragraph, as the admin UI stores it. */
const paragraphBody = (text: string) => lexicalBody([{ kind: 'paragraph', text }])

/** A section, an author and two published articles, one of them in both languages. */
async function seedJournal(url: string): Promise<void> {
  const call = async (method: string, apiPath: string, body: unknown, token?: string) => {
    const response = await fetch(`${url}${apiPath}`, {
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `JWT ${token}` } : {}) },
      method,
    })
    const json = (await response.json()) as { doc?: { id: string }; token?: string }
    if (!response.ok) throw new Error(`seeding ${apiPath} failed with ${response.status}: ${JSON.stringify(json)}`)
    return json
  }
  const { token } = await call('POST', '/api/users/first-register', { email: 'fuzz@example.org', name: 'Fuzz', password: 'a long passphrase for fuzzing' })
  const section = await call('POST', '/api/sections', { slug: 'essays', title: 'Essays' }, token)
  const author = await call('POST', '/api/authors', { name: 'Li Na', slug: 'li-na' }, token)
  const article = await call(
    'POST',
    '/api/articles',
    {
      _status: 'published',
      authors: [author.doc?.id],
      body: paragraphBody('The alliance and its partners.'),
      lead: 'An essay on alliances.',
      section: section.doc?.id,
      slug: 'alliances',
      title: 'Alliances',
    },
    token,
  )
  await call(
    'PATCH',
    `/api/articles/${article.doc?.id}?locale=zh`,
    { _status: 'published', body: paragraphBody('同盟及其伙伴。'), lead: '关于同盟的文章。', title: '同盟' },
    token,
  )
  await call(
    'POST',
    '/api/articles',
    { _status: 'published', authors: [author.doc?.id], lead: 'A second essay.', section: section.doc?.id, slug: 'partners', title: 'Partners' },
    token,
  )
}

async function main(): Promise<number> {
  let maxTime: number
  try {
    const { values } = parseArgs({
      args: process.argv.slice(2),
      options: { help: { type: 'boolean' }, 'max-time': { default: '120', type: 'string' } },
    })
    if (values.help) {
      console.log(USAGE)
      return 0
    }
    maxTime = Number(values['max-time'])
    if (!Number.isInteger(maxTime) || maxTime < 1 || maxTime > 86_400) throw new Error('--max-time must be a whole number of seconds from 1 to 86400')
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`)
    return 2
  }
  const schemathesis = schemathesisCommand()
  if (!schemathesis) {
    console.error(`Schemathesis is not installed: pip install schemathesis==${SCHEMATHESIS_VERSION}, or set SCHEMATHESIS to its \`st\` command`)
    return 2
  }

  let server: OwnProductionServer | undefined
  try {
    // All requests come from one address: the public budgets do not apply.
    // Refused requests are the point of fuzzing: only fatal errors go to the log, Schemathesis reports the rest.
    server = await startOwnProductionServer({ LOG_LEVEL: 'fatal', RATE_LIMIT_API_MAX: '0', RATE_LIMIT_AUTH_MAX: '10000' })
    await seedJournal(server.url)
    const seed = process.env.FUZZ_SEED ?? String(Date.now() % 1_000_000)
    console.log(`Fuzzing ${server.url}/api/openapi.json for up to ${maxTime} s (${server.databaseKind}), seed ${seed} (FUZZ_SEED repeats a run)`)
    const reportDir = path.join(projectRoot, 'test-results', 'fuzz')
    const startedAt = Date.now()
    const result = spawnSync(
      schemathesis,
      [
        'run',
        `${server.url}/api/openapi.json`,
        '--checks',
        'not_a_server_error,response_schema_conformance',
        '--max-time',
        String(maxTime),
        '--workers',
        '2',
        '--request-timeout',
        '30',
        // Nothing kept between runs: each run is decided by its seed alone.
        '--generation-database',
        'none',
        '--report',
        'junit',
        '--report-dir',
        reportDir,
        '--seed',
        seed,
      ],
      { cwd: projectRoot, stdio: 'inherit' },
    )
    printClosingLine(reportDir, startedAt)
    return result.status ?? 1
  } finally {
    await server?.stop()
  }
}

/**
 * Schemathesis closes with a line of its own that counts no test; this prints
 * the operations tested, from the JUnit report of this run, as a plain line.
 */
function printClosingLine(reportDir: string, startedAt: number): void {
  const report = fs
    .readdirSync(reportDir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.xml'))
    .map((entry) => path.join(reportDir, entry.name))
    .filter((file) => fs.statSync(file).mtimeMs >= startedAt)
    .sort()
    .at(-1)
  const totals = report && /<testsuites\b([^>]*)>/.exec(fs.readFileSync(report, 'utf8'))?.[1]
  if (!totals) {
    console.log('\nFuzzing: Schemathesis wrote no report')
    return
  }
  const count = (name: string) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(totals)?.[1] ?? 0)
  const failed = count('failures') + count('errors')
  console.log(`\nFuzzing: ${count('tests') - failed - count('skipped')} passed, ${failed} failed, ${count('skipped')} skipped`)
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Fuzzing failed: ${(error as Error).message}`)
    process.exit(1)
  },
)
