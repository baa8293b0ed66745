/**
 * How wide a text shows in a search result, in the width of a Latin letter.
 * Search engines cut titles and descriptions by their width on screen, not
 * by their number of characters, and a Chinese character (or any CJK or
 * full-width one) takes about the room of two Latin letters: a 60-character
 * English title fits where about 30 Chinese characters do. Plain code, no
 * imports, so the admin UI's length guidance and the server's excerpts
 * count the same way.
 */

/** Characters that take two columns: CJK scripts, Hangul, full-width forms and CJK punctuation. */
const WIDE = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA960-\uA97F\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|[\u{20000}-\u{3FFFD}]/u

/** The width of one character (a code point). */
export function characterWidth(character: string): number {
  return WIDE.test(character) ? 2 : 1
}

/** The width of a text: Latin letters count 1, Chinese characters 2. */
export function displayWidth(text: string): number {
  let width = 0
  for (const character of text) width += characterWidth(character)
  return width
}

/** The ranges editors are guided to, in widths (a Chinese character counts 2). */
export const TITLE_WIDTH = { ideal: { max: 60, min: 30 } } as const
export const DESCRIPTION_WIDTH = { ideal: { max: 160, min: 70 } } as const

export type LengthVerdict = 'empty' | 'good' | 'too-long' | 'too-short'

/** Where a text's width falls against the ideal range. */
export function lengthVerdict(width: number, ideal: { max: number; min: number }): LengthVerdict {
  if (width === 0) return 'empty'
  if (width < ideal.min) return 'too-short'
  if (width > ideal.max) return 'too-long'
  return 'good'
}

/**
 * A text cut to at most `maxWidth`, whitespace collapsed: at the last space
 * before the limit for text with spaces (so no word is cut), anywhere in
 * text without them (Chinese), with "…" when something was left out.
 */
export function excerpt(text: string, maxWidth: number): string {
  const collapsed = text.replace(/\s+/g, ' ').trim()
  if (displayWidth(collapsed) <= maxWidth) return collapsed
  const room = maxWidth - 1
  let width = 0
  let cut = 0
  let lastSpace = -1
  for (const character of collapsed) {
    const next = width + characterWidth(character)
    if (next > room) break
    if (character === ' ') lastSpace = cut
    width = next
    cut += character.length
  }
  // Cut at a space only when it keeps most of the text (a long word or a Chinese sentence has none near the end).
  const end = lastSpace > cut / 2 ? lastSpace : cut
  return `${collapsed.slice(0, end).replace(/[\s,.;:，。；：、]+$/u, '')}…`
}
