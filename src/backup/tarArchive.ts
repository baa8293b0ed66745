import { once } from 'node:events'
import { Readable, type Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

import { extract as tarExtract, pack as tarPack, type Pack } from 'tar-stream'

/**
 * Backup archives are tar files (written and read with `tar-stream`, the
 * streaming tar library many tools build on), with the checks a backup needs
 * on top: regular files only, every entry exactly the size it announces,
 * and any damage reported as an ArchiveFormatError. Entries are streamed,
 * so none has to fit in memory. The archives open with the usual tools
 * (`tar -tzf backup.tar.gz`).
 */

/** The archive is not a well-formed tar archive (corrupted, truncated or something else). */
export class ArchiveFormatError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ArchiveFormatError'
  }
}

/** What a tar entry's header can hold (11 octal digits); pax headers would allow more, but no backup entry comes near. */
const MAX_SIZE = 8 ** 11 - 1

/** Writes entries to a stream (typically a gzip stream in front of a file), waiting when it is full. */
export class TarWriter {
  private readonly pack: Pack = tarPack()
  private readonly mtime = new Date(Math.floor(Date.now() / 1000) * 1000)
  private readonly written: Promise<void>

  constructor(output: Writable) {
    this.written = pipeline(this.pack, output)
    // Reported by the next write or by finish(); never unhandled in between.
    this.written.catch(() => undefined)
  }

  private header(name: string, size: number) {
    if (size > MAX_SIZE) throw new Error(`${name}: ${size} bytes is more than a tar entry holds`)
    return { mode: 0o644, mtime: this.mtime, name, size, type: 'file' as const }
  }

  /** Fails at once when the output has failed (a full disk), instead of writing on into nothing. */
  private async checkOutput(): Promise<void> {
    if (this.pack.destroyed) await this.written
  }

  /** Adds an entry held in memory. */
  async add(name: string, data: Buffer): Promise<void> {
    await this.checkOutput()
    await new Promise<void>((resolve, reject) => {
      this.pack.entry(this.header(name, data.length), data, (error) => (error ? reject(error) : resolve()))
    })
  }

  /**
   * Adds an entry of `size` bytes read from `source`. Fails when the source
   * gives more or fewer bytes than announced (a file changed while read).
   */
  async addStream(name: string, size: number, source: AsyncIterable<Buffer>, onChunk?: (chunk: Buffer) => void): Promise<void> {
    await this.checkOutput()
    let entry!: Writable
    const entryDone = new Promise<void>((resolve, reject) => {
      entry = this.pack.entry(this.header(name, size), (error) => (error ? reject(error) : resolve())) as unknown as Writable
    })
    entryDone.catch(() => undefined)
    let count = 0
    try {
      for await (const chunk of source) {
        count += chunk.length
        if (count > size) throw new Error(`${name} grew while it was being read`)
        onChunk?.(chunk)
        if (!entry.write(chunk)) await Promise.race([once(entry, 'drain'), this.written.then(() => undefined)])
        await this.checkOutput()
      }
      if (count !== size) throw new Error(`${name} shrank while it was being read`)
    } catch (error) {
      entry.destroy(error as Error)
      this.pack.destroy(error as Error)
      throw error
    }
    entry.end()
    await entryDone
  }

  /** Writes the end-of-archive marker and waits until the output has taken everything. */
  async finish(): Promise<void> {
    this.pack.finalize()
    await this.written
  }
}

export type TarEntry = {
  /** The entry's bytes in pieces; read them before asking for the next entry (what is left unread is skipped). */
  body: AsyncIterable<Buffer>
  name: string
  size: number
}

/**
 * The regular-file entries of a tar stream, in order. Fails with an
 * ArchiveFormatError on a damaged header (its checksum), a truncated
 * archive, or an entry of another kind (a link, a folder, a device).
 */
export async function* readTar(source: AsyncIterable<Buffer>): AsyncGenerator<TarEntry> {
  const extractor = tarExtract()
  const input = Readable.from(source)
  input.on('error', (error) => extractor.destroy(error))
  input.pipe(extractor)
  try {
    for await (const entry of extractor) {
      const { name, size = 0, type } = entry.header
      if (type !== 'file') throw new ArchiveFormatError(`the archive holds an entry that is not a regular file: ${name}`)
      yield { body: entry as AsyncIterable<Buffer>, name, size }
      // Whatever the reader left unread is skipped, so the next header can be reached.
      entry.resume()
    }
  } catch (error) {
    if (error instanceof ArchiveFormatError) throw error
    throw new ArchiveFormatError(`the archive is damaged or truncated (${(error as Error).message})`)
  } finally {
    input.destroy()
    extractor.destroy()
  }
}
