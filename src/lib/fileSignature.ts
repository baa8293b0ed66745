/**
 * Tells what a file is from its first bytes (its "magic number"), never from
 * its name or the type a client declares. Only the types the media library
 * accepts are recognised; anything else is `undefined`.
 */

export type MediaFileType = {
  /** The extension the stored file gets. */
  extension: 'avif' | 'gif' | 'jpg' | 'pdf' | 'png' | 'webp'
  /** Whether it is a picture (resized into image sizes) rather than a document. */
  image: boolean
  /** A short name for messages. */
  label: 'AVIF' | 'GIF' | 'JPEG' | 'PDF' | 'PNG' | 'WebP'
  mimeType: 'application/pdf' | 'image/avif' | 'image/gif' | 'image/jpeg' | 'image/png' | 'image/webp'
}

/** How many leading bytes the detector needs to see. */
export const SIGNATURE_BYTES = 64

export const ACCEPTED_MEDIA_TYPES = 'JPEG, PNG, WebP, AVIF, GIF or PDF'

const JPEG: MediaFileType = { extension: 'jpg', image: true, label: 'JPEG', mimeType: 'image/jpeg' }
const PNG: MediaFileType = { extension: 'png', image: true, label: 'PNG', mimeType: 'image/png' }
const GIF: MediaFileType = { extension: 'gif', image: true, label: 'GIF', mimeType: 'image/gif' }
const WEBP: MediaFileType = { extension: 'webp', image: true, label: 'WebP', mimeType: 'image/webp' }
const AVIF: MediaFileType = { extension: 'avif', image: true, label: 'AVIF', mimeType: 'image/avif' }
const PDF: MediaFileType = { extension: 'pdf', image: false, label: 'PDF', mimeType: 'application/pdf' }

/** Every MIME type the detector can answer with. */
export const MEDIA_MIME_TYPES = [JPEG, PNG, WEBP, AVIF, GIF, PDF].map(({ mimeType }) => mimeType)

/** Every extension a stored file can have. */
export const MEDIA_FILE_EXTENSIONS = [JPEG, PNG, WEBP, AVIF, GIF, PDF].map(({ extension }) => extension)

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false
  return signature.every((byte, index) => bytes[offset + index] === byte)
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, Math.min(end, bytes.length)))
}

/**
 * AVIF is an ISO base media file: a `ftyp` box whose major or compatible
 * brands include `avif` (still image) or `avis` (image sequence).
 */
function isAvif(bytes: Uint8Array): boolean {
  if (ascii(bytes, 4, 8) !== 'ftyp') return false
  const boxSize = ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0
  if (boxSize < 16 || boxSize % 4 !== 0) return false
  const end = Math.min(boxSize, bytes.length)
  const brands = [ascii(bytes, 8, 12)]
  for (let offset = 16; offset + 4 <= end; offset += 4) brands.push(ascii(bytes, offset, offset + 4))
  return brands.includes('avif') || brands.includes('avis')
}

/** The accepted type the bytes are, or undefined. */
export function detectMediaFileType(bytes: Uint8Array): MediaFileType | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return JPEG
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG
  const head = ascii(bytes, 0, 12)
  if (head.startsWith('GIF87a') || head.startsWith('GIF89a')) return GIF
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return WEBP
  if (head.startsWith('%PDF-')) return PDF
  if (isAvif(bytes)) return AVIF
  return undefined
}

/** A control character that plain text does not contain (tab, newlines and form feed are fine). */
function isBinaryControl(character: string): boolean {
  const code = character.charCodeAt(0)
  return code < 0x09 || (code > 0x0d && code < 0x20)
}

/**
 * For a refusal message: what a file of an unaccepted type looks like it is
 * (markup such as SVG or HTML, a script, plain text), or undefined.
 */
export function describeUnacceptedFile(bytes: Uint8Array): string | undefined {
  const text = new TextDecoder('utf-8', { fatal: false })
    .decode(bytes.subarray(0, 1024))
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase()
  if (text.startsWith('<')) {
    if (text.includes('<svg')) return 'an SVG image (SVG can carry scripts)'
    if (/<(!doctype html|html|head|body|script|iframe)\b/.test(text)) return 'HTML'
    return 'XML or other markup'
  }
  if (text.startsWith('#!')) return 'a script'
  if (text.length > 0 && ![...text].some(isBinaryControl)) return 'text'
  return undefined
}
