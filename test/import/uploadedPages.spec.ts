import fs from 'node:fs'
import path from 'node:path'
import { zipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { ImportReport } from '../../src/import/importReport'
import type { Import } from '../../src/payload-types'
import { indexBuildsFinished } from '../helpers/indexBuilds'
import { smallPng, uploadForm } from '../helpers/journalContent'
import { createStaffAccount, type StaffAccount } from '../helpers/staffAccounts'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'
import { allArticles, BATCH_DIR, inLocale, SAMPLE_HTML, SAMPLE_TEXT } from './legacyFixtures'

/**
 * Imports from the admin UI: an admin uploads a saved page or a zip of pages
 * to Imports over REST (what the admin UI sends), the upload queues a job,
 * and the job imports the pages and writes the report onto the upload.
 */

let suite: SuiteContext
let admin: StaffAccount
let editor: StaffAccount

type ErrorBody = { errors: { data?: { errors?: { message: string; path: string }[] }; message: string }[] }

const file = (filename: string, bytes: Uint8Array, type = 'text/plain') => ({ bytes, filename, type })

async function upload(
  token: string,
  upload: { bytes: Uint8Array; filename: string; type: string },
  fields: Record<string, unknown> = {},
): Promise<{ body: unknown; status: number }> {
  const response = await suite.rest.post('/api/imports', { body: uploadForm(upload, fields), token })
  return { body: await response.json(), status: response.status }
}

function fieldErrors(body: unknown): { message: string; path: string }[] {
  return (body as ErrorBody).errors.flatMap((error) => error.data?.errors ?? []).map(({ message, path }) => ({ message, path }))
}

async function readImport(id: string): Promise<Import> {
  const response = await suite.rest.get(`/api/imports/${id}?depth=0`, { token: admin.token })
  expect(response.status).toBe(200)
  return (await response.json()) as Import
}

async function importJobs() {
  const { docs } = await suite.payload.find({
    collection: 'payload-jobs',
    depth: 0,
    pagination: false,
    where: { taskSlug: { equals: 'importLegacyPages' } },
  })
  return docs
}

beforeAll(async () => {
  suite = await startPayloadForSuite('import-admin')
  await indexBuildsFinished(suite.payload)
  admin = await createStaffAccount(suite, 'admin', 'imports')
  editor = await createStaffAccount(suite, 'editor', 'imports')
})

afterAll(async () => {
  await suite?.close()
})

describe('who may import', () => {
  it('editors can neither upload pages nor read imports (403)', async () => {
    const refused = await upload(editor.token, file('page.txt', fs.readFileSync(SAMPLE_TEXT)))
    expect(refused.status).toBe(403)
    const list = await suite.rest.get('/api/imports', { token: editor.token })
    expect(list.status).toBe(403)
    const anonymous = await suite.rest.get('/api/imports')
    expect(anonymous.status).toBe(403)
    expect(await importJobs()).toHaveLength(0)
  })
})

describe('uploads that cannot be imported are refused at once, with a 400 naming the field', () => {
  it.each([
    ['a PDF', file('article.pdf', Buffer.from('%PDF-1.4\n%…'), 'application/pdf'), /"article.pdf" is not a saved page: upload a page saved as text \(.txt\) or HTML/],
    ['a broken zip', file('pages.zip', Buffer.from('PK\u0003\u0004 this is not really a zip'), 'application/zip'), /pages.zip is not a readable zip archive/],
  ])('%s', async (_label, bad, message) => {
    const { body, status } = await upload(admin.token, bad)
    expect(status).toBe(400)
    expect(fieldErrors(body)).toEqual([{ message: expect.stringMatching(message), path: 'file' }])
  })

  it('a zip without pages', async () => {
    const zip = zipSync({ 'photo.png': new Uint8Array(await smallPng()) })
    const { body, status } = await upload(admin.token, file('photos.zip', zip, 'application/zip'))
    expect(status).toBe(400)
    expect(fieldErrors(body)).toEqual([{ message: 'photos.zip holds no saved pages (.txt, .htm or .html files)', path: 'file' }])
  })

  it('pairs that are not pairs', async () => {
    const { body, status } = await upload(admin.token, file('page.txt', fs.readFileSync(SAMPLE_TEXT)), { pairs: 'just-one-page.txt' })
    expect(status).toBe(400)
    expect(fieldErrors(body)).toEqual([
      { message: expect.stringMatching(/^Line 1 \("just-one-page.txt"\) is not a pair/), path: 'pairs' },
    ])
    expect(await importJobs()).toHaveLength(0)
  })
})

describe('a zip of pages', () => {
  let created: Import

  it('is stored and queued as a job; the request does not import anything itself', async () => {
    const page = (name: string) => new Uint8Array(fs.readFileSync(path.join(BATCH_DIR, name)))
    const zip = zipSync({
      'old-site/master-forum-us-japan-alliance.txt': new Uint8Array(fs.readFileSync(SAMPLE_TEXT)),
      'old-site/rules-and-order.en.txt': page('rules-and-order.en.txt'),
      'old-site/rules-and-order.zh.txt': page('rules-and-order.zh.txt'),
      'old-site/empty.txt': page('empty.txt'),
      'old-site/t1_files/style.css': new TextEncoder().encode('body { color: black }'),
    })
    // Fields only the job writes, sent by the client: refused whole, naming them (src/hooks/forbiddenFieldWrites.ts).
    const forged = await upload(admin.token, file('old-site.zip', zip, 'application/zip'), {
      pairs: 'rules-and-order.en.txt = rules-and-order.zh.txt',
      publish: true,
      report: { forged: true },
      status: 'done',
    })
    expect(forged.status).toBe(403)
    expect(JSON.stringify(forged.body)).toMatch(/You are not allowed to set [^"]*status/)
    const { body, status } = await upload(admin.token, file('old-site.zip', zip, 'application/zip'), {
      pairs: 'rules-and-order.en.txt = rules-and-order.zh.txt',
      publish: true,
    })
    expect(status).toBe(201)
    created = (body as { doc: Import }).doc
    expect(created).toMatchObject({ filename: 'old-site.zip', importedBy: { id: admin.id }, publish: true, status: 'queued' })
    expect(created.report ?? null).toBeNull()
    expect(await allArticles(suite.payload)).toHaveLength(0)
    const jobs = await importJobs()
    expect(jobs).toHaveLength(1)
    expect(jobs[0].input).toEqual({ importId: created.id })
  })

  it('the job imports the pages as the command does and writes the counts and the report onto the upload', async () => {
    await suite.payload.jobs.run()
    const done = await readImport(created.id)
    expect(done).toMatchObject({ created: 2, failed: 1, pages: 3, status: 'done', unchanged: 0, updated: 0 })
    expect(done.error ?? null).toBeNull()
    expect(done.startedAt).toBeTruthy()
    expect(done.finishedAt).toBeTruthy()

    const report = done.report as unknown as ImportReport
    expect(report.publish).toBe(true)
    // In the zip's order, the pair where its first page is.
    expect(report.pages.map((page) => [page.files.map((name) => path.basename(name)), page.status])).toEqual([
      [['master-forum-us-japan-alliance.txt'], 'created'],
      [['rules-and-order.en.txt', 'rules-and-order.zh.txt'], 'created'],
      [['empty.txt'], 'failed'],
    ])
    expect(report.pages[2].error).toBe('The file is empty.')
    expect(report.pages[0].files).toEqual(['old-site.zip/old-site/master-forum-us-japan-alliance.txt'])
    expect(report.directory.created).toHaveLength(11)

    const articles = await allArticles(suite.payload)
    expect(articles.map((article) => [inLocale(article.title, 'en'), article._status]).sort()).toEqual([
      ['Rules and Order in the Indo-Pacific', 'published'],
      ['The US-Japan Alliance and the Sino-Japanese Relations', 'published'],
    ])
    // A job that succeeds is removed from the queue.
    expect(await importJobs()).toEqual([])
  })

  it('is never served as a page of the CMS: only as a download, sandboxed', async () => {
    const response = await suite.rest.get(`/api/imports/file/${created.filename}`, { token: admin.token })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-disposition')).toBe('attachment')
    expect(response.headers.get('content-security-policy')).toMatch(/sandbox/)
    const refused = await suite.rest.get(`/api/imports/file/${created.filename}`, { token: editor.token })
    expect(refused.status).toBe(403)
  })
})

describe('a single saved page', () => {
  it('the HTML of a page already imported from text: the job finds it unchanged', async () => {
    const { body, status } = await upload(admin.token, file('master-forum-us-japan-alliance.html', fs.readFileSync(SAMPLE_HTML), 'text/html'), {
      dryRun: false,
      publish: true,
    })
    expect(status).toBe(201)
    await suite.payload.jobs.run()
    const done = await readImport((body as { doc: Import }).doc.id)
    expect(done).toMatchObject({ created: 0, failed: 0, pages: 1, status: 'done', unchanged: 1, updated: 0 })
    expect(await allArticles(suite.payload)).toHaveLength(2)
  })

  it('two uploads queued together are imported one after the other: nothing is created twice', async () => {
    const page = fs.readFileSync(path.join(BATCH_DIR, 'connectivity-central-asia.txt'))
    const first = await upload(admin.token, file('connectivity.txt', page))
    const second = await upload(admin.token, file('connectivity-again.txt', page))
    expect([first.status, second.status]).toEqual([201, 201])
    expect(await importJobs()).toHaveLength(2)
    await suite.payload.jobs.run()
    const results = await Promise.all([first, second].map(({ body }) => readImport((body as { doc: Import }).doc.id)))
    expect(results.map(({ created, status, unchanged }) => ({ created, status, unchanged })).sort((a, b) => (b.created ?? 0) - (a.created ?? 0))).toEqual([
      { created: 1, status: 'done', unchanged: 0 },
      { created: 0, status: 'done', unchanged: 1 },
    ])
    expect((await suite.payload.count({ collection: 'sections', where: { slug: { equals: 'regional-studies' } } })).totalDocs).toBe(1)
    expect((await suite.payload.count({ collection: 'authors', where: { name: { equals: 'Zhang Ming' } } })).totalDocs).toBe(1)
  })

  it('an upload whose file is gone by the time the job runs is marked failed, with the reason', async () => {
    const { body, status } = await upload(admin.token, file('gone.txt', fs.readFileSync(SAMPLE_TEXT)))
    expect(status).toBe(201)
    const queued = (body as { doc: Import }).doc
    fs.rmSync(path.join(suite.uploadsDir, 'imports', queued.filename ?? ''))
    await suite.payload.jobs.run()
    const failed = await readImport(queued.id)
    expect(failed).toMatchObject({ error: 'The uploaded file gone.txt is no longer on the server: upload it again', status: 'failed' })
  })

  it('a dry run reports and writes nothing', async () => {
    const corrected = Buffer.from(fs.readFileSync(SAMPLE_TEXT, 'utf8').replace('now theUS is making', 'now the US is making'))
    const { body, status } = await upload(admin.token, file('corrected.txt', corrected), { dryRun: true })
    expect(status).toBe(201)
    await suite.payload.jobs.run()
    const done = await readImport((body as { doc: Import }).doc.id)
    expect(done).toMatchObject({ pages: 1, status: 'done', updated: 1 })
    expect((done.report as unknown as ImportReport).dryRun).toBe(true)
    const article = (await allArticles(suite.payload)).find((doc) => inLocale(doc.title, 'en') === 'The US-Japan Alliance and the Sino-Japanese Relations')
    expect(JSON.stringify(article?.body)).toContain('now theUS is making')
  })
})
