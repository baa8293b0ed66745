import fs from 'node:fs/promises'
import path from 'node:path'
import type { PayloadRequest, TaskConfig } from 'payload'

import type { Import } from '../payload-types'
import { importLegacyPages, type ImportSource } from './importLegacyPages'
import type { ImportReport } from './importReport'
import { parsePairs } from './parsePairs'
import { readZip, SourceError, ZIP_EXTENSION } from './readSources'

export const IMPORT_TASK = 'importLegacyPages'

/** How often a running import writes its counts, so the admin UI shows progress on a large batch. */
const PROGRESS_EVERY_MS = 3_000

type Counts = Pick<Import, 'created' | 'failed' | 'pages' | 'unchanged' | 'updated'>

async function updateImport(req: PayloadRequest, id: string, data: Partial<Import>): Promise<void> {
  await req.payload.update({ collection: 'imports', data, depth: 0, id, req })
}

/**
 * The uploaded file's bytes: from the uploads folder, or, when the files are
 * kept in object storage (src/storage/), through the collection's file
 * handlers, the way Payload serves the file (so any instance can run the job).
 */
async function uploadedBytes(req: PayloadRequest, upload: Import, filename: string): Promise<Buffer> {
  const { disableLocalStorage, handlers = [], staticDir = '' } = req.payload.collections.imports.config.upload
  if (!disableLocalStorage) return fs.readFile(path.join(staticDir, path.basename(filename)))
  for (const handler of handlers) {
    const response = await handler(req, { doc: upload as never, headers: new Headers(), params: { collection: 'imports', filename: path.basename(filename) } })
    if (!(response instanceof Response)) continue
    if (!response.ok) throw new Error(`the storage answered ${response.status}`)
    return Buffer.from(await response.arrayBuffer())
  }
  throw new Error('no storage handler served it')
}

async function sourcesOf(req: PayloadRequest, upload: Import): Promise<ImportSource[]> {
  const filename = upload.filename ?? ''
  const bytes = await uploadedBytes(req, upload, filename).catch(() => {
    throw new SourceError(`The uploaded file ${filename} is no longer on the server: upload it again`)
  })
  return path.extname(filename).toLowerCase() === ZIP_EXTENSION ? readZip(filename, bytes) : [{ bytes, name: filename }]
}

/**
 * Imports run one after another in this process: the job runner starts
 * queued jobs side by side, and two imports matching and creating the same
 * sections and authors at once could both create them.
 */
let previousImport: Promise<unknown> = Promise.resolve()

function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const result = previousImport.then(work, work)
  previousImport = result.catch(() => undefined)
  return result
}

const countsOf = (report: Pick<ImportReport, 'totals'>): Counts => ({
  created: report.totals.created,
  failed: report.totals.failed,
  pages: report.totals.pages,
  unchanged: report.totals.unchanged,
  updated: report.totals.updated,
})

/** One upload's import, from reading its file to writing its report. */
async function runImport(importId: string, req: PayloadRequest): Promise<{ output: Counts }> {
  const upload = await req.payload.findByID({ collection: 'imports', depth: 0, id: importId, req })
  await updateImport(req, upload.id, { error: null, startedAt: new Date().toISOString(), status: 'running' })
  try {
    const sources = await sourcesOf(req, upload)
    let lastWrite = Date.now()
    const report = await importLegacyPages(req.payload, sources, {
      dryRun: Boolean(upload.dryRun),
      onProgress: async (progress) => {
        if (Date.now() - lastWrite < PROGRESS_EVERY_MS) return
        lastWrite = Date.now()
        await updateImport(req, upload.id, countsOf(progress))
      },
      pairs: parsePairs(upload.pairs ?? ''),
      publish: Boolean(upload.publish),
    })
    await updateImport(req, upload.id, {
      ...countsOf(report),
      finishedAt: report.finishedAt,
      report: report as unknown as Import['report'],
      status: 'done',
    })
    req.payload.logger.info(`Import ${upload.id} done: ${report.totals.pages} page(s), ${report.totals.failed} failed`)
    return { output: countsOf(report) }
  } catch (error) {
    const message = error instanceof SourceError ? error.message : `Unexpected error: ${(error as Error).message}`
    await updateImport(req, upload.id, { error: message, finishedAt: new Date().toISOString(), status: 'failed' })
    // A file that cannot be read is the upload's failure, reported on it; anything else fails the job too.
    if (error instanceof SourceError) return { output: { created: 0, failed: 0, pages: 0, unchanged: 0, updated: 0 } }
    throw error
  }
}

/**
 * The background job behind an upload in the admin UI's Imports: reads the
 * uploaded page or zip, imports it as `npm run import` does (with the
 * upload's publish, dry-run and pairs settings), and writes the counts and
 * the report to the upload. A file that cannot be read at all marks the
 * import failed with the reason; pages that fail are in the report.
 */
export const importTask: TaskConfig<'importLegacyPages'> = {
  slug: IMPORT_TASK,
  handler: ({ input, req }) => oneAtATime(() => runImport(input.importId, req)),
  inputSchema: [{ name: 'importId', type: 'text', required: true }],
  label: 'Import pages of the old site',
  outputSchema: [
    { name: 'pages', type: 'number' },
    { name: 'created', type: 'number' },
    { name: 'updated', type: 'number' },
    { name: 'unchanged', type: 'number' },
    { name: 'failed', type: 'number' },
  ],
  retries: 0,
}
