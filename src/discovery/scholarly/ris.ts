import type { ArticleRecord } from './articleRecord'
import { citationTitle } from './citationTitle'
import { type CitedDate, citedDate } from './citedDate'
import { citationName } from './personName'

/** A value on one RIS line: no line breaks, white space collapsed. */
function risText(value: number | string): string {
  return String(value).replace(/\s+/g, ' ').trim()
}

/** `YYYY/MM/DD/`, or `YYYY///` when only the year is known. */
function risDate(date: CitedDate): string {
  const pad = (value: number | undefined) => (value === undefined ? '' : String(value).padStart(2, '0'))
  return `${date.year}/${pad(date.month)}/${pad(date.day)}/`
}

function author(name: string): string {
  const parts = citationName(name)
  return 'literal' in parts ? parts.literal : `${parts.family}, ${parts.given}`
}

/**
 * The article as an RIS record (`TY  - JOUR` … `ER  - `), lines ended with
 * CR LF as the format asks: one `AU` per author in byline order (Chinese
 * names as "family, given", others whole), `PY` the cited year, `DA` the
 * cited date (`YYYY/MM/DD/`), `T2` the journal, one `KW` per keyword, `LA` the ISO 639-1 language code.
 * Written here, not by citation-js, whose RIS cuts values after 70 characters
 * onto untagged lines, ends lines with LF and leaves dates unpadded
 * (docs/scholarly-metadata.md).
 */
export function ris(record: ArticleRecord): string {
  const lines: [string, number | string | undefined][] = [
    ['TY', 'JOUR'],
    ['TI', citationTitle(record)],
    ...record.authors.map((entry): [string, string] => ['AU', author(entry.name)]),
    ['PY', citedDate(record).year],
    ['DA', risDate(citedDate(record))],
    ['T2', record.journal.title],
    ['VL', record.issue.volume],
    ['IS', record.issue.number],
    ['PB', record.publisher?.name],
    ['AB', record.lead],
    ...record.keywords.map((keyword): [string, string] => ['KW', keyword]),
    ['LA', record.language],
    ['DO', record.doi],
    ['UR', record.url],
  ]
  const body = lines
    .filter((line): line is [string, number | string] => line[1] !== undefined && line[1] !== '')
    .map(([tag, value]) => `${tag}  - ${risText(value)}`)
  return [...body, 'ER  - ', ''].join('\r\n')
}
