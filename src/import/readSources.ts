import fs from 'node:fs/promises'
import path from 'node:path'
import { unzipSync } from 'fflate'

import type { ImportSource } from './importLegacyPages'

/** What a saved page of the old site is called: text or HTML. */
export const PAGE_EXTENSIONS = new Set(['.htm', '.html', '.shtml', '.txt'])
export const ZIP_EXTENSION = '.zip'

/** Limits on what a zip may unpack to, so a small upload cannot fill the server's memory. */
const MAX_ENTRY_BYTES = 20 * 1024 * 1024
const MAX_TOTAL_BYTES = 200 * 1024 * 1024

/** Something given to import that cannot be read at all (a missing file, a broken zip): the run stops before it starts. */
export class SourceError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SourceError'
  }
}

const isHidden = (name: string) => name.split('/').some((part) => part.startsWith('.') || part === '__MACOSX')
const isPage = (name: string) => PAGE_EXTENSIONS.has(path.extname(name).toLowerCase())

/**
 * The saved pages inside a zip, each named `<zip name>/<path inside>`, in the
 * zip's order; folders, hidden files and files that are not pages (the
 * images a browser saves next to a page) are left out. With `listOnly` the
 * pages are listed (their bytes left empty) without unpacking anything.
 */
export function readZip(name: string, bytes: Uint8Array, { listOnly = false } = {}): ImportSource[] {
  let total = 0
  const listed: string[] = []
  let entries: Record<string, Uint8Array>
  try {
    entries = unzipSync(bytes, {
      filter: (file) => {
        if (file.name.endsWith('/') || isHidden(file.name) || !isPage(file.name)) return false
        if (file.originalSize > MAX_ENTRY_BYTES) {
          throw new SourceError(`${name}: ${file.name} unpacks to more than ${MAX_ENTRY_BYTES / 1024 / 1024} MB; no saved page is that large`)
        }
        total += file.originalSize
        if (total > MAX_TOTAL_BYTES) {
          throw new SourceError(`${name} unpacks to more than ${MAX_TOTAL_BYTES / 1024 / 1024} MB of pages: split it into smaller zips`)
        }
        listed.push(file.name)
        return !listOnly
      },
    })
  } catch (error) {
    if (error instanceof SourceError) throw error
    throw new SourceError(`${name} is not a readable zip archive (${error instanceof Error ? error.message : String(error)})`)
  }
  if (listed.length === 0) throw new SourceError(`${name} holds no saved pages (.txt, .htm or .html files)`)
  return listed.map((entry) => ({ bytes: entries[entry] ?? new Uint8Array(), name: `${name}/${entry}` }))
}

async function readFolder(folder: string): Promise<ImportSource[]> {
  const found: ImportSource[] = []
  const entries = (await fs.readdir(folder, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue
    const full = path.join(folder, entry.name)
    if (entry.isDirectory()) found.push(...(await readFolder(full)))
    else if (entry.isFile() && isPage(entry.name)) found.push({ bytes: await fs.readFile(full), name: full })
    else if (entry.isFile() && path.extname(entry.name).toLowerCase() === ZIP_EXTENSION) found.push(...readZip(full, await fs.readFile(full)))
  }
  return found
}

/**
 * The pages named on the command line: files as given (whatever their
 * extension: a file named explicitly is meant to be a page), folders with
 * their pages and zips, recursively, in name order, and zips unpacked.
 */
export async function readSources(paths: readonly string[]): Promise<ImportSource[]> {
  const found: ImportSource[] = []
  for (const given of paths) {
    const stat = await fs.stat(given).catch(() => undefined)
    if (!stat) throw new SourceError(`${given}: no such file or folder`)
    if (stat.isDirectory()) {
      const inFolder = await readFolder(given)
      if (inFolder.length === 0) throw new SourceError(`${given}: the folder holds no saved pages (.txt, .htm, .html or .zip files)`)
      found.push(...inFolder)
    } else if (path.extname(given).toLowerCase() === ZIP_EXTENSION) {
      found.push(...readZip(given, await fs.readFile(given)))
    } else {
      found.push({ bytes: await fs.readFile(given), name: given })
    }
  }
  // A page named on its own and inside a folder that is named too is read once.
  const seen = new Set<string>()
  return found.filter((source) => {
    const key = source.name.includes('.zip/') ? source.name : path.resolve(source.name)
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
