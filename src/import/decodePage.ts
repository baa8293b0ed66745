import { PageError } from './pageError'

export type DecodedPage = { format: 'html' | 'text'; text: string }

/** Files that are not saved pages, told by their first bytes, for a message that says what the file is. */
const SIGNATURES: { bytes: number[]; what: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a zip archive or an Office document' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'a Word or Excel document' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive' },
  { bytes: [0x52, 0x49, 0x46, 0x46], what: 'an image or sound file (RIFF)' },
]

const HAN = /\p{Script=Han}/gu
/** Control characters no saved page contains (tab, new lines and form feed aside). */
function controlCharacters(text: string): number {
  let count = 0
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) || code === 0x7f) count += 1
  }
  return count
}

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((byte, index) => bytes[index] === byte)

function decodeStrictly(bytes: Uint8Array, encoding: string): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes)
  } catch {
    return undefined
  }
}

/** The character set an HTML page declares in a `<meta>` tag, if any. */
function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096))
  return /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1]?.toLowerCase()
}

function isHtml(text: string): boolean {
  const start = text.replace(/^\uFEFF/, '').replace(/^(\s*<!--[\s\S]*?-->)*\s*/, '')
  if (/^<(!doctype\s+html|html|head|body|meta|title)\b/i.test(start)) return true
  return /<\/(p|div|body|html|span|td|li|h[1-6])\s*>/i.test(text) && /<(p|div|br|span|td)\b[^>]*>/i.test(text)
}

function decodeText(bytes: Uint8Array): string {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return new TextDecoder('utf-8').decode(bytes.subarray(3))
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes.subarray(2))
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(bytes.subarray(2))

  const utf8 = decodeStrictly(bytes, 'utf-8')
  if (utf8 !== undefined) return utf8

  // Older Chinese pages were served as GB2312/GBK: use what the page declares, else try GB18030 (a superset of both).
  const declared = declaredCharset(bytes)
  const declaredText = declared ? decodeStrictly(bytes, declared) : undefined
  if (declaredText !== undefined) return declaredText
  const chinese = decodeStrictly(bytes, 'gb18030')
  if (chinese !== undefined && (chinese.match(HAN)?.length ?? 0) > chinese.length / 20) return chinese
  throw new PageError('This is not a saved page: the file is neither UTF-8 nor Chinese (GBK) text. Save the page again as text or HTML.')
}

/**
 * Reads a file as a saved page: text as the browser saves it ("Save as… Text")
 * or HTML, told apart by its content. Empty and binary files are refused with
 * a message saying what they are.
 */
export function decodePage(bytes: Uint8Array): DecodedPage {
  if (bytes.length === 0) throw new PageError('The file is empty.')
  const signature = SIGNATURES.find((candidate) => startsWith(bytes, candidate.bytes))
  if (signature) throw new PageError(`This is not a saved page: the file is ${signature.what}.`)
  const probe = bytes.subarray(0, 8192)
  if (probe.includes(0) && !startsWith(bytes, [0xff, 0xfe]) && !startsWith(bytes, [0xfe, 0xff])) {
    throw new PageError('This is not a saved page: the file holds binary data, not text or HTML.')
  }

  const text = decodeText(bytes)
  if (!text.trim()) throw new PageError('The file is empty: it holds only white space.')
  const controls = controlCharacters(text)
  if (controls > Math.max(2, text.length / 200)) {
    throw new PageError('This is not a saved page: the file holds binary data, not text or HTML.')
  }
  return { format: isHtml(text) ? 'html' : 'text', text: text.replace(/^\uFEFF/, '') }
}
