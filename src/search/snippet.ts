import { type ParsedQuery, type Token, tokenize, wordTerm } from './tokenize'

/**
 * Highlighting: the parts of a text that match a query, and a short passage
 * around the best of them, as HTML. Everything is HTML-escaped except the
 * `<mark>…</mark>` elements around matches, so the result can be put into a
 * page as it is. Line breaks and runs of spaces become one space; a passage
 * cut from a longer text starts and/or ends with "…".
 */

type Range = { end: number; start: number }

/** How wide a snippet is: a CJK character counts two columns, anything else one. */
export const SNIPPET_WIDTH = 200
/** How much of the snippet comes before its first match. */
const LEAD_IN = 40
/** Snippet windows tried (one per match, from the first): enough to find a good passage in a long text. */
const MAX_WINDOWS_TRIED = 40

const CJK_WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u

function width(character: string): number {
  return CJK_WIDE.test(character) ? 2 : 1
}

const ESCAPES: Record<string, string> = { '"': '&quot;', '&': '&amp;', "'": '&#39;', '<': '&lt;', '>': '&gt;' }

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character])
}

function mergeRanges(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || b.end - a.end)
  const merged: Range[] = []
  for (const range of sorted) {
    const last = merged.at(-1)
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end)
    else merged.push({ ...range })
  }
  return merged
}

const unitStarts = new WeakMap<Token, Map<number, number>>()

/** Which character of a CJK run starts at a position of its normalised text (undefined: mid-character). */
function unitIndex(run: Token, position: number): number | undefined {
  // Nearly always one UTF-16 unit per character: positions are characters.
  if (run.text.length === run.units.length) return position
  let starts = unitStarts.get(run)
  if (!starts) {
    starts = new Map()
    let offset = 0
    for (const [index, unit] of run.units.entries()) {
      starts.set(offset, index)
      offset += unit.text.length
    }
    unitStarts.set(run, starts)
  }
  return starts.get(position)
}

/**
 * Where a query matches a text (offsets in the text): words with the stem of
 * a query word; for each CJK phrase of the query, its occurrences, or, where
 * the whole phrase does not occur, the occurrences of its character pairs.
 */
export function matchRanges(text: string, query: ParsedQuery): Range[] {
  const ranges: Range[] = []
  const tokens = tokenize(text)
  const cjkRuns = tokens.filter((token) => token.kind === 'cjk')
  // A Porter stem keeps all but at most the last letter of the word's start: words that do not begin so are not stemmed at all.
  const stemStarts = [...query.wordTerms].map((term) => term.slice(0, Math.max(1, term.length - 1)))
  for (const token of tokens) {
    if (token.kind !== 'word' || !stemStarts.some((start) => token.text.startsWith(start))) continue
    const term = wordTerm(token.text)
    if (term && query.wordTerms.has(term)) ranges.push({ end: token.end, start: token.start })
  }
  const occurrences = (phrase: string): Range[] => {
    const found: Range[] = []
    const length = [...phrase].length
    for (const run of cjkRuns) {
      for (let at = run.text.indexOf(phrase); at !== -1; at = run.text.indexOf(phrase, at + 1)) {
        const first = unitIndex(run, at)
        if (first === undefined || first + length > run.units.length) continue
        found.push({ end: run.units[first + length - 1].end, start: run.units[first].start })
      }
    }
    return found
  }
  for (const phrase of query.cjkRuns) {
    const whole = occurrences(phrase)
    if (whole.length || [...phrase].length < 2) {
      ranges.push(...whole)
      continue
    }
    const characters = [...phrase]
    for (let index = 0; index + 1 < characters.length; index++) ranges.push(...occurrences(characters[index] + characters[index + 1]))
  }
  return mergeRanges(ranges)
}

/** The text between two offsets as HTML: escaped, whitespace collapsed, matches marked. */
function renderHtml(text: string, from: number, to: number, ranges: Range[]): string {
  let html = ''
  let position = from
  for (const range of ranges) {
    if (range.end <= from || range.start >= to) continue
    const start = Math.max(range.start, from)
    const end = Math.min(range.end, to)
    html += escapeHtml(text.slice(position, start))
    html += `<mark>${escapeHtml(text.slice(start, end))}</mark>`
    position = end
  }
  html += escapeHtml(text.slice(position, to))
  return html.replace(/\s+/g, ' ')
}

/** A whole text (a title) as HTML with its matches marked. */
export function highlight(text: string, query: ParsedQuery): string {
  return renderHtml(text, 0, text.length, matchRanges(text, query)).trim()
}

/** The character (code point) at an offset, and the one ending just before it. */
function characterAt(text: string, offset: number): string {
  return String.fromCodePoint(text.codePointAt(offset) ?? 0)
}

function characterBefore(text: string, offset: number): string {
  const low = text.charCodeAt(offset - 1)
  const isLowSurrogate = low >= 0xdc00 && low <= 0xdfff && offset >= 2
  return isLowSurrogate ? text.slice(offset - 2, offset) : text.slice(offset - 1, offset)
}

