import path from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Absolute paths of the project's folders. Resolved from this file, so they hold
 * whether the code runs from `src/` (tsx, jest, Payload CLI) or is bundled into
 * `dist/server.js` (the bundle sits one level below the root as well).
 */
const here = path.dirname(fileURLToPath(import.meta.url))

// src/lib -> root when run from source; dist -> root when bundled
export const projectRoot =
  path.basename(here) === 'lib' ? path.resolve(here, '..', '..') : path.resolve(here, '..')

/** Local state that must not be committed: embedded database files, dev secret, built tools. */
export function dataDir(): string {
  return path.resolve(projectRoot, process.env.DATA_DIR || '.data')
}

/**
 * Tools the project builds for itself on first use (the embedded database
 * server): always under the project's own `.data/tools/`, whatever DATA_DIR
 * says, so a temporary data folder does not build them again.
 */
export function toolsDir(): string {
  return path.resolve(projectRoot, '.data', 'tools')
}

export const migrationsDir = path.resolve(projectRoot, 'migrations')

export function uploadsDir(): string {
  return path.resolve(projectRoot, process.env.UPLOADS_DIR ?? 'uploads')
}

/** Where `npm run backup` writes its archives unless told otherwise. */
export function backupsDir(): string {
  return path.resolve(projectRoot, process.env.BACKUP_DIR || 'backups')
}
