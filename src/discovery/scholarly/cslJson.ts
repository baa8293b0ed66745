import { languageTag } from '../../policy/languages'
import type { ArticleRecord } from './articleRecord'
import { citationKey } from './citationKey'
import { citationTitle } from './citationTitle'
import { citedDate, dateParts } from './citedDate'

/** One CSL-JSON item (the fields this journal fills in). */
export type CslItem = {
  DOI?: string
  URL: string
  abstract?: string
  author: { literal: string }[]
  'container-title'?: string
  id: string
  issue?: string
  issued: { 'date-parts': number[][] }
  keyword?: string
  language: string
  publisher?: string
  title: string
  type: 'article-journal'
  volume?: string
}

/**
 * A name as CSL-JSON carries it: one `literal`, as the byline prints it
 * (袁征, 约瑟夫·奈, Yuan Zheng). Split into `family` and `given`, a name in
 * Chinese characters is printed by processors that treat every given name
 * alike as "袁, 征", or with initials "袁, . 征 ." (citeproc-py does); and a
 * romanised name's order cannot be told from the string (personName.ts).
 * BibTeX and RIS, whose readers expect "family, given", keep the split.
 */
function cslName(name: string): { literal: string } {
  return { literal: name.trim().replace(/\s+/g, ' ') }
}

/**
 * The article as CSL-JSON: an array with one `article-journal` item, the
 * form citeproc processors and reference managers import. Authors are
 * literal names (see cslName); `issued` is the cited date.
 */
export function cslJson(record: ArticleRecord): CslItem[] {
  const item: CslItem = {
    DOI: record.doi,
    URL: record.url,
    abstract: record.lead,
    author: record.authors.map((author) => cslName(author.name)),
    'container-title': record.journal.title,
    id: citationKey(record),
    issue: record.issue.number !== undefined ? String(record.issue.number) : undefined,
    issued: { 'date-parts': dateParts(citedDate(record)) },
    keyword: record.keywords.length ? record.keywords.join(', ') : undefined,
    language: languageTag(record.language),
    publisher: record.publisher?.name,
    title: citationTitle(record),
    type: 'article-journal',
    volume: record.issue.volume !== undefined ? String(record.issue.volume) : undefined,
  }
  return [item]
}
