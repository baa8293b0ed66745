import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { createBackup } from '../../src/backup/createBackup'
import { RestoreRefusedError, restoreBackup, verifyBackup } from '../../src/backup/restoreBackup'
import { logger } from '../../src/lib/logger'
import type { Media } from '../../src/payload-types'
import { readObjectStorageSettings } from '../../src/storage/settings'
import { filesUnder, onePagePdf, photo, uploadForm } from '../helpers/mediaFiles'
import { startObjectStorage, type ObjectStorage } from '../helpers/objectStorage'
import { runProjectScript } from '../helpers/projectScript'
import { createStaffAccount } from '../helpers/staffAccounts'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'
import { testDatabaseUri } from '../helpers/testDatabase'

/**
 * Backups and restores with the media in object storage: `npm run backup`
 * holds every object of the bucket's folder, `npm run restore` puts them back
 * into an empty bucket with their content types, and an archive moves
 * between the uploads folder and the bucket either way.
 */

const PREFIX = 'media'
let storage: ObjectStorage
let suite: SuiteContext
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-cms-s3-backup-'))
let archive: string
let sourceKeys: string[]

beforeAll(async () => {
  storage = await startObjectStorage({ prefix: PREFIX })
  suite = await startPayloadForSuite('object-storage-backup', { objectStorage: storage })
  await createStaffAccount(suite, 'admin', 'backup')
  const editor = await createStaffAccount(suite, 'editor', 'backup')
  for (const [bytes, filename, type] of [
    [await photo({ height: 700, width: 1000 }, 'jpeg'), 'kept-in-bucket.jpg', 'image/jpeg'],
    [onePagePdf('Minutes kept in the bucket'), 'minutes.pdf', 'application/pdf'],
  ] as const) {
    const response = await suite.rest.post('/api/media', { body: uploadForm({ bytes, filename, type }, { alt: filename }), token: editor.token })
    if (response.status !== 201) throw new Error(`upload failed (${response.status}): ${await response.text()}`)
  }
  sourceKeys = await storage.keys()
}, 180_000)

afterAll(async () => {
  await suite?.close()
  await storage?.stop()
  fs.rmSync(workDir, { force: true, recursive: true })
})

const s3Settings = (env: Record<string, string>) => {
  const settings = readObjectStorageSettings(env)
  if (!settings) throw new Error('no bucket in these settings')
  return settings
}

