import { biblatexLanguage } from '../../policy/languages'
import type { ArticleRecord } from './articleRecord'
import { citationKey } from './citationKey'
import { citationTitle } from './citationTitle'
import { type CitedDate, citedDate, isoDate } from './citedDate'
import { citationName } from './personName'

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

const SPECIAL: Record<string, string> = {
  '#': '\\#',
  $: '\\$',
  '%': '\\%',
  '&': '\\&',
  '\\': '\\textbackslash{}',
  '^': '\\textasciicircum{}',
  _: '\\_',
  '{': '\\{',
  '}': '\\}',
  '~': '\\textasciitilde{}',
}

/**
 * A field value in BibTeX: TeX's special characters escaped, white space
 * (new lines included) collapsed. Everything else, Chinese included, stays
 * as UTF-8 text, which biber and BibTeX-aware tools read as it is.
 */
export function bibtexText(value: string): string {
  return value
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[#$%&\\^_{}~]/g, (character) => SPECIAL[character])
}

function author(name: string): string {
  const parts = citationName(name)
  if ('literal' in parts) return `{${bibtexText(parts.literal)}}`
  return `${bibtexText(parts.family)}, ${bibtexText(parts.given)}`
}

function dateFields(date: CitedDate): [string, string][] {
  const fields: [string, string][] = [['year', `{${date.year}}`]]
  if (date.month !== undefined) fields.push(['month', MONTHS[date.month - 1]])
  fields.push(['date', `{${isoDate(date)}}`])
  return fields
}

/**
 * The article as a BibTeX `@article` entry that biblatex reads as well:
 * names in the byline's order (see personName.ts: Chinese names split into
 * family and given, others kept whole in braces), the title in double
 * braces so styles keep its capitals, `month` as the standard macro, and the
 * ISO `date` for biblatex. `url` is verbatim in biblatex, so it is not escaped.
 * Written here, not by citation-js, whose BibTeX drops Chinese text or else
 * leaves TeX's special characters unescaped (docs/scholarly-metadata.md).
 */
export function bibtex(record: ArticleRecord): string {
  const fields: [string, string | undefined][] = [
    ['author', record.authors.length ? `{${record.authors.map((entry) => author(entry.name)).join(' and ')}}` : undefined],
    ['title', `{{${bibtexText(citationTitle(record))}}}`],
    ['journal', record.journal.title ? `{${bibtexText(record.journal.title)}}` : undefined],
    ...dateFields(citedDate(record)),
    ['volume', record.issue.volume !== undefined ? `{${record.issue.volume}}` : undefined],
    ['number', record.issue.number !== undefined ? `{${record.issue.number}}` : undefined],
    // Verbatim in biblatex, like `url`: the bare DOI, no resolver in front.
    ['doi', record.doi ? `{${record.doi}}` : undefined],
    ['url', `{${record.url}}`],
    ['language', `{${biblatexLanguage(record.language)}}`],
    ['keywords', record.keywords.length ? `{${record.keywords.map(bibtexText).join(', ')}}` : undefined],
    ['abstract', record.lead ? `{${bibtexText(record.lead)}}` : undefined],
  ]
  const lines = fields.filter((field): field is [string, string] => field[1] !== undefined).map(([name, value]) => `  ${name} = ${value},`)
  return `@article{${citationKey(record)},\n${lines.join('\n')}\n}\n`
}
