/**
 * `npm run backup -- [--out <folder>]`: writes one dated archive of the
 * whole database and the uploads folder (or the media bucket). See docs/backup.md.
 *
 * Joins the database the same way as `npm run migrate` (scripts/lib/runScript.ts).
 * Exit code 0 on success, 1 on failure, 2 for a wrong command line.
 */
import path from 'node:path'
import { parseArgs } from 'node:util'

import { backupsDir, uploadsDir } from '../src/lib/projectPaths'
import { runScript, withDatabase } from './lib/runScript'

const USAGE = `Usage: npm run backup -- [options]

Writes one archive (.tar.gz, named after the database and the UTC time) of
every collection of the database, with its indexes, and every file under
the uploads folder (with S3_BUCKET set: every object below S3_PREFIX in the
bucket), with a manifest of sizes and SHA-256 sums.

Options:
  --out <folder>  where to write the archive (default: BACKUP_DIR, or backups/)
  --help          this text`

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`
}

async function main(): Promise<number> {
  let out: string | undefined
  try {
    const { positionals, values } = parseArgs({
      allowPositionals: true,
      args: process.argv.slice(2),
      options: { help: { type: 'boolean' }, out: { type: 'string' } },
    })
    if (values.help) {
      console.log(USAGE)
      return 0
    }
    if (positionals.length > 0) throw new Error(`Unexpected argument '${positionals[0]}'`)
    out = values.out
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`)
    return 2
  }

  const { createBackup } = await import('../src/backup/createBackup')
  const { describeObjectStorage, readObjectStorageSettings } = await import('../src/storage/settings')
  return withDatabase(async ({ database, logger }) => {
    const started = Date.now()
    // Read after the environment (and .env) is loaded: S3_BUCKET set means the media are in the bucket.
    const storage = readObjectStorageSettings()
    const { archivePath, bytes, manifest } = await createBackup({
      databaseUri: database.uri,
      logger,
      // Read after the environment (and .env) is loaded.
      outDir: out ? path.resolve(out) : backupsDir(),
      storage,
      uploadsDir: uploadsDir(),
    })
    const documents = manifest.collections.reduce((sum, collection) => sum + collection.documents, 0)
    const seconds = ((Date.now() - started) / 1000).toFixed(1)
    console.log(
      `Backup written in ${seconds} s: ${archivePath} (${formatBytes(bytes)})\n` +
        `  database ${manifest.database.name}: ${manifest.collections.length} collections, ${documents} documents` +
        ` (${manifest.database.consistency === 'snapshot' ? 'one snapshot' : 'no snapshot: see docs/backup.md'})\n` +
        `  uploads${storage ? ` (${describeObjectStorage(storage)})` : ''}: ${manifest.uploads.files.length} files, ${formatBytes(manifest.uploads.bytes)}`,
    )
    return 0
  })
}

runScript('Backup', main)
