/**
 * `npm run import -- <file|folder|zip> [...]`: imports pages saved from the
 * old site (as text or HTML) into articles, authors, sections and the
 * contact directory. See docs/import.md.
 *
 * Joins the database the same way as `npm run migrate` (scripts/lib/runScript.ts).
 * Exit code 0 when every page imported,
 * 1 when any failed, 2 when the command itself was wrong.
 */
import fs from 'node:fs'
import { parseArgs } from 'node:util'

import type { ImportProgress } from '../src/import/importLegacyPages'
import { formatReport, formatTotals } from '../src/import/importReport'
import { readSources, SourceError } from '../src/import/readSources'
import { runScript } from './lib/runScript'
import { withPayload } from './lib/withPayload'

const USAGE = `Usage: npm run import -- [options] <file|folder|zip> [...]

Imports pages saved from the old site (text or HTML; folders and zips are
read for .txt, .htm and .html files) as articles, with their sections and
authors, and the page footer into the contact directory.

Options:
  --dry-run             read and match everything, write nothing: report what would change
  --publish             publish what is imported (default: drafts for an editor to check)
  --pair <en> <zh>      these two pages are the English and the Chinese page of one article
                        (either order; may be repeated; the files need not be listed again)
  --report <file.json>  also write the report as JSON to this file
  --help                this text`

class UsageError extends Error {}

type Arguments = { dryRun: boolean; pairs: [string, string][]; paths: string[]; publish: boolean; report?: string }

function readArguments(argv: string[]): Arguments | undefined {
  // --pair takes two values: pull those out first, parseArgs handles the rest.
  const pairs: [string, string][] = []
  const rest: string[] = []
  for (let index = 0; index < argv.length; index++) {
    if (argv[index] !== '--pair') {
      rest.push(argv[index])
      continue
    }
    const [first, second] = argv.slice(index + 1, index + 3)
    if (!first || !second || first.startsWith('--') || second.startsWith('--')) throw new UsageError('--pair needs two pages: --pair <english page> <chinese page>')
    pairs.push([first, second])
    index += 2
  }
  let parsed
  try {
    parsed = parseArgs({
      allowPositionals: true,
      args: rest,
      options: {
        'dry-run': { type: 'boolean' },
        help: { type: 'boolean' },
        publish: { type: 'boolean' },
        report: { type: 'string' },
      },
    })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  if (parsed.values.help) return undefined
  const paths = [...parsed.positionals]
  for (const pair of pairs) for (const page of pair) if (!paths.includes(page)) paths.push(page)
  if (paths.length === 0) throw new UsageError('Name at least one page, folder or zip to import.')
  return { dryRun: Boolean(parsed.values['dry-run']), pairs, paths, publish: Boolean(parsed.values.publish), report: parsed.values.report }
}

/** One line redrawn in place on a terminal: a bar, the counts and the page just imported (the end of its name). */
function progressLine({ current, done, total, totals }: ImportProgress): string {
  const width = 24
  const filled = Math.round((done / Math.max(total, 1)) * width)
  const status = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}  ${formatTotals(totals)}`
  const room = (process.stderr.columns || 100) - status.length - 3
  if (room < 8) return status.slice(0, (process.stderr.columns || 100) - 1)
  return `${status}  ${current.length > room ? `…${current.slice(-(room - 1))}` : current}`
}

async function main(): Promise<number> {
  let args: Arguments | undefined
  try {
    args = readArguments(process.argv.slice(2))
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`)
    return 2
  }
  if (!args) {
    console.log(USAGE)
    return 0
  }
  const options = args

  let sources
  try {
    sources = await readSources(options.paths)
  } catch (error) {
    if (error instanceof SourceError) {
      console.error(error.message)
      return 2
    }
    throw error
  }

  const { importLegacyPages } = await import('../src/import/importLegacyPages')
  return withPayload(async (payload) => {
    const showProgress = process.stderr.isTTY && sources.length > 1
    const report = await importLegacyPages(payload, sources, {
      dryRun: options.dryRun,
      onProgress: showProgress ? (progress) => void process.stderr.write(`\r\u001b[2K${progressLine(progress)}`) : undefined,
      pairs: options.pairs,
      publish: options.publish,
    })
    if (showProgress) process.stderr.write('\r\u001b[2K')
    console.log(formatReport(report))
    if (options.report) {
      fs.writeFileSync(options.report, `${JSON.stringify(report, null, 2)}\n`)
      console.log(`Report written to ${options.report}`)
    }
    return report.totals.failed > 0 || report.directory.errors.length > 0 ? 1 : 0
  })
}

runScript('Import', main)
