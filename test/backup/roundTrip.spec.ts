import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { createGunzip, createGzip } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { BSON, MongoClient } from 'mongodb'
import { pack as tarPack } from 'tar-stream'

import { type BackupManifest, MANIFEST_ENTRY } from '../../src/backup/backupManifest'
import { createBackup } from '../../src/backup/createBackup'
import { restoreBackup, verifyBackup } from '../../src/backup/restoreBackup'
import { logger } from '../../src/lib/logger'
import { readTar, TarWriter } from '../../src/backup/tarArchive'
import { indexBuildsFinished } from '../helpers/indexBuilds'
import { JournalContent } from '../helpers/journalContent'
import { lexicalDocument } from '../helpers/lexical'
import { filesUnder, onePagePdf, photo } from '../helpers/mediaFiles'
import { runProjectScript, type ScriptResult } from '../helpers/projectScript'
import { createRoleUsers } from '../helpers/roleUsers'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'
import { testDatabaseCapabilities, testDatabaseUri } from '../helpers/testDatabase'

const { EJSON } = BSON

/**
 * `npm run backup` and `npm run restore` as an operator runs them: a backup
 * of a database full of real content (both languages, versions and drafts,
 * users, media with their image sizes) restored into a fresh database and a
 * fresh uploads folder holds every document and every file exactly; a
 * non-empty target and a damaged archive are refused with nothing written.
 */

let suite: SuiteContext
let sourceUri: string
let client: MongoClient
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-cms-backup-'))
const targets: string[] = []

function run(script: 'backup' | 'restore', args: string[], target: { databaseUri: string; uploadsDir: string }): ScriptResult {
  return runProjectScript(script, args, { databaseUri: target.databaseUri, env: { UPLOADS_DIR: target.uploadsDir } })
}

/** A new, empty database and uploads folder to restore into. */
function freshTarget(name: string): { databaseUri: string; uploadsDir: string } {
  const databaseUri = testDatabaseUri(`backup-${name}`)
  targets.push(databaseUri)
  return { databaseUri, uploadsDir: fs.mkdtempSync(path.join(workDir, `uploads-${name}-`)) }
}

/** Every collection of a database: its documents as canonical Extended JSON (in _id order) and its indexes. */
async function databaseContents(uri: string): Promise<Record<string, { documents: string[]; indexes: string[] }>> {
  const db = client.db(new URL(uri).pathname.slice(1))
  const contents: Record<string, { documents: string[]; indexes: string[] }> = {}
  for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
    if (name.startsWith('system.')) continue
    const collection = db.collection(name)
    const documents = await collection
      .find({}, { bsonRegExp: true, promoteBuffers: false, promoteLongs: false, promoteValues: false, sort: { _id: 1 } })
      .toArray()
    const indexes = await collection.listIndexes().toArray()
    contents[name] = {
      documents: documents.map((document) => EJSON.stringify(document, { relaxed: false })),
      indexes: indexes
        .map(({ key, name: indexName, sparse, unique }) => EJSON.stringify({ key, name: indexName, sparse, unique }, { relaxed: false }))
        .sort(),
    }
  }
  return contents
}

function fileContents(directory: string): Record<string, string> {
  return Object.fromEntries(filesUnder(directory).map((file) => [file, fs.readFileSync(path.join(directory, file)).toString('base64')]))
}

/** The archive a backup run wrote: the one path named in its output. */
function archiveFrom(result: ScriptResult): string {
  const match = /Backup written in [\d.]+ s: (\S+\.tar\.gz)/.exec(result.stdout)
  if (!match) throw new Error(`no archive in the output of npm run backup:\n${result.output}`)
  return match[1]
}

/** A copy of an archive with entries changed by `change` (the manifest is an entry too). */
async function rewritten(archive: string, copy: string, change: (name: string, data: Buffer) => Buffer): Promise<void> {
  const gzip = createGzip()
  const written = pipeline(gzip, fs.createWriteStream(copy))
  const writer = new TarWriter(gzip)
  for await (const entry of readTar(fs.createReadStream(archive).pipe(createGunzip()))) {
    const pieces: Buffer[] = []
    for await (const piece of entry.body) pieces.push(piece)
    await writer.add(entry.name, change(entry.name, Buffer.concat(pieces)))
  }
  await writer.finish()
  await written
}

