import fs from 'node:fs'
import path from 'node:path'

import type { DatasetSummary } from './dataset'
import type { PlanSummary } from './explain'
import type { MeasuredLoad } from './load'
import type { SaveResult } from './articleSave'
import type { UploadResult } from './upload'

export type ScenarioResult = {
  name: string
  description: string
  cms: MeasuredLoad
  reference: MeasuredLoad
  /** CMS throughput as a share of the reference's. */
  throughputRatio: number
  plan: PlanSummary
}

export type BenchReport = {
  startedAt: string
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string }
  database: { kind: string; version: string }
  dataset: Omit<DatasetSummary, 'editor' | 'articleSlugs' | 'authorSlugs'>
  load: { connections: number; durationSeconds: number }
  /** Where the API budget was counted (RATE_LIMIT_STORE); unset: rate limits off. */
  rateLimitStore?: string
  scenarios: ScenarioResult[]
  /** A 304's cost against the full answer of the same article (mean latency ratio). */
  conditionalCost?: number
  save?: SaveResult
  upload?: UploadResult
  serverPeakRssMb: number
  endurance?: { minutes: number; rssMbEachMinute: number[] }
}

const cell = (value: number | string) => String(value)

/** The report as Markdown: one row per scenario, then the upload, memory and plans. */
export function markdownReport(report: BenchReport): string {
  const lines = [
    `## ${report.dataset.plan.articles.toLocaleString('en')} articles · ${report.database.kind} ${report.database.version} · ${report.load.connections} connections × ${report.load.durationSeconds} s · ${report.startedAt.slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Machine: ${report.machine.cpus} × ${report.machine.cpuModel}, ${report.machine.memoryGb} GB, Node ${report.machine.node}.${report.rateLimitStore ? ` API budget counted in ${report.rateLimitStore} (RATE_LIMIT_STORE).` : ''}`,
    '',
    '| scenario | CMS req/s | p50 ms | p95 ms | p99 ms | ref req/s | ref p50 | ref p99 | CMS/ref | CPU ms/req (CMS · ref) | commands/req (CMS · ref) | DB KB/req (CMS · ref) | answer KB | errors | query plan |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...report.scenarios.map((scenario) => {
      const { cms, reference } = scenario
      if (cms.requests === 0) {
        return `| ${scenario.name} | no answer within ${report.load.durationSeconds} s | | | | ${reference.requests === 0 ? 'no answer' : reference.requestsPerSecond} | | | | | | | | ${cms.unexpected} | ${scenario.plan.plan} |`
      }
      const pair = (ours: number | undefined, theirs: number | undefined) => `${ours ?? '–'} · ${theirs ?? '–'}`
      return `| ${[
        scenario.name,
        cms.requestsPerSecond,
        cms.latencyMs.p50,
        cms.latencyMs.p95,
        cms.latencyMs.p99,
        reference.requestsPerSecond,
        reference.latencyMs.p50,
        reference.latencyMs.p99,
        scenario.throughputRatio,
        pair(cms.perRequest?.cpuMs, reference.perRequest?.cpuMs),
        pair(cms.perRequest?.databaseCommands, reference.perRequest?.databaseCommands),
        pair(cms.perRequest?.databaseKilobytes, reference.perRequest?.databaseKilobytes),
        cms.averageKilobytes,
        cms.unexpected,
        scenario.plan.plan,
      ]
        .map(cell)
        .join(' | ')} |`
    }),
    '',
  ]
  if (report.conditionalCost !== undefined) lines.push(`A 304 answer costs ${report.conditionalCost} of a full answer of the same article (mean latency).`, '')
  if (report.save) {
    const { bodyKb, commands, createMs, saves, translateMs } = report.save
    lines.push(
      `A bilingual article saved by an editor over REST, ${saves} times: created in English (${bodyKb.create} KB) median ${createMs.median} ms (slowest ${createMs.max}), ${commands.create} database commands; Chinese added (${bodyKb.translate} KB) median ${translateMs.median} ms (slowest ${translateMs.max}), ${commands.translate} commands.`,
      '',
    )
  }
  if (report.upload) {
    const upload = report.upload
    lines.push(
      `Upload of a ${upload.megapixels}-megapixel JPEG (${upload.fileMegabytes} MB) with every image size, ${upload.uploads} times: CMS median ${upload.cmsMs.median} ms (slowest ${upload.cmsMs.max}), sharp alone ${upload.sharpMs.median} ms (slowest ${upload.sharpMs.max}): ${upload.ratio}×. Server peak RSS during uploads ${upload.serverPeakRssMb} MB.`,
      '',
    )
  }
  lines.push(`Server peak RSS over the read scenarios: ${report.serverPeakRssMb} MB.`, '')
  if (report.endurance) lines.push(`Endurance (${report.endurance.minutes} min of article reads): RSS each minute ${report.endurance.rssMbEachMinute.join(', ')} MB.`, '')
  return lines.join('\n')
}

/** Writes the report as JSON under bench/results/, named by date and size; returns the file. */
export function writeReport(directory: string, report: BenchReport): string {
  fs.mkdirSync(directory, { recursive: true })
  const file = path.join(directory, `${report.startedAt.replace(/[:.]/g, '-').slice(0, 19)}-${report.dataset.plan.articles}-articles.json`)
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`)
  return file
}

/**
 * p99 growth between this run and the newest earlier run of another size on
 * the same kind of database (e.g. 10,000 against 100,000 articles), as Markdown;
 * empty when there is no such run.
 */
export function growthReport(directory: string, report: BenchReport): string {
  const earlier = fs.existsSync(directory)
    ? fs
        .readdirSync(directory)
        .filter((name) => name.endsWith('.json'))
        .sort()
        .reverse()
        .map((name) => JSON.parse(fs.readFileSync(path.join(directory, name), 'utf8')) as BenchReport)
        .find(
          (other) =>
            other.dataset.plan.articles !== report.dataset.plan.articles &&
            other.database.kind === report.database.kind &&
            other.database.version === report.database.version &&
            // Latency depends on the load: compare only runs with the same connections and duration.
            other.load.connections === report.load.connections &&
            other.load.durationSeconds === report.load.durationSeconds,
        )
    : undefined
  if (!earlier) return ''
  const [small, large] = earlier.dataset.plan.articles < report.dataset.plan.articles ? [earlier, report] : [report, earlier]
  const rows = large.scenarios
    .map((scenario) => ({ large: scenario, small: small.scenarios.find((other) => other.name === scenario.name) }))
    .filter((pair): pair is { large: ScenarioResult; small: ScenarioResult } => Boolean(pair.small))
    .map(({ large: big, small: little }) => `| ${big.name} | ${little.cms.latencyMs.p99} | ${big.cms.latencyMs.p99} | ${little.cms.latencyMs.p99 > 0 ? Math.round((big.cms.latencyMs.p99 / little.cms.latencyMs.p99) * 100) / 100 : '–'} |`)
  return [
    `p99 growth from ${small.dataset.plan.articles.toLocaleString('en')} to ${large.dataset.plan.articles.toLocaleString('en')} articles (runs of ${small.startedAt.slice(0, 10)} and ${large.startedAt.slice(0, 10)}):`,
    '',
    `| scenario | p99 ms at ${small.dataset.plan.articles} | p99 ms at ${large.dataset.plan.articles} | growth |`,
    '| --- | ---: | ---: | ---: |',
    ...rows,
    '',
  ].join('\n')
}
