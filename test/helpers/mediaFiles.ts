import fs from 'node:fs'
import path from 'node:path'
import { crc32, deflateSync } from 'node:zlib'
import sharp from 'sharp'

/**
 * Real files for upload tests, made in memory: images encoded by sharp, and
 * files written byte by byte where the point is what an encoder would never
 * produce (a tiny PNG claiming enormous dimensions, a GIF with thousands of
 * frames, a PDF cut short).
 */

export type UploadFile = { bytes: Uint8Array; filename: string; type: string }

/** A noisy colour gradient: real content for encoders and resizers. */
export async function photo(
  { height, width }: { height: number; width: number },
  format: 'avif' | 'gif' | 'jpeg' | 'png' | 'webp',
): Promise<Buffer> {
  const channels = 3
  const pixels = Buffer.alloc(width * height * channels)
  let seed = 7_919
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff
      const noise = (seed >> 16) % 32
      const offset = (y * width + x) * channels
      pixels[offset] = Math.min(255, Math.floor((x / width) * 220) + noise)
      pixels[offset + 1] = Math.min(255, Math.floor((y / height) * 220) + noise)
      pixels[offset + 2] = 120 + noise
    }
  }
  return sharp(pixels, { raw: { channels, height, width } }).toFormat(format).toBuffer()
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const checksum = Buffer.alloc(4)
  checksum.writeUInt32BE(crc32(typeAndData))
  return Buffer.concat([length, typeAndData, checksum])
}

/**
 * A PNG whose header claims width × height RGB pixels but whose image data
 * holds only a few rows: a few hundred bytes that would need gigabytes to decode.
 */
export function pngClaimingDimensions(width: number, height: number): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bit depth
  header[9] = 2 // truecolour
  const rows = Buffer.alloc(4 * (1 + width * 3)) // four rows of black, filter byte 0
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(rows, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
}

function uint16le(value: number): number[] {
  return [value & 0xff, (value >> 8) & 0xff]
}

/**
 * An animated GIF of `frames` frames on a screen of width × height, each
 * frame a single pixel: a few bytes per frame, however many frames.
 */
export function animatedGif(frames: number, { height, width }: { height: number; width: number } = { height: 1, width: 1 }): Buffer {
  const bytes: number[] = [...Buffer.from('GIF89a', 'latin1'), ...uint16le(width), ...uint16le(height)]
  bytes.push(0x80, 0, 0) // a global colour table of two colours
  bytes.push(0x20, 0x40, 0x80, 0xf0, 0xe0, 0xd0)
  bytes.push(0x21, 0xff, 0x0b, ...Buffer.from('NETSCAPE2.0', 'latin1'), 0x03, 0x01, 0x00, 0x00, 0x00) // loop forever
  for (let frame = 0; frame < frames; frame++) {
    bytes.push(0x21, 0xf9, 0x04, 0x00, 0x0a, 0x00, 0x00, 0x00) // 0.1 s per frame
    bytes.push(0x2c, 0, 0, 0, 0, ...uint16le(1), ...uint16le(1), 0x00) // a 1×1 frame at the corner
    // LZW, 2-bit codes: clear (4), colour index frame % 2, end (5), packed as 3-bit codes.
    const codes = 4 | ((frame % 2) << 3) | (5 << 6)
    bytes.push(0x02, 0x02, codes & 0xff, codes >> 8, 0x00)
  }
  bytes.push(0x3b)
  return Buffer.from(bytes)
}

/** A small, well-formed one-page PDF with a line of text. */
export function onePagePdf(text: string): Buffer {
  const stream = `BT /F1 24 Tf 72 720 Td (${text.replace(/[()\\]/g, '')}) Tj ET`
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]
  let body = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((object, index) => {
    offsets.push(body.length)
    body += `${index + 1} 0 obj\n${object}\nendobj\n`
  })
  const xref = body.length
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(body, 'latin1')
}

/** A multipart body as the admin UI sends it: the file and the other fields as JSON. */
export function uploadForm(file: UploadFile, fields: Record<string, unknown>): FormData {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.filename)
  form.append('_payload', JSON.stringify(fields))
  return form
}

/** Every file under the uploads folder, sub-folders included, as relative paths. */
export function filesUnder(directory: string): string[] {
  if (!fs.existsSync(directory)) return []
  return (fs.readdirSync(directory, { recursive: true }) as string[])
    .filter((entry) => fs.statSync(path.join(directory, entry)).isFile())
    .sort()
}
