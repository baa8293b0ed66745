/**
 * `npm run bench`: the website's hot paths measured on the production build,
 * side by side with the same queries done by the MongoDB driver alone
 * (bench/referenceServer.ts), on a generated journal of a chosen size.
 * Prints a Markdown table and writes JSON under bench/results/. See
 * bench/README.md.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { MongoClient } from 'mongodb'

import { inspectDatabaseServer } from '../src/database/serverCapabilities'
import { readEmbeddedDatabaseSettings, readRateLimitStore } from '../src/settings/environment'
import { logger } from '../src/lib/logger'
import { startOwnProductionServer } from '../scripts/lib/ownProductionServer'
import { projectRoot } from '../src/lib/projectPaths'
import { runScript } from '../scripts/lib/runScript'
import { startEmbeddedDatabase } from '../src/database/startEmbeddedDatabase'
import { type DatasetSummary, generateDataset, planFor, recordedDataset } from './dataset'
import { explainQueries } from './explain'
import { type DatabaseProxy, startDatabaseProxy } from './databaseProxy'
import { type LoadRequest, type MeasuredLoad, runLoad, sampleMemory } from './load'
import { cpuMilliseconds, waitUntilIdle } from './processCpu'
import { type BenchReport, growthReport, markdownReport, type ScenarioResult, writeReport } from './report'
import { conditionalScenario, type Scenario, scenariosFor } from './scenarios'
import { benchmarkArticleSaves } from './articleSave'
import { benchmarkUpload } from './upload'

const USAGE = `Usage: npm run bench -- [options]

Options:
  --articles N        size of the data set (default 10000); generated once, then reused
  --connections N     concurrent clients (default 10)
  --duration S        seconds of load per scenario and server (default 10)
  --only a,b          run only the scenarios whose names contain these words
  --uploads N         24-megapixel uploads to time (default 5; 0 skips the upload)
  --saves N           bilingual articles an editor saves over REST, to time (default 5; 0 skips them)
  --endurance M       afterwards, M minutes of article reads with the server's memory each minute
  --cpu-prof DIR      write a CPU profile of the CMS server to DIR (node's --cpu-prof), for Chrome DevTools
  --help              this text

The data set lives in bench/data/ (an embedded database of its own), or in
BENCH_DATABASE_URI when set (a MongoDB you provide; the benchmark writes only
to the database named in it).`

const BENCH_DIR = path.join(projectRoot, 'bench')

type Options = { articles: number; connections: number; cpuProfileDir?: string; duration: number; endurance: number; only: string[]; saves: number; uploads: number }

function readOptions(): Options | null {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      articles: { default: '10000', type: 'string' },
      connections: { default: '10', type: 'string' },
      'cpu-prof': { type: 'string' },
      duration: { default: '10', type: 'string' },
      endurance: { default: '0', type: 'string' },
      help: { type: 'boolean' },
      only: { type: 'string' },
      saves: { default: '5', type: 'string' },
      uploads: { default: '5', type: 'string' },
    },
  })
  if (values.help) return null
  const whole = (name: string, value: string, min: number, max: number) => {
    const number = Number(value)
    if (!Number.isInteger(number) || number < min || number > max) throw new Error(`--${name} must be a whole number from ${min} to ${max}`)
    return number
  }
  return {
    articles: whole('articles', values.articles, 10, 1_000_000),
    connections: whole('connections', values.connections, 1, 1000),
    cpuProfileDir: values['cpu-prof'] ? path.resolve(values['cpu-prof']) : undefined,
    duration: whole('duration', values.duration, 1, 3600),
    endurance: whole('endurance', values.endurance, 0, 1440),
    only: values.only ? values.only.split(',').map((word) => word.trim().toLowerCase()) : [],
    saves: whole('saves', values.saves, 0, 100),
    uploads: whole('uploads', values.uploads, 0, 100),
  }
}

/** The benchmark's database: BENCH_DATABASE_URI, or an embedded one kept in bench/data/. */
async function benchDatabase(articles: number): Promise<{ uri: string; uploadsDir: string; stop(): Promise<void> }> {
  const given = process.env.BENCH_DATABASE_URI
  if (given) {
    const name = new URL(given).pathname.slice(1) || `journal_bench_${articles}`
    return { stop: async () => undefined, uploadsDir: path.join(BENCH_DIR, 'data', `uploads-${name}`), uri: given }
  }
  const dataDir = path.join(BENCH_DIR, 'data', `${articles}-articles`)
  // The same port every time: a mongod replica set records its members' addresses in its data.
  const portFile = path.join(dataDir, 'port')
  const recordedPort = fs.existsSync(portFile) ? Number(fs.readFileSync(portFile, 'utf8')) : undefined
  // mongod keeps the data set between runs. mongo-java-server holds it in memory, generated anew each run:
  // it has no secondary indexes, so its file backend would decode every document of a collection per query.
  const settings = readEmbeddedDatabaseSettings(process.env)
  const database = await startEmbeddedDatabase({
    dataDir,
    logger,
    persistent: false,
    port: recordedPort,
    settings: { ...settings, maxHeap: settings.maxHeap ?? `${Math.floor((os.totalmem() / 1024 ** 3) * 0.6)}g` },
  })
  fs.writeFileSync(portFile, String(database.port))
  return { stop: () => database.stop(), uploadsDir: path.join(dataDir, 'uploads'), uri: database.uri('journal_bench') }
}

