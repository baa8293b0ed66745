/** The most bytes (UTF-8) the name before the extension may keep. */
export const MAX_FILENAME_STEM_BYTES = 100

const FALLBACK_STEM = 'upload'

function truncateUtf8(text: string, maxBytes: number): string {
  const encoder = new TextEncoder()
  let result = ''
  let bytes = 0
  for (const character of text) {
    const size = encoder.encode(character).length
    if (bytes + size > maxBytes) break
    result += character
    bytes += size
  }
  return result
}

/**
 * The name an uploaded file is stored under: the client's name without any
 * folders, control characters or characters that mean something to a shell or
 * a URL, at most MAX_FILENAME_STEM_BYTES long, with the extension of the type
 * its bytes are (whatever extension the client gave). Letters of any script
 * (Chinese names too) and digits are kept; anything else becomes "-".
 */
export function safeUploadFilename(clientName: string, extension: string): string {
  const base = clientName.split(/[/\\]/).pop() ?? ''
  const withoutExtension = base.includes('.') ? base.slice(0, base.lastIndexOf('.')) : base
  const stem = withoutExtension
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
  const short = truncateUtf8(stem, MAX_FILENAME_STEM_BYTES).replace(/[-.]+$/, '')
  return `${short || FALLBACK_STEM}.${extension}`
}