/** A copy of an archive with one entry's bytes changed, the manifest left as it was. */
function withAlteredEntry(archive: string, entryName: string, copy: string): Promise<void> {
  return rewritten(archive, copy, (name, data) => {
    if (name === entryName) data[Math.floor(data.length / 2)] ^= 0xff
    return data
  })
}

async function isEmpty(target: { databaseUri: string; uploadsDir: string }): Promise<boolean> {
  const contents = await databaseContents(target.databaseUri)
  return Object.values(contents).every(({ documents }) => documents.length === 0) && filesUnder(target.uploadsDir).length === 0
}

let archive: string
let manifest: BackupManifest

beforeAll(async () => {
  suite = await startPayloadForSuite('backup')
  await indexBuildsFinished(suite.payload)
  sourceUri = process.env.DATABASE_URI ?? ''
  client = new MongoClient(sourceUri)
  await client.connect()

  const users = await createRoleUsers(suite, 'backup')
  const content = new JournalContent(suite.payload)
  const section = await content.section({ title: 'Regional Security' })
  const author = await content.author({ name: 'Li Wei' })
  const picture = await content.media('A harbour at dusk')
  const jpeg = await photo({ height: 900, width: 1600 }, 'jpeg')
  const photograph = await suite.payload.create({
    collection: 'media',
    data: { alt: '港口' },
    file: { data: jpeg, mimetype: 'image/jpeg', name: 'harbour.jpg', size: jpeg.length },
    overrideAccess: true,
  })
  const pdf = onePagePdf('Annual report')
  await suite.payload.create({
    collection: 'media',
    data: { alt: 'Annual report' },
    file: { data: pdf, mimetype: 'application/pdf', name: 'annual-report.pdf', size: pdf.length },
    overrideAccess: true,
  })

  const article = await content.article({
    authors: [author.id],
    body: lexicalDocument(['Alliances in the region are changing.']) as never,
    featuredImage: picture.id,
    keywords: ['security', 'alliances'],
    section: section.id,
    title: 'Alliances in Flux',
  })
  await suite.payload.update({
    collection: 'articles',
    data: { _status: 'published', body: lexicalDocument(['地区联盟正在变化。']) as never, title: '变化中的联盟' },
    id: article.id,
    locale: 'zh',
    overrideAccess: true,
  })
  await content.draftOf(article.id, 'Alliances in Flux (revised)')
  await content.article({ _status: 'draft', authors: [author.id], featuredImage: photograph.id, section: section.id, title: 'A draft never published' })
  await content.contact({ email: 'office@example.org', name: 'Editorial Office' })
  const preference = await suite.rest.post('/api/payload-preferences/articles-list', {
    body: { value: { columns: ['title', 'section'] } },
    token: users.editor.token,
  })
  expect(preference.status).toBe(200)
  await suite.payload.create({
    collection: 'payload-locked-documents',
    data: { document: { relationTo: 'articles', value: article.id }, user: { relationTo: 'users', value: users.editor.id } },
    overrideAccess: true,
  })

  // Values whose BSON types a JSON round trip would lose, in a collection of its own with an index of its own.
  const db = client.db()
  await db.collection('backup-type-check').createIndex({ code: 1, year: -1 }, { name: 'code_year', unique: true })
  await db.collection('backup-type-check').insertMany([
    {
      binary: new BSON.Binary(Buffer.from([0, 1, 2, 254, 255])),
      code: 'a',
      double: new BSON.Double(2),
      int: new BSON.Int32(7),
      long: BSON.Long.fromString('9007199254740993'),
      nested: [{ at: new Date('2026-01-02T03:04:05.678Z') }, null, 'text 中文'],
      year: 2026,
    },
    { code: 'b', double: new BSON.Double(-0.5), year: 2025 },
  ])

  const backup = run('backup', ['--out', path.join(workDir, 'archives')], { databaseUri: sourceUri, uploadsDir: suite.uploadsDir })
  expect({ output: backup.output, status: backup.status }).toMatchObject({ status: 0 })
  archive = archiveFrom(backup)
  manifest = await verifyBackup(archive)
}, 300_000)