/** The data set recorded in the database, generated first when it is not there. */
async function ensureDataset(uri: string, uploadsDir: string, articles: number): Promise<DatasetSummary> {
  Object.assign(process.env, { DATABASE_URI: uri, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', UPLOADS_DIR: uploadsDir })
  const { withPayload } = await import('../scripts/lib/withPayload')
  return withPayload(async (payload) => {
    const plan = planFor(articles)
    const recorded = await recordedDataset(payload, plan)
    if (recorded) {
      console.log(`Data set: ${articles} articles, generated ${recorded.generatedAt} (reused)`)
      return recorded
    }
    console.log(`Data set: generating ${articles} articles, ${plan.authors} authors, ${plan.sections} sections, ${plan.contacts} contacts, ${plan.images} images (once; later runs reuse it)`)
    const summary = await generateDataset(payload, plan, (message) => console.log(`  ${message}`))
    console.log(`Data set: written in ${summary.generationSeconds} s`)
    return summary
  })
}

/** bench/referenceServer.ts in a process of its own. */
async function startReferenceServer(uri: string): Promise<{ pid: number; url: string; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(BENCH_DIR, 'referenceServer.ts')], {
    cwd: projectRoot,
    env: { ...process.env, NODE_ENV: 'production', PORT: '0', REFERENCE_DATABASE_URI: uri },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const port = await new Promise<number>((resolve, reject) => {
    let output = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /listening (\d+)/.exec(output)
      if (match) resolve(Number(match[1]))
    })
    child.once('exit', (code) => reject(new Error(`the reference server exited with ${code}`)))
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return {
    pid: child.pid ?? 0,
    stop: async () => {
      child.kill('SIGTERM')
      await exited
    },
    url: `http://127.0.0.1:${port}`,
  }
}

async function etagOf(url: string): Promise<string> {
  const response = await fetch(url)
  await response.arrayBuffer()
  const etag = response.headers.get('etag')
  if (!response.ok || !etag) throw new Error(`${url} answered ${response.status} without an ETag`)
  return etag
}

/** A server under load: where it answers, its process (for CPU time) and the proxy to its database (for commands and bytes). */
type MeasuredServer = { pid: number; proxy: DatabaseProxy; url: string }

/** Waits until the proxy sees no command for a moment: requests still in flight have finished. */
async function databaseIdle(proxy: DatabaseProxy): Promise<void> {
  let last = proxy.counts().commands
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 300))
    const now = proxy.counts().commands
    if (now === last) return
    last = now
  }
}

/** Requests sent one after another for the exact count: what each asks of the database, with nothing else in flight. */
const COUNTED_REQUESTS = 20

/**
 * The load result with what each request cost: the server process's CPU
 * over the load run, and the database commands and bytes per request,
 * counted exactly over requests sent one at a time (under load, requests
 * cut off when the run ends would count commands for no answer).
 */
