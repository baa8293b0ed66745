/**
 * `npm run restore -- <archive>`: restores an archive written by
 * `npm run backup` into an empty database and an empty uploads folder.
 * `--check` only verifies the archive. See docs/backup.md.
 *
 * Joins the database the same way as `npm run migrate` (scripts/lib/runScript.ts).
 * Exit code 0 on success, 1 when the restore is refused or fails (nothing is
 * left written), 2 for a wrong command line.
 */
import { parseArgs } from 'node:util'

import { uploadsDir } from '../src/lib/projectPaths'
import { runScript, withDatabase } from './lib/runScript'

const USAGE = `Usage: npm run restore -- [options] <archive>

Restores a backup archive (written by npm run backup) into an empty
database and an empty uploads folder (with S3_BUCKET set: an empty folder
S3_PREFIX of the bucket): refused when either holds anything.
The whole archive is checked against its manifest (sizes, SHA-256) before
anything is written.

Options:
  --check  only verify the archive; write nothing, connect to no database
  --help   this text`

async function main(): Promise<number> {
  let archive: string
  let checkOnly: boolean
  try {
    const { positionals, values } = parseArgs({
      allowPositionals: true,
      args: process.argv.slice(2),
      options: { check: { type: 'boolean' }, help: { type: 'boolean' } },
    })
    if (values.help) {
      console.log(USAGE)
      return 0
    }
    if (positionals.length !== 1) throw new Error(positionals.length === 0 ? 'Name the archive to restore.' : 'Name one archive only.')
    archive = positionals[0]
    checkOnly = Boolean(values.check)
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`)
    return 2
  }

  const { RestoreRefusedError, restoreBackup, verifyBackup } = await import('../src/backup/restoreBackup')
  const refused = (error: unknown): number => {
    if (!(error instanceof RestoreRefusedError)) throw error
    console.error(error.message)
    return 1
  }
  if (checkOnly) {
    try {
      const manifest = await verifyBackup(archive)
      const documents = manifest.collections.reduce((sum, collection) => sum + collection.documents, 0)
      console.log(
        `${archive} is whole: database ${manifest.database.name} of ${manifest.createdAt}, ` +
          `${manifest.collections.length} collections, ${documents} documents, ${manifest.uploads.files.length} files.`,
      )
      return 0
    } catch (error) {
      return refused(error)
    }
  }
  const { describeObjectStorage, readObjectStorageSettings } = await import('../src/storage/settings')
  return withDatabase(async ({ database, logger }) => {
    const started = Date.now()
    const storage = readObjectStorageSettings()
    try {
      const summary = await restoreBackup({ archivePath: archive, databaseUri: database.uri, logger, storage, uploadsDir: uploadsDir() })
      const seconds = ((Date.now() - started) / 1000).toFixed(1)
      console.log(
        `Restored in ${seconds} s: the backup of database ${summary.manifest.database.name} made ${summary.manifest.createdAt}\n` +
          `  ${summary.collections} collections, ${summary.documents} documents, ${summary.indexes} indexes\n` +
          `  ${summary.files} files (${summary.bytes} bytes) into ${storage ? describeObjectStorage(storage) : uploadsDir()}`,
      )
      return 0
    } catch (error) {
      return refused(error)
    }
  })
}

runScript('Restore', main)
