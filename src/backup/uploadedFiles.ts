import fs from 'node:fs'
import path from 'node:path'

/**
 * Every regular file under the uploads folder, as sorted relative paths with
 * `/` separators. Hidden files (a name starting with a dot, like `.gitkeep`)
 * are not uploads and are left out; so are symbolic links.
 */
export function uploadedFiles(uploadsDir: string): string[] {
  const found: string[] = []
  const walk = (relative: string) => {
    const entries = fs.readdirSync(path.join(uploadsDir, relative), { withFileTypes: true })
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue
      const child = relative ? `${relative}/${entry.name}` : entry.name
      if (entry.isDirectory()) walk(child)
      else if (entry.isFile()) found.push(child)
    }
  }
  if (fs.existsSync(uploadsDir)) walk('')
  return found.sort()
}