afterAll(async () => {
  for (const uri of targets) await client?.db(new URL(uri).pathname.slice(1)).dropDatabase()
  await client?.close()
  fs.rmSync(workDir, { force: true, recursive: true })
  await suite?.close()
})

describe('npm run backup', () => {
  it('writes one dated archive whose manifest counts every collection and lists every file with its SHA-256', async () => {
    expect(path.basename(archive)).toMatch(/^test_backup_\w+-\d{8}-\d{6}Z\.tar\.gz$/)
    expect(fs.statSync(archive).mode & 0o777).toBe(0o600)
    // One snapshot where the server offers it (a MongoDB replica set); mongo-java-server and a standalone mongod do not.
    expect(manifest.database.consistency).toBe(testDatabaseCapabilities().snapshotReads ? 'snapshot' : 'none')

    const contents = await databaseContents(sourceUri)
    const counts = Object.fromEntries(manifest.collections.map(({ documents, name }) => [name, documents]))
    expect(counts).toEqual(Object.fromEntries(Object.entries(contents).map(([name, { documents }]) => [name, documents.length])))
    expect(counts).toMatchObject({ articles: 2, authors: 1, contacts: 1, media: 3, 'payload-locked-documents': 1, 'payload-preferences': 1, users: 4 })
    expect(counts._articles_versions).toBeGreaterThanOrEqual(4)

    const files = filesUnder(suite.uploadsDir)
    // Every file a media document names (the upload and its image sizes) is on disk and in the archive.
    const media = await suite.payload.find({ collection: 'media', depth: 0, limit: 100, overrideAccess: true })
    const named = media.docs.flatMap((doc) => [doc.filename, ...Object.values(doc.sizes ?? {}).map((size) => size?.filename)])
    const namedFiles = named.filter((name): name is string => typeof name === 'string').sort()
    expect(namedFiles.length).toBeGreaterThanOrEqual(3 + 4) // three uploads, and image sizes of the photograph
    expect(files).toEqual(namedFiles)
    expect(manifest.uploads.files.map((file) => file.path)).toEqual(files.map((file) => `uploads/${file}`))
    const pdfEntry = manifest.uploads.files.find((file) => file.path === 'uploads/annual-report.pdf')
    expect(pdfEntry?.size).toBe(fs.statSync(path.join(suite.uploadsDir, 'annual-report.pdf')).size)
  })

  it('refuses a wrong command line with exit code 2', () => {
    const wrong = run('backup', ['--outt', 'x'], { databaseUri: sourceUri, uploadsDir: suite.uploadsDir })
    expect(wrong.status).toBe(2)
    expect(wrong.output).toMatch(/Unknown option '--outt'/)
  })
})

describe('createBackup and restoreBackup', () => {
  it('read and write a collection in several batches, and the restore is still exact', async () => {
    const { archivePath, manifest: batched } = await createBackup({
      batchBytes: 2_000,
      databaseUri: sourceUri,
      logger,
      outDir: path.join(workDir, 'batched'),
      uploadsDir: suite.uploadsDir,
    })
    const versions = batched.collections.find((collection) => collection.name === '_articles_versions')!
    expect(versions.chunks.length).toBeGreaterThan(1)
    expect(versions.chunks.reduce((sum, chunk) => sum + chunk.documents, 0)).toBe(versions.documents)

    const target = freshTarget('batched')
    const summary = await restoreBackup({ archivePath, databaseUri: target.databaseUri, logger, uploadsDir: target.uploadsDir })
    const documents = batched.collections.reduce((sum, collection) => sum + collection.documents, 0)
    expect(summary).toMatchObject({ collections: batched.collections.length, documents, files: batched.uploads.files.length })
    expect(await databaseContents(target.databaseUri)).toEqual(await databaseContents(sourceUri))
    expect(fileContents(target.uploadsDir)).toEqual(fileContents(suite.uploadsDir))
  }, 200_000)
})