describe('npm run backup and npm run restore with S3_BUCKET set', () => {
  it('the backup holds every object of the bucket folder, with its size, checksum and content type', async () => {
    const result = runProjectScript('backup', ['--out', workDir], { databaseUri: suiteDatabaseUri(), env: storage.env })
    expect(result.status).toBe(0)
    expect(result.stdout).toContain(`uploads (s3://${storage.bucket}/${PREFIX}`)
    archive = path.join(workDir, fs.readdirSync(workDir).find((name) => name.endsWith('.tar.gz')) as string)
    const manifest = await verifyBackup(archive)
    expect(manifest.uploads.storage).toEqual({ bucket: storage.bucket, kind: 's3', prefix: PREFIX })
    expect(manifest.uploads.files.map((file) => file.path).sort()).toEqual(sourceKeys.map((key) => `uploads/${key.slice(PREFIX.length + 1)}`).sort())
    const pdf = manifest.uploads.files.find((file) => file.path === 'uploads/minutes.pdf')
    expect(pdf?.contentType).toBe('application/pdf')
    expect(manifest.collections.find((collection) => collection.name === 'media')?.documents).toBe(2)
  }, 180_000)

  it('restore puts every object back into an empty bucket, with its content type, and refuses a bucket that is not empty', async () => {
    const archivePath = archive
    const target = await storage.anotherBucket()
    const summary = await restoreBackup({ archivePath, databaseUri: testDatabaseUri('s3-restore'), logger, storage: s3Settings(target), uploadsDir: fs.mkdtempSync(path.join(workDir, 'unused-')) })
    expect(summary.files).toBe(sourceKeys.length)
    expect(await storage.keys(target.S3_BUCKET)).toEqual(sourceKeys)
    for (const key of sourceKeys) {
      const [restored, original] = [await storage.read(key, target.S3_BUCKET), await storage.read(key)]
      expect({ key, same: restored.bytes.equals(original.bytes), type: restored.contentType }).toEqual({ key, same: true, type: original.contentType })
    }

    // The same archive again, into the bucket it filled: refused, nothing written.
    await expect(
      restoreBackup({ archivePath, databaseUri: testDatabaseUri('s3-restore-again'), logger, storage: s3Settings(target), uploadsDir: workDir }),
    ).rejects.toThrow(new RegExp(`not empty.*holds ${sourceKeys.length} object\\(s\\)`))
  }, 180_000)

  it('restores a backup of the bucket into an uploads folder, and one of an uploads folder into the bucket', async () => {
    const uploadsDir = fs.mkdtempSync(path.join(workDir, 'local-'))
    const local = await restoreBackup({ archivePath: archive, databaseUri: testDatabaseUri('s3-to-local'), logger, storage: null, uploadsDir })
    expect(local.files).toBe(sourceKeys.length)
    expect(filesUnder(uploadsDir)).toEqual(sourceKeys.map((key) => key.slice(PREFIX.length + 1)).sort())

    // Back from the uploads folder (a backup of local storage) into a bucket: below its S3_PREFIX.
    const localDatabase = testDatabaseUri('local-source')
    await restoreBackup({ archivePath: archive, databaseUri: localDatabase, logger, storage: null, uploadsDir: fs.mkdtempSync(path.join(workDir, 'local-source-')) })
    const { archivePath: localArchive, manifest } = await createBackup({ databaseUri: localDatabase, logger, outDir: fs.mkdtempSync(path.join(workDir, 'local-archive-')), storage: null, uploadsDir })
    expect(manifest.uploads.storage).toEqual({ kind: 'local' })
    const target = await storage.anotherBucket()
    await restoreBackup({ archivePath: localArchive, databaseUri: testDatabaseUri('local-to-s3'), logger, storage: s3Settings(target), uploadsDir: workDir })
    expect(await storage.keys(target.S3_BUCKET)).toEqual(sourceKeys)
    expect((await storage.read(`${PREFIX}/minutes.pdf`, target.S3_BUCKET)).contentType).toBe('application/pdf')
  }, 180_000)

  it('refuses a backup of the bucket into another S3_PREFIX, which its media documents do not name, writing nothing', async () => {
    const target = await storage.anotherBucket()
    const error = await restoreBackup({
      archivePath: archive,
      databaseUri: testDatabaseUri('other-prefix'),
      logger,
      storage: s3Settings({ ...target, S3_PREFIX: 'elsewhere' }),
      uploadsDir: workDir,
    }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(RestoreRefusedError)
    expect((error as Error).message).toMatch(/restore with S3_PREFIX=media/)
    expect(await storage.keys(target.S3_BUCKET)).toEqual([])
  })

  it('npm run restore puts the objects back into an empty bucket, at the keys the media documents name', async () => {
    const target = await storage.anotherBucket()
    const databaseUri = testDatabaseUri('script-restore')
    const result = runProjectScript('restore', [archive], { databaseUri, env: target })
    expect(result.status).toBe(0)
    expect(result.stdout).toContain(`into s3://${target.S3_BUCKET}/${PREFIX}`)
    expect(await storage.keys(target.S3_BUCKET)).toEqual(sourceKeys)

    // Every file a media document names is in the bucket.
    const media = (await suite.payload.find({ collection: 'media', depth: 0, limit: 0, overrideAccess: true })).docs as Media[]
    for (const doc of media) expect(await storage.keys(target.S3_BUCKET)).toContain(`${PREFIX}/${doc.filename}`)
  }, 180_000)
})

/** The suite's database, as its Payload connected to it. */
function suiteDatabaseUri(): string {
  return process.env.DATABASE_URI as string
}