async function measuredLoad(side: MeasuredServer, requests: LoadRequest[], seconds: number, options: Options, expectedStatus?: number): Promise<MeasuredLoad> {
  await databaseIdle(side.proxy)
  const cpuBefore = cpuMilliseconds(side.pid)
  const result = await runLoad(side.url, requests, { connections: options.connections, durationSeconds: seconds, expectedStatus })
  const cpuMs = result.requests > 0 ? (cpuMilliseconds(side.pid) - cpuBefore) / result.requests : 0
  await databaseIdle(side.proxy)
  const wireBefore = side.proxy.counts()
  for (let index = 0; index < COUNTED_REQUESTS; index++) {
    const request = requests[index % requests.length]
    const response = await fetch(`${side.url}${request.path}`, { body: request.body, headers: request.headers, method: request.method ?? 'GET' })
    await response.arrayBuffer()
  }
  const wireAfter = side.proxy.counts()
  return {
    ...result,
    perRequest: {
      cpuMs: round(cpuMs, 2),
      databaseCommands: round((wireAfter.commands - wireBefore.commands) / COUNTED_REQUESTS, 2),
      databaseKilobytes: round((wireAfter.bytesFromDatabase - wireBefore.bytesFromDatabase) / COUNTED_REQUESTS / 1024, 1),
    },
  }
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits

async function measure(scenario: Scenario, cms: MeasuredServer, reference: MeasuredServer, options: Options): Promise<{ cms: MeasuredLoad; reference: MeasuredLoad }> {
  // A short warm-up on each side: compiled code paths and database caches, not cold starts, are measured.
  await runLoad(cms.url, scenario.cms, { connections: options.connections, durationSeconds: 1, expectedStatus: scenario.expectedStatus })
  const cmsResult = await measuredLoad(cms, scenario.cms, options.duration, options, scenario.expectedStatus)
  await runLoad(reference.url, scenario.reference, { connections: options.connections, durationSeconds: 1, expectedStatus: scenario.expectedStatus })
  const referenceResult = await measuredLoad(reference, scenario.reference, options.duration, options, scenario.expectedStatus)
  return { cms: cmsResult, reference: referenceResult }
}

async function main(): Promise<number> {
  let options: Options | null
  try {
    options = readOptions()
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`)
    return 2
  }
  if (!options) {
    console.log(USAGE)
    return 0
  }
  const rateLimitStore = process.env.RATE_LIMIT_STORE === undefined ? undefined : readRateLimitStore(process.env)
  const startedAt = new Date().toISOString()
  const database = await benchDatabase(options.articles)
  try {
    const dataset = await ensureDataset(database.uri, database.uploadsDir, options.articles)
    // Each server reaches the database through a counting proxy of its own (bench/databaseProxy.ts).
    const cmsProxy = await startDatabaseProxy(database.uri)
    const referenceProxy = await startDatabaseProxy(database.uri)
    const server = await startOwnProductionServer(
      {
        LOG_LEVEL: 'warn',
        PAYLOAD_SECRET: randomBytes(32).toString('hex'),
        // One address sends everything: the public budgets are off, unless RATE_LIMIT_STORE asks to measure
        // the limiter itself, then every request spends a budget too large to be spent in a run.
        ...(rateLimitStore ? { RATE_LIMIT_API_MAX: '1000000', RATE_LIMIT_STORE: rateLimitStore } : { RATE_LIMIT_API_MAX: '0' }),
        RATE_LIMIT_AUTH_MAX: '10000',
        // No jobs polling the database while commands are counted.
        JOBS_AUTORUN_CRON: 'off',
      },
      { databaseKind: 'kept', databaseUri: cmsProxy.uri, uploadsDir: database.uploadsDir },
      options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [],
    )
    const reference = await startReferenceServer(referenceProxy.uri)
    const sides = {
      cms: { pid: server.process.pid ?? 0, proxy: cmsProxy, url: server.url },
      reference: { pid: reference.pid, proxy: referenceProxy, url: reference.url },
    }
    const client = await MongoClient.connect(database.uri)
    try {
      const serverInfo = await inspectDatabaseServer(database.uri)
      const plans = await explainQueries(client.db(), dataset, serverInfo.capabilities.explain)
      // The server checks derived data in the background when it starts: measure after that.
      const waited = await waitUntilIdle(server.process.pid ?? 0)
      console.log(`Server idle after ${waited} s (start-up work done)`)
      const memory = sampleMemory(server.process.pid ?? 0)
      const selected = (name: string) => options.only.length === 0 || options.only.some((word) => name.toLowerCase().includes(word))

      const scenarios = scenariosFor(dataset).filter((scenario) => selected(scenario.name))
      const slug = dataset.articleSlugs[0]
      const sameArticle: Scenario = {
        cms: [{ path: `/api/website/articles/${slug}?locale=en` }],
        description: 'The article of the 304 scenario, answered in full',
        name: 'article (same one)',
        plan: 'articleBySlug',
        reference: [{ path: `/article/${slug}?locale=en` }],
      }
      if (selected('304')) {
        const cmsEtag = await etagOf(`${server.url}/api/website/articles/${slug}?locale=en`)
        const referenceEtag = await etagOf(`${reference.url}/article/${slug}?locale=en`)
        scenarios.push(sameArticle, conditionalScenario(slug, cmsEtag, referenceEtag))
      }

      const results: ScenarioResult[] = []
      for (const scenario of scenarios) {
        process.stdout.write(`${scenario.name}: `)
        const { cms, reference: referenceResult } = await measure(scenario, sides.cms, sides.reference, options)
        console.log(
          `${cms.requestsPerSecond} req/s, p99 ${cms.latencyMs.p99} ms, ${cms.perRequest.cpuMs} ms CPU, ${cms.perRequest.databaseCommands} commands (reference ${referenceResult.requestsPerSecond} req/s, p99 ${referenceResult.latencyMs.p99} ms, ${referenceResult.perRequest.cpuMs} ms CPU, ${referenceResult.perRequest.databaseCommands} commands)`,
        )
        if (cms.unexpected > 0) console.log(`  ${cms.unexpected} answers were not ${scenario.expectedStatus ?? 200}`)
        results.push({
          cms,
          description: scenario.description,
          name: scenario.name,
          plan: plans[scenario.plan] ?? { plan: 'not explained', usesIndex: false },
          reference: referenceResult,
          throughputRatio: referenceResult.requestsPerSecond > 0 ? Math.round((cms.requestsPerSecond / referenceResult.requestsPerSecond) * 100) / 100 : 0,
        })
      }
      memory.stop()

      const full = results.find((result) => result.name === sameArticle.name)
      const conditional = results.find((result) => result.name === 'article 304')
      const report: BenchReport = {
        conditionalCost: full && conditional && conditional.cms.requestsPerSecond > 0 ? Number((full.cms.requestsPerSecond / conditional.cms.requestsPerSecond).toPrecision(2)) : undefined,
        database: { kind: serverInfo.description, version: serverInfo.version },
        dataset: { generatedAt: dataset.generatedAt, generationSeconds: dataset.generationSeconds, generatorVersion: dataset.generatorVersion, largestSection: dataset.largestSection, plan: dataset.plan, searchTerms: dataset.searchTerms },
        load: { connections: options.connections, durationSeconds: options.duration },
        rateLimitStore,
        machine: { cpuModel: os.cpus()[0]?.model ?? 'unknown', cpus: os.cpus().length, memoryGb: Math.round(os.totalmem() / 1024 ** 3), node: process.version },
        scenarios: results,
        serverPeakRssMb: memory.peakMb(),
        startedAt,
      }

      if (options.saves > 0 && selected('save')) {
        console.log(`save: ${options.saves} × a bilingual article (English created, Chinese added)`)
        report.save = await benchmarkArticleSaves(server.url, dataset, cmsProxy, options.saves)
      }
      if (options.uploads > 0 && selected('upload')) {
        console.log(`upload: ${options.uploads} × a 24-megapixel JPEG`)
        report.upload = await benchmarkUpload(server.url, server.process.pid ?? 0, dataset, options.uploads)
      }
      if (options.endurance > 0) {
        const rss: number[] = []
        const articles: LoadRequest[] = dataset.articleSlugs.map((slug) => ({ path: `/api/website/articles/${slug}?locale=en` }))
        const serverMemory = sampleMemory(server.process.pid ?? 0)
        for (let minute = 1; minute <= options.endurance; minute++) {
          await runLoad(server.url, articles, { connections: options.connections, durationSeconds: 60 })
          rss.push(serverMemory.currentMb())
          console.log(`endurance: minute ${minute}, server RSS ${rss.at(-1)} MB`)
        }
        serverMemory.stop()
        report.endurance = { minutes: options.endurance, rssMbEachMinute: rss }
      }

      const resultsDir = path.join(BENCH_DIR, 'results')
      console.log(`\n${markdownReport(report)}`)
      const growth = growthReport(resultsDir, report)
      if (growth) console.log(growth)
      console.log(`Results: ${path.relative(projectRoot, writeReport(resultsDir, report))}`)
      return 0
    } finally {
      await client.close()
      await reference.stop()
      await server.stop()
      await cmsProxy.stop()
      await referenceProxy.stop()
    }
  } finally {
    await database.stop()
  }
}

runScript('The benchmark', main)
