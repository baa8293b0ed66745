import type { Writable } from 'node:stream'

/**
 * A small writer and reader of tar archives (POSIX ustar, with pax headers
 * for long or non-ASCII names), enough for backup archives: regular files
 * only, written and read as streams so that no entry has to fit in memory.
 * The archives open with the usual tools (`tar -tzf backup.tar.gz`).
 */

const BLOCK = 512
const MAX_SIZE = 8 ** 11 - 1 // what the 11 octal digits of the size field hold

/** The archive is not a well-formed tar archive (corrupted, truncated or something else). */
export class ArchiveFormatError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ArchiveFormatError'
  }
}

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`
}

function header(name: string, size: number, type: '0' | 'x', mtime: number): Buffer {
  const block = Buffer.alloc(BLOCK)
  block.write(name, 0, 100, 'utf8')
  block.write(octal(0o644, 8), 100, 'ascii')
  block.write(octal(0, 8), 108, 'ascii')
  block.write(octal(0, 8), 116, 'ascii')
  block.write(octal(size, 12), 124, 'ascii')
  block.write(octal(mtime, 12), 136, 'ascii')
  block.fill(' ', 148, 156)
  block.write(type, 156, 'ascii')
  block.write('ustar\u000000', 257, 'ascii')
  let sum = 0
  for (const byte of block) sum += byte
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii')
  return block
}

/** A pax record "<length> <key>=<value>\n", whose length counts itself. */
function paxRecord(key: string, value: string): Buffer {
  const body = ` ${key}=${value}\n`
  const bodyLength = Buffer.byteLength(body)
  let length = bodyLength + 1
  while (String(length).length + bodyLength !== length) length += 1
  return Buffer.from(`${length}${body}`, 'utf8')
}

function padding(size: number): Buffer {
  return Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK)
}

/** Writes entries to a stream (typically a gzip stream in front of a file), waiting when it is full. */
export class TarWriter {
  private readonly mtime = Math.floor(Date.now() / 1000)

  constructor(private readonly output: Writable) {}

  private failure(): Error {
    return this.output.errored ?? new Error('the archive could not be written (its output closed)')
  }

  private write(chunk: Buffer): Promise<void> {
    // A stream destroyed by a failure further down (a full disk) reports it once; later writes would wait forever.
    if (this.output.destroyed) return Promise.reject(this.failure())
    if (this.output.write(chunk)) return Promise.resolve()
    return new Promise((resolve, reject) => {
      const settle = (error?: Error) => {
        this.output.off('drain', onDrain)
        this.output.off('error', onError)
        this.output.off('close', onClose)
        if (error) reject(error)
        else resolve()
      }
      const onDrain = () => settle()
      const onError = (error: Error) => settle(error)
      const onClose = () => settle(this.failure())
      this.output.once('drain', onDrain)
      this.output.once('error', onError)
      this.output.once('close', onClose)
    })
  }

  private async writeHeader(name: string, size: number): Promise<void> {
    if (size > MAX_SIZE) throw new Error(`${name}: ${size} bytes is more than a tar entry holds`)
    const ascii = /^[\x20-\x7e]*$/.test(name)
    if (!ascii || Buffer.byteLength(name) > 100) {
      const pax = paxRecord('path', name)
      await this.write(header('PaxHeader', pax.length, 'x', this.mtime))
      await this.write(pax)
      await this.write(padding(pax.length))
    }
    await this.write(header(ascii ? name.slice(0, 100) : 'entry', size, '0', this.mtime))
  }

  /** Adds an entry held in memory. */
  async add(name: string, data: Buffer): Promise<void> {
    await this.writeHeader(name, data.length)
    await this.write(data)
    await this.write(padding(data.length))
  }

  /**
   * Adds an entry of `size` bytes read from `source`. Fails when the source
   * gives more or fewer bytes than announced (a file changed while read).
   */
  async addStream(name: string, size: number, source: AsyncIterable<Buffer>, onChunk?: (chunk: Buffer) => void): Promise<void> {
    await this.writeHeader(name, size)
    let written = 0
    for await (const chunk of source) {
      written += chunk.length
      if (written > size) throw new Error(`${name} grew while it was being read`)
      onChunk?.(chunk)
      await this.write(chunk)
    }
    if (written !== size) throw new Error(`${name} shrank while it was being read`)
    await this.write(padding(size))
  }

  /** Writes the end-of-archive marker and ends the output stream. */
  async finish(): Promise<void> {
    await this.write(Buffer.alloc(BLOCK * 2))
    await new Promise<void>((resolve, reject) => {
      this.output.once('error', reject)
      this.output.end(() => resolve())
    })
  }
}

/** Reads exact numbers of bytes from a stream of chunks. */
class ByteReader {
  private readonly chunks: Buffer[] = []
  private buffered = 0
  private done = false

  constructor(private readonly source: AsyncIterator<Buffer>) {}

  /** Buffers at least `count` bytes; false when the stream ends first. */
  private async fill(count: number): Promise<boolean> {
    while (this.buffered < count && !this.done) {
      const next = await this.source.next()
      if (next.done) this.done = true
      else if (next.value.length > 0) {
        this.chunks.push(next.value)
        this.buffered += next.value.length
      }
    }
    return this.buffered >= count
  }

  private take(count: number): Buffer {
    const whole = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks)
    this.chunks.length = 0
    const taken = whole.subarray(0, count)
    const rest = whole.subarray(count)
    if (rest.length > 0) this.chunks.push(rest)
    this.buffered = rest.length
    return taken
  }

  /** Exactly `count` bytes, or null at a clean end of the stream; fails on a partial read. */
  async read(count: number, what: string): Promise<Buffer | null> {
    if (await this.fill(count)) return this.take(count)
    if (this.buffered === 0) return null
    throw new ArchiveFormatError(`the archive is truncated (it ends inside ${what})`)
  }

  /** The bytes of an entry in pieces as they arrive; `state.remaining` tells how many are still unread. */
  async *pieces(state: { remaining: number }, what: string): AsyncGenerator<Buffer> {
    while (state.remaining > 0) {
      if (this.buffered === 0 && !(await this.fill(1))) throw new ArchiveFormatError(`the archive is truncated (it ends inside ${what})`)
      const piece = this.take(Math.min(state.remaining, this.buffered))
      state.remaining -= piece.length
      yield piece
    }
  }

  /** Reads and drops `count` bytes. */
  async skip(count: number, what: string): Promise<void> {
    for await (const piece of this.pieces({ remaining: count }, what)) void piece
  }
}

export type TarEntry = {
  /** The entry's bytes in pieces; read them before asking for the next entry (what is left unread is skipped). */
  body: AsyncGenerator<Buffer>
  name: string
  size: number
}

function field(block: Buffer, start: number, length: number): string {
  const raw = block.subarray(start, start + length)
  const end = raw.indexOf(0)
  return raw.subarray(0, end === -1 ? length : end).toString('utf8')
}

function octalField(block: Buffer, start: number, length: number, what: string): number {
  const text = field(block, start, length).trim()
  if (!/^[0-7]+$/.test(text)) throw new ArchiveFormatError(`the archive is damaged: ${what} has an unreadable ${start === 124 ? 'size' : 'checksum'}`)
  return parseInt(text, 8)
}

function checkHeader(block: Buffer, index: number): void {
  const recorded = octalField(block, 148, 8, `entry ${index + 1}`)
  let sum = 0
  for (let offset = 0; offset < BLOCK; offset++) sum += offset >= 148 && offset < 156 ? 0x20 : block[offset]
  if (sum !== recorded) throw new ArchiveFormatError(`the archive is damaged: the header of entry ${index + 1} fails its checksum`)
  if (field(block, 257, 6) !== 'ustar') throw new ArchiveFormatError(`the archive is not a tar archive of the expected kind (entry ${index + 1})`)
}

function paxPath(data: Buffer): string | undefined {
  let path: string | undefined
  let offset = 0
  while (offset < data.length) {
    const space = data.indexOf(0x20, offset)
    const length = parseInt(data.subarray(offset, space).toString('ascii'), 10)
    if (space === -1 || !(length > 0) || offset + length > data.length) throw new ArchiveFormatError('the archive is damaged: an extended header is unreadable')
    const record = data.subarray(space + 1, offset + length - 1).toString('utf8')
    const equals = record.indexOf('=')
    if (record.slice(0, equals) === 'path') path = record.slice(equals + 1)
    offset += length
  }
  return path
}

/**
 * The regular-file entries of a tar stream, in order. Fails with an
 * ArchiveFormatError on a damaged header, an entry of another kind, or an
 * archive that ends before its end-of-archive marker.
 */
export async function* readTar(source: AsyncIterable<Buffer>): AsyncGenerator<TarEntry> {
  const reader = new ByteReader(source[Symbol.asyncIterator]())
  let index = 0
  let longName: string | undefined
  for (;;) {
    const block = await reader.read(BLOCK, 'a header')
    if (!block) throw new ArchiveFormatError('the archive is truncated (no end-of-archive marker)')
    if (block.every((byte) => byte === 0)) return
    checkHeader(block, index)
    const type = field(block, 156, 1) || '0'
    const size = octalField(block, 124, 12, `entry ${index + 1}`)
    const padded = size + ((BLOCK - (size % BLOCK)) % BLOCK)
    if (type === 'x') {
      const data = await reader.read(padded, 'an extended header')
      if (!data) throw new ArchiveFormatError('the archive is truncated (it ends inside an extended header)')
      longName = paxPath(data.subarray(0, size))
      continue
    }
    const prefix = field(block, 345, 155)
    const name = longName ?? (prefix ? `${prefix}/${field(block, 0, 100)}` : field(block, 0, 100))
    longName = undefined
    if (type !== '0') throw new ArchiveFormatError(`the archive holds an entry that is not a regular file: ${name}`)
    const state = { remaining: size }
    yield { body: reader.pieces(state, name), name, size }
    // Whatever the consumer left unread, then the padding to the next block.
    await reader.skip(state.remaining + padded - size, name)
    index += 1
  }
}
