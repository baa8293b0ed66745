/**
 * `npm run reindex`: rebuilds the search index (the `search-entries`
 * collection) from the stored authors and published articles, and removes
 * entries of anything no longer published. See docs/search.md.
 *
 * Joins the database the same way as `npm run migrate` and `npm run import`
 * (scripts/lib/runScript.ts). Exit code 0 on success,
 * 1 on failure, 2 for a wrong command line.
 */
import { parseArgs } from 'node:util'

import { runScript } from './lib/runScript'
import { withPayload } from './lib/withPayload'

const USAGE = `Usage: npm run reindex

Rebuilds the search index from the stored authors and published articles.
Search keeps answering while it runs; entries of articles no longer
published are removed at the end.

Options:
  --help  this text`

async function main(): Promise<number> {
  try {
    const { values } = parseArgs({ args: process.argv.slice(2), options: { help: { type: 'boolean' } } })
    if (values.help) {
      console.log(USAGE)
      return 0
    }
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`)
    return 2
  }

  const { rebuildSearchIndex } = await import('../src/search/rebuildIndex')
  return withPayload(async (payload) => {
    const started = Date.now()
    const showProgress = process.stderr.isTTY
    const report = await rebuildSearchIndex(payload, {
      onProgress: showProgress
        ? ({ articles, authors }) => void process.stderr.write(`\r\u001b[2K${authors} authors, ${articles} articles`)
        : undefined,
    })
    if (showProgress) process.stderr.write('\r\u001b[2K')
    const seconds = ((Date.now() - started) / 1000).toFixed(1)
    console.log(
      `Search index rebuilt in ${seconds} s: ${report.articles} published articles and ${report.authors} authors, ` +
        `${report.entries} entries written, ${report.removed} stale entries removed.`,
    )
    return 0
  })
}

runScript('Reindex', main)