describe('npm run restore', () => {
  it('restores every document of every collection, every index and every file, exactly', async () => {
    const target = freshTarget('full')
    const restored = run('restore', [archive], target)
    expect({ output: restored.output, status: restored.status }).toMatchObject({ status: 0 })
    expect(restored.stdout).toMatch(/Restored in [\d.]+ s/)

    const source = await databaseContents(sourceUri)
    const copy = await databaseContents(target.databaseUri)
    expect(Object.keys(copy).sort()).toEqual(Object.keys(source).sort())
    for (const name of Object.keys(source)) {
      expect({ name, documents: copy[name].documents }).toEqual({ name, documents: source[name].documents })
      expect({ name, indexes: copy[name].indexes }).toEqual({ name, indexes: source[name].indexes })
    }
    expect(copy['backup-type-check'].documents[0]).toContain('{"$numberDouble":"2.0"}')
    expect(copy['backup-type-check'].documents[0]).toContain('{"$numberLong":"9007199254740993"}')
    expect(copy['backup-type-check'].indexes.join()).toContain('code_year')

    expect(fileContents(target.uploadsDir)).toEqual(fileContents(suite.uploadsDir))
  }, 200_000)

  it('refuses a target that is not empty, and changes nothing there', async () => {
    const target = freshTarget('occupied')
    const seeded = new MongoClient(target.databaseUri)
    await seeded.connect()
    await seeded.db().collection('articles').insertOne({ title: 'already here' })
    await seeded.close()
    const before = await databaseContents(target.databaseUri)

    const refused = run('restore', [archive], target)
    expect(refused.status).toBe(1)
    expect(refused.output).toMatch(/The target is not empty \(collection articles has documents\)/)
    expect(await databaseContents(target.databaseUri)).toEqual(before)
    expect(filesUnder(target.uploadsDir)).toEqual([])

    const withFiles = freshTarget('files')
    fs.writeFileSync(path.join(withFiles.uploadsDir, 'left-over.png'), 'x')
    const refusedFiles = run('restore', [archive], withFiles)
    expect(refusedFiles.status).toBe(1)
    expect(refusedFiles.output).toMatch(/the uploads folder .* has 1 file\(s\)/)
    expect(Object.values(await databaseContents(withFiles.databaseUri)).every(({ documents }) => documents.length === 0)).toBe(true)
    expect(filesUnder(withFiles.uploadsDir)).toEqual(['left-over.png'])
  }, 200_000)

  it('refuses an archive whose file fails its SHA-256 check, and writes nothing', async () => {
    const damaged = path.join(workDir, 'damaged.tar.gz')
    await withAlteredEntry(archive, 'uploads/annual-report.pdf', damaged)
    const target = freshTarget('damaged')

    const checked = run('restore', ['--check', damaged], target)
    expect(checked.status).toBe(1)
    expect(checked.output).toMatch(/uploads\/annual-report\.pdf fails its SHA-256 check/)

    const refused = run('restore', [damaged], target)
    expect(refused.status).toBe(1)
    expect(refused.output).toMatch(/cannot be restored: uploads\/annual-report\.pdf fails its SHA-256 check \(the archive is damaged\)\. Nothing was written\./)
    expect(await isEmpty(target)).toBe(true)
  }, 200_000)

  it('refuses a truncated archive, and one whose documents were changed, and writes nothing', async () => {
    const truncated = path.join(workDir, 'truncated.tar.gz')
    const bytes = fs.readFileSync(archive)
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.9)))
    const target = freshTarget('truncated')
    const refused = run('restore', [truncated], target)
    expect(refused.status).toBe(1)
    expect(refused.output).toMatch(/cannot be restored: the archive is (damaged or )?truncated/)
    expect(await isEmpty(target)).toBe(true)

    const articlesChunk = manifest.collections.find((collection) => collection.name === 'articles')!.chunks[0].path
    const altered = path.join(workDir, 'altered.tar.gz')
    await withAlteredEntry(archive, articlesChunk, altered)
    const refusedAltered = run('restore', [altered], target)
    expect(refusedAltered.status).toBe(1)
    expect(refusedAltered.output).toContain(`${articlesChunk} fails its SHA-256 check`)
    expect(await isEmpty(target)).toBe(true)
  }, 200_000)

  it('removes what it wrote when it fails half-way (an index the documents break), so the target is empty again', async () => {
    // A whole, consistent archive (its manifest matches every entry) whose last step must fail:
    // a unique index on the versions' parent, which several versions of one article share.
    const failing = path.join(workDir, 'failing.tar.gz')
    await rewritten(archive, failing, (name, data) => {
      if (name !== MANIFEST_ENTRY) return data
      const changed = JSON.parse(data.toString('utf8')) as BackupManifest
      const versions = changed.collections.find((collection) => collection.name === '_articles_versions')!
      versions.indexes.push({ key: { parent: { $numberInt: '1' } }, name: 'one_version_per_article', unique: true })
      return Buffer.from(JSON.stringify(changed))
    })
    const target = freshTarget('failing')
    const failed = run('restore', [failing], target)
    expect(failed.status).toBe(1)
    expect(failed.output).toMatch(/Restore failed .*removing what it wrote/)
    expect(await isEmpty(target)).toBe(true)
    expect(filesUnder(target.uploadsDir)).toEqual([])

    // Once the archive is sound, the same target takes it.
    const restored = run('restore', [archive], target)
    expect({ output: restored.output, status: restored.status }).toMatchObject({ status: 0 })
  }, 200_000)

  it('--check confirms a whole archive without a database; a file that is no backup is refused', async () => {
    const checked = run('restore', ['--check', archive], { databaseUri: 'mongodb://127.0.0.1:1/nowhere', uploadsDir: workDir })
    expect({ output: checked.output, status: checked.status }).toMatchObject({ status: 0 })
    expect(checked.stdout).toMatch(/is whole: database test_backup_\w+ of .*, \d+ collections, \d+ documents, \d+ files\./)

    const notABackup = path.join(workDir, 'notes.tar.gz')
    const gzip = createGzip()
    const written = pipeline(gzip, fs.createWriteStream(notABackup))
    const writer = new TarWriter(gzip)
    await writer.add('notes.txt', Buffer.from('hello'))
    await writer.finish()
    await written
    const refused = run('restore', ['--check', notABackup], { databaseUri: 'mongodb://127.0.0.1:1/nowhere', uploadsDir: workDir })
    expect(refused.status).toBe(1)
    expect(refused.output).toMatch(/it has no manifest/)

    const missing = run('restore', [], { databaseUri: 'mongodb://127.0.0.1:1/nowhere', uploadsDir: workDir })
    expect(missing.status).toBe(2)
    expect(missing.output).toMatch(/Name the archive to restore/)
    expect(MANIFEST_ENTRY).toBe('manifest.json')
  }, 200_000)

  it.each([
    ['a symbolic link', { linkname: '/etc/passwd', name: 'uploads/innocent.png', type: 'symlink' as const }],
    ['a folder', { name: 'uploads/nested', type: 'directory' as const }],
    ['a hard link', { linkname: 'manifest.json', name: 'uploads/copy.png', type: 'link' as const }],
  ])('refuses an archive that holds %s, whatever its manifest says, and writes nothing', async (_kind, header) => {
    const crafted = path.join(workDir, `crafted-${header.type}.tar.gz`)
    const packer = tarPack()
    const written = pipeline(packer, createGzip(), fs.createWriteStream(crafted))
    packer.entry(header)
    packer.entry({ name: MANIFEST_ENTRY }, '{}')
    packer.finalize()
    await written
    const refused = run('restore', ['--check', crafted], { databaseUri: 'mongodb://127.0.0.1:1/nowhere', uploadsDir: workDir })
    expect(refused.status).toBe(1)
    expect(refused.output).toMatch(/not a regular file/)
  }, 60_000)
})
