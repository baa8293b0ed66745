import type { BodyNote } from './types'

/**
 * How an old page numbers its notes: the marker in the text and the label
 * each note starts with at the end of the page, which are the same sign.
 */
type NoteStyle = {
  /** The label a note line starts with: its number, and the note's text after it. */
  line: RegExp
  /** Every marker in a line of text, its number in the first group that matched. */
  marker: RegExp
  name: string
  number(sign: string): number
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳㉑㉒㉓㉔㉕㉖㉗㉘㉙㉚㉛㉜㉝㉞㉟㊱㊲㊳㊴㊵㊶㊷㊸㊹㊺㊻㊼㊽㊾㊿'
const toNumber = (sign: string) => Number(sign.replace(/[０-９]/g, (digit) => String(digit.charCodeAt(0) - 0xff10)))

const STYLES: NoteStyle[] = [
  // "…strengthened.[1]" and "[1] Joint Statement, …" (ASCII or full-width brackets).
  { line: /^[[［]\s*([0-9０-９]{1,3})\s*[\]］]\s*(\S.*)$/u, marker: /[[［]\s*([0-9０-９]{1,3})\s*[\]］]/gu, name: '[1]', number: toNumber },
  // "…得到加强①。" and "① 参见……".
  { line: new RegExp(`^([${CIRCLED}])\\s*(\\S.*)$`, 'u'), marker: new RegExp(`([${CIRCLED}])`, 'gu'), name: '①', number: (sign) => CIRCLED.indexOf(sign) + 1 },
  // "…得到加强（注1）。" or "…加强注1。" and "注1：参见……".
  {
    line: /^注\s*([0-9０-９]{1,3})\s*[:：.．、]?\s*(\S.*)$/u,
    marker: /[（(]\s*注\s*([0-9０-９]{1,3})\s*[）)]|注\s*([0-9０-９]{1,3})/gu,
    name: '注1',
    number: toNumber,
  },
]

/** A line that only says the notes follow: "Notes", "Notes:", "注释：", "注：". */
const NOTES_HEADING = /^(?:notes?|end ?notes|foot ?notes|注|注释|注解|脚注|尾注)\s*[:：]?$/iu

type Marker = { at: number; length: number; line: number; number: number }

export type PageNotes = {
  /** The page's lines with the notes at the end taken out (unchanged when it has none, or they could not be matched). */
  lines: string[]
  /** The notes of each line that has markers, by line index: where each marker stood in the line without markers. */
  notes: Map<number, BodyNote[]>
  /** The lines without their markers, by line index (only lines that had markers). */
  texts: Map<number, string>
  warnings: string[]
}

/**
 * The notes at the end of the lines in one style: the run of note lines the
 * page ends with, from its first note 1 on if the rest is numbered 2, 3…
 * without a gap (lines before that 1 that only look like notes stay text).
 */
function trailingNotes(lines: readonly string[], style: NoteStyle): { start: number; texts: string[] } | undefined {
  let run = lines.length
  while (run > 1 && style.line.test(lines[run - 1])) run--
  const labelled = lines.slice(run).map((line) => {
    const [, sign, text] = style.line.exec(line)!
    return { number: style.number(sign), text: text.trim() }
  })
  for (let first = 0; first < labelled.length; first++) {
    const tail = labelled.slice(first)
    if (tail.every((note, index) => note.number === index + 1)) return { start: run + first, texts: tail.map((note) => note.text) }
  }
  return undefined
}

function markersIn(lines: readonly string[], style: NoteStyle): Marker[] {
  return lines.flatMap((line, index) =>
    [...line.matchAll(style.marker)].map((match) => ({ at: match.index, length: match[0].length, line: index, number: style.number(match[1] ?? match[2]) })),
  )
}

/** A line without its markers, and where each one stood (a space before a marker goes with it). */
function withoutMarkers(line: string, markers: readonly Marker[], texts: readonly string[]): { notes: BodyNote[]; text: string } {
  let text = ''
  let from = 0
  const notes: BodyNote[] = []
  for (const marker of markers) {
    text += line.slice(from, marker.at).replace(/[ \t]+$/, '')
    notes.push({ at: text.length, text: texts[marker.number - 1] })
    from = marker.at + marker.length
  }
  text += line.slice(from)
  // A marker at the start of a line leaves no space in front of the text.
  const trimmed = text.replace(/^[ \t]+/, '')
  const shift = text.length - trimmed.length
  return { notes: notes.map((note) => ({ ...note, at: Math.max(0, note.at - shift) })), text: trimmed }
}

const excerpt = (text: string, length = 60) => (text.length > length ? `${text.slice(0, length).trimEnd()}…` : text)

/**
 * The numbered notes of an old page (docs/import.md#notes): a run of lines
 * at the end of the article, each starting with its label (`[1]`, `①` or
 * `注1`), numbered from 1 without a gap and perhaps under a line "Notes" or
 * "注释"; each note's marker is the same label in the text before them.
 * Each marker must appear once, in the order of the notes: then the notes
 * become the lines' notes, at the points of their markers. Otherwise the
 * page is read as before, its notes left as paragraphs at the end, with a
 * warning saying why.
 */
export function parsePageNotes(lines: readonly string[]): PageNotes {
  const unchanged: PageNotes = { lines: [...lines], notes: new Map(), texts: new Map(), warnings: [] }
  for (const style of STYLES) {
    const trailing = trailingNotes(lines, style)
    if (!trailing) continue
    const headed = trailing.start > 1 && NOTES_HEADING.test(lines[trailing.start - 1])
    const text = lines.slice(0, headed ? trailing.start - 1 : trailing.start)
    const markers = markersIn(text, style)
    const numbers = markers.map((marker) => marker.number)
    const expected = trailing.texts.map((_, index) => index + 1)
    if (numbers.join() !== expected.join()) {
      const missing = expected.filter((number) => !numbers.includes(number))
      const why = missing.length > 0 ? `no marker for note ${missing.join(', ')}` : `markers in the order ${numbers.join(', ')}`
      return {
        ...unchanged,
        warnings: [`The page ends with ${trailing.texts.length} notes numbered ${style.name}, but the text has ${why}: the notes were kept as paragraphs at the end.`],
      }
    }
    const notes = new Map<number, BodyNote[]>()
    const texts = new Map<number, string>()
    for (const line of new Set(markers.map((marker) => marker.line))) {
      const read = withoutMarkers(text[line], markers.filter((marker) => marker.line === line), trailing.texts)
      notes.set(line, read.notes)
      texts.set(line, read.text)
    }
    return { lines: text, notes, texts, warnings: [] }
  }
  return unchanged
}

/** The warning for notes marked in the lead, which has no place for them (it is plain text). */
export function leadNotesWarning(notes: readonly BodyNote[]): string {
  return `The lead has ${notes.length === 1 ? 'a note marker' : `${notes.length} note markers`}, but the lead cannot hold notes: ${notes.length === 1 ? 'it was' : 'they were'} taken out, and the note text left for an editor to place: ${notes.map((note) => `"${excerpt(note.text)}"`).join('; ')}.`
}