/** The offset `columns` columns after `from` (or the end of the text). */
function advance(text: string, from: number, columns: number): number {
  let used = 0
  let index = from
  while (index < text.length) {
    const character = characterAt(text, index)
    used += width(character)
    if (used > columns) break
    index += character.length
  }
  return index
}

/** The offset `columns` columns before `from` (or 0). */
function retreat(text: string, from: number, columns: number): number {
  let used = 0
  let index = from
  while (index > 0) {
    const character = characterBefore(text, index)
    used += width(character)
    if (used > columns) break
    index -= character.length
  }
  return index
}

/** Letters and digits of scripts that separate words with spaces (a cut between two CJK characters is fine). */
const WORD_CHARACTER = /[\p{L}\p{N}]/u
/** How far a cut may move to avoid splitting a word. */
const MAX_SHIFT = 30

function isWordCharacter(character: string | undefined): boolean {
  return character !== undefined && WORD_CHARACTER.test(character) && !CJK_WIDE.test(character)
}

/** Moves a cut off the middle of a word: forwards (start of a snippet) or backwards (its end), at most to `limit`. */
function atWordBoundary(text: string, offset: number, direction: 1 | -1, limit: number): number {
  if (offset <= 0 || offset >= text.length) return offset
  if (!isWordCharacter(text[offset - 1]) || !isWordCharacter(text[offset])) return offset
  let index = offset
  while (isWordCharacter(text[direction === 1 ? index : index - 1])) {
    index += direction
    if ((direction === 1 && index >= limit) || (direction === -1 && index <= limit)) return offset
  }
  return index
}

/** How much of a long text is read closely around a likely match. */
const REGION = 2_000
/** Likely matches looked at before giving up and showing the start of the text. */
const MAX_REGIONS = 4

/**
 * Where a long text may match, cheaply: positions of the query's CJK
 * phrases and character pairs, and of the start of its word stems in the
 * lower-cased text at the start of a word. Approximate ("trad" starts
 * "tradition" too), so each is confirmed by reading the text around it properly.
 */
function likelyMatches(text: string, query: ParsedQuery): number[] {
  const lower = text.toLowerCase()
  const positions: number[] = []
  const find = (needle: string, atWordStart: boolean) => {
    let found = 0
    for (let at = lower.indexOf(needle); at !== -1 && found < MAX_REGIONS; at = lower.indexOf(needle, at + 1)) {
      if (atWordStart && isWordCharacter(lower[at - 1])) continue
      positions.push(at)
      found++
    }
  }
  for (const term of query.wordTerms) find(term.slice(0, Math.max(1, term.length - 1)), true)
  for (const phrase of query.cjkRuns) {
    const characters = [...phrase]
    if (characters.length < 2) find(phrase, false)
    for (let index = 0; index + 1 < characters.length; index++) find(characters[index] + characters[index + 1], false)
  }
  return positions.sort((a, b) => a - b)
}

/**
 * The matches a snippet is cut around. A short text is read whole; in a
 * long one only a region around the first confirmed likely match, so that
 * the work per hit stays small however long the article.
 */
function snippetRanges(text: string, query: ParsedQuery): Range[] {
  if (text.length <= 2 * REGION) return matchRanges(text, query)
  let readUpTo = 0
  let regions = 0
  for (const position of likelyMatches(text, query)) {
    if (position < readUpTo) continue
    if (++regions > MAX_REGIONS) break
    const start = Math.max(0, position - REGION / 4)
    const end = Math.min(text.length, start + REGION)
    const ranges = matchRanges(text.slice(start, end), query)
    if (ranges.length) return ranges.map((range) => ({ end: range.end + start, start: range.start + start }))
    readUpTo = end
  }
  return matchRanges(text.slice(0, REGION), query)
}

/**
 * A passage of about SNIPPET_WIDTH columns around the matches of a query in
 * a text, as HTML: the window holding the most matches, starting a little
 * before the first of them; the start of the text when nothing matches.
 */
export function snippet(text: string, query: ParsedQuery): string {
  const ranges = snippetRanges(text, query)
  let from = 0
  if (ranges.length) {
    // The window starting a little before one of the first matches that holds the most matches.
    let best = { count: 0, start: 0 }
    let last = 0
    for (let index = 0; index < Math.min(ranges.length, MAX_WINDOWS_TRIED); index++) {
      const start = retreat(text, ranges[index].start, LEAD_IN)
      const end = advance(text, start, SNIPPET_WIDTH)
      last = Math.max(last, index)
      while (last + 1 < ranges.length && ranges[last + 1].end <= end) last++
      const count = last - index + 1
      if (count > best.count) best = { count, start }
    }
    from = best.start
  }
  const firstMatch = ranges.find((range) => range.start >= from)?.start ?? text.length
  from = atWordBoundary(text, from, 1, Math.min(firstMatch, from + MAX_SHIFT))
  let to = advance(text, from, SNIPPET_WIDTH)
  to = atWordBoundary(text, to, -1, Math.max(from, to - MAX_SHIFT))
  const html = renderHtml(text, from, to, ranges).trim()
  return `${from > 0 ? '…' : ''}${html}${to < text.length ? '…' : ''}`
}
