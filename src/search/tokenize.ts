import { stemmer } from 'stemmer'

/**
 * How text becomes search terms, the same way for what is indexed and for
 * what readers type, so the two always meet:
 *
 * - every character is normalised (NFKC: full-width letters and digits
 *   become ordinary ones), lower-cased and stripped of accents;
 * - Chinese, Japanese and Korean characters form runs that are cut into
 *   overlapping character pairs (bigrams: 美日同盟 → 美日, 日同, 同盟), so any
 *   phrase of two or more characters is found wherever it occurs, whatever
 *   words a segmenter would have seen around it; a run of one character is
 *   kept as it is;
 * - other letters and digits form words; English words are reduced to their
 *   stem (Porter: alliances → allianc), so "alliance" finds "alliances";
 *   common English words ("the", "of") are left out.
 */

/** A word or a run of CJK characters, with where it stands in the original text. */
export type Token = {
  /** `start` and `end` are offsets in the original string (UTF-16 code units). */
  end: number
  kind: 'cjk' | 'word'
  start: number
  /** Normalised text. For CJK runs, one entry per character, each with its own offsets. */
  text: string
  units: { end: number; start: number; text: string }[]
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3005\u3007]/u
const WORD = /[\p{L}\p{N}]/u
const MARK = /\p{M}/gu
const APOSTROPHES = new Set(["'", '\u2019'])

/** Words longer than this are not words a reader types (URLs, hashes, runs of digits). */
const MAX_WORD_LENGTH = 64

/** English words too common to tell articles apart; left out of the index and of queries. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  'a an and are as at be been but by for from had has have he her his i if in into is it its of on or our she so than that the their them there these they this to was we were which who will with you your'.split(
    ' ',
  ),
)

type Folded = { kinds: (Token['kind'] | undefined)[]; units: string[] }

const folded = new Map<string, Folded>()

/**
 * One character as the index sees it: NFKC, lower case, without accents
 * (possibly several characters, or none), each with its kind. Remembered,
 * since texts repeat the same few thousand characters.
 */
function fold(character: string): Folded {
  let value = folded.get(character)
  if (value === undefined) {
    const units = [...character.normalize('NFKC').toLowerCase().normalize('NFKD').replace(MARK, '')]
    value = { kinds: units.map((unit) => (CJK.test(unit) ? 'cjk' : WORD.test(unit) ? 'word' : undefined)), units }
    if (folded.size < 50_000) folded.set(character, value)
  }
  return value
}

/** The words and CJK runs of a text, in order, with their offsets in it. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let current: Token | undefined
  const finish = () => {
    if (current && current.text) tokens.push(current)
    current = undefined
  }
  let index = 0
  for (const character of text) {
    const start = index
    index += character.length
    const { kinds, units } = fold(character)
    if (units.length === 0) {
      // A combining accent: part of the word it follows.
      if (current?.kind === 'word') current.end = index
      continue
    }
    if (current?.kind === 'word' && APOSTROPHES.has(character)) {
      // Inside a word ("don't", "Japan's") the apostrophe joins; elsewhere it separates.
      continue
    }
    for (let position = 0; position < units.length; position++) {
      const kind = kinds[position]
      if (!kind) {
        finish()
        continue
      }
      if (current?.kind !== kind) {
        finish()
        current = { end: index, kind, start, text: '', units: [] }
      }
      current.text += units[position]
      current.end = index
      if (kind === 'cjk') current.units.push({ end: index, start, text: units[position] })
    }
  }
  finish()
  return tokens
}

/** The term a word is indexed under, or undefined for stop words and overlong words. */
export function wordTerm(word: string): string | undefined {
  if (word.length > MAX_WORD_LENGTH || STOP_WORDS.has(word)) return undefined
  return /^[a-z]+$/.test(word) ? stemmer(word) : word
}

/** Every character pair of a CJK run (the run itself when it is one character long). */
export function cjkBigrams(run: string): string[] {
  const characters = [...run]
  if (characters.length < 2) return characters
  const pairs: string[] = []
  for (let index = 0; index + 1 < characters.length; index++) pairs.push(characters[index] + characters[index + 1])
  return pairs
}

/**
 * The terms of a text for the index: stemmed words and CJK bigrams. With
 * `cjkCharacters`, single CJK characters too (for short fields such as
 * titles and names, so that a one-character query finds them).
 */
export function indexTerms(text: string, { cjkCharacters = false }: { cjkCharacters?: boolean } = {}): Set<string> {
  const terms = new Set<string>()
  for (const token of tokenize(text)) {
    if (token.kind === 'word') {
      const term = wordTerm(token.text)
      if (term) terms.add(term)
      continue
    }
    for (const pair of cjkBigrams(token.text)) terms.add(pair)
    if (cjkCharacters) for (const unit of token.units) terms.add(unit.text)
  }
  return terms
}

/** At most this many terms of a query are matched (the first ones): enough for any real query, and a bound on the work. */
export const MAX_QUERY_TERMS = 16

/** What a query asks for: the terms to match, and what to highlight. */
export type ParsedQuery = {
  /** CJK runs of the query, normalised, for highlighting whole phrases. */
  cjkRuns: string[]
  /** Terms every hit must contain, in the order they were typed (at most MAX_QUERY_TERMS). */
  terms: string[]
  /** Stemmed word terms, for highlighting. */
  wordTerms: Set<string>
}

/**
 * The terms of a query. A CJK run of five or more characters is matched by
 * a chain of non-overlapping pairs that covers it (plus the last pair): a
 * text containing the run contains them all, and the query needs half the
 * terms.
 */
export function parseQuery(query: string): ParsedQuery {
  const terms: string[] = []
  const add = (term: string) => {
    if (!terms.includes(term)) terms.push(term)
  }
  const cjkRuns: string[] = []
  const wordTerms = new Set<string>()
  for (const token of tokenize(query)) {
    if (token.kind === 'word') {
      const term = wordTerm(token.text)
      if (term) {
        add(term)
        wordTerms.add(term)
      }
      continue
    }
    cjkRuns.push(token.text)
    const pairs = cjkBigrams(token.text)
    if (pairs.length <= 3) {
      pairs.forEach(add)
      continue
    }
    for (let index = 0; index < pairs.length; index += 2) add(pairs[index])
    add(pairs[pairs.length - 1])
  }
  return { cjkRuns, terms: terms.slice(0, MAX_QUERY_TERMS), wordTerms }
}

/** True when a text has at least one letter or digit to search for. */
export function hasSearchableText(text: string): boolean {
  return tokenize(text).length > 0
}
