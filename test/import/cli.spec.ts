import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { ImportReport } from '../../src/import/importReport'
import { projectRoot } from '../../src/lib/projectPaths'
import { indexBuildsFinished } from '../helpers/indexBuilds'
import { runProjectScript } from '../helpers/projectScript'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'
import { allArticles, databaseSnapshot, inLocale } from './legacyFixtures'

/**
 * `npm run import` as an editor runs it, against this suite's database:
 * exit codes, the printed summary, the JSON report, --dry-run and --publish.
 */

let suite: SuiteContext
let databaseUri: string
const reportDir = path.join(projectRoot, 'test-results', 'import')
const reportFile = path.join(reportDir, `cli-report-${randomBytes(4).toString('hex')}.json`)

const BATCH = 'test/fixtures/legacy/batch'
const SAMPLE = 'test/fixtures/legacy/master-forum-us-japan-alliance.txt'

const importCommand = (args: string[]) => runProjectScript('import', args, { databaseUri })

beforeAll(async () => {
  suite = await startPayloadForSuite('import-cli')
  await indexBuildsFinished(suite.payload)
  databaseUri = process.env.DATABASE_URI ?? ''
  fs.mkdirSync(reportDir, { recursive: true })
})

afterAll(async () => {
  fs.rmSync(reportFile, { force: true })
  await suite?.close()
})

describe('npm run import', () => {
  it('explains itself with --help, and refuses a wrong command line with exit code 2', () => {
    const help = importCommand(['--help'])
    expect(help.status).toBe(0)
    expect(help.stdout).toMatch(/^Usage: npm run import -- \[options\] <file\|folder\|zip>/)
    expect(help.stdout).toMatch(/--dry-run/)

    const nothing = importCommand([])
    expect(nothing.status).toBe(2)
    expect(nothing.output).toMatch(/Name at least one page, folder or zip to import/)

    const unknown = importCommand(['--publsh', SAMPLE])
    expect(unknown.status).toBe(2)
    expect(unknown.output).toMatch(/Unknown option '--publsh'/)

    const missing = importCommand(['test/fixtures/legacy/no-such-page.txt'])
    expect(missing.status).toBe(2)
    expect(missing.output).toMatch(/test\/fixtures\/legacy\/no-such-page.txt: no such file or folder/)
  }, 60_000)

  it('imports a folder: the good pages, each bad page reported and skipped, exit code 1, the report as JSON', async () => {
    const { output, status, stdout } = importCommand([
      BATCH,
      '--pair',
      `${BATCH}/rules-and-order.en.txt`,
      `${BATCH}/rules-and-order.zh.txt`,
      '--report',
      reportFile,
    ])
    expect({ output, status }).toMatchObject({ status: 1 })
    expect(stdout).toContain('7 page(s): created 2, updated 0, unchanged 0, failed 5')
    expect(stdout).toContain(`✗ ${BATCH}/empty.txt: The file is empty.`)
    expect(stdout).toContain(`✗ ${BATCH}/scanned-page.txt: This is not a saved page: the file is a PNG image.`)
    expect(stdout).toMatch(new RegExp(`✓ ${BATCH}/rules-and-order.en.txt \\+ ${BATCH}/rules-and-order.zh.txt: created "Rules and Order in the Indo-Pacific"`))
    expect(stdout).toMatch(/created author Zhang Ming/)

    const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as ImportReport
    expect(report.totals).toEqual({ created: 2, failed: 5, pages: 7, unchanged: 0, updated: 0 })
    expect(report.pages.find((page) => page.files[0].endsWith('truncated.txt'))?.error).toMatch(/^The page looks truncated/)
    expect(report.directory.created).toHaveLength(11)

    const titles = (await allArticles(suite.payload)).map((article) => inLocale(article.title, 'en')).sort()
    expect(titles).toEqual(['Connectivity and Development in Central Asia', 'Rules and Order in the Indo-Pacific'])
    expect((await allArticles(suite.payload)).every((article) => article._status === 'draft')).toBe(true)
  }, 200_000)

  it('--dry-run prints what would be created and writes nothing', async () => {
    const before = await databaseSnapshot(suite.payload)
    const { output, status, stdout } = importCommand(['--dry-run', SAMPLE])
    expect({ output, status }).toMatchObject({ status: 0 })
    expect(stdout).toContain('would have created article "The US-Japan Alliance and the Sino-Japanese Relations" (en, draft)')
    expect(stdout).toContain('would have created author Yuan Zheng (Director of Department of American Diplomacy, Institute of American Studies, CASS)')
    expect(stdout).toContain('Dry run, nothing written: 1 page(s): created 1, updated 0, unchanged 0, failed 0')
    expect(await databaseSnapshot(suite.payload)).toEqual(before)
  }, 200_000)

  it('--publish imports the page published, and a second run finds nothing to do (exit code 0)', async () => {
    const first = importCommand(['--publish', SAMPLE])
    expect({ output: first.output, status: first.status }).toMatchObject({ status: 0 })
    expect(first.stdout).toContain('1 page(s): created 1, updated 0, unchanged 0, failed 0')
    const article = (await allArticles(suite.payload)).find((doc) => inLocale(doc.title, 'en') === 'The US-Japan Alliance and the Sino-Japanese Relations')
    expect(article?._status).toBe('published')

    const before = await databaseSnapshot(suite.payload)
    const second = importCommand(['--publish', SAMPLE])
    expect(second.status).toBe(0)
    expect(second.stdout).toContain('1 page(s): created 0, updated 0, unchanged 1, failed 0')
    expect(await databaseSnapshot(suite.payload)).toEqual(before)
  }, 300_000)
})
