import type { ArticleRecord } from './articleRecord'
import { citationKey } from './citationKey'
import { citationTitle } from './citationTitle'
import { citedDate, dateParts } from './citedDate'
import { citationName } from './personName'
import { LANGUAGE_TAGS } from './scholarlyLocale'

/** One CSL-JSON item (the fields this journal fills in). */
export type CslItem = {
  URL: string
  abstract?: string
  author: ({ family: string; given: string } | { literal: string })[]
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
 * The article as CSL-JSON: an array with one `article-journal` item, the
 * form citeproc processors and reference managers import. Authors are
 * `{family, given}` for names in Chinese characters and `{literal}` for
 * every other name (see personName.ts); `issued` is the cited date.
 */
export function cslJson(record: ArticleRecord): CslItem[] {
  const item: CslItem = {
    URL: record.url,
    abstract: record.lead,
    author: record.authors.map((author) => citationName(author.name)),
    'container-title': record.journal.title,
    id: citationKey(record),
    issue: record.issue.number !== undefined ? String(record.issue.number) : undefined,
    issued: { 'date-parts': dateParts(citedDate(record)) },
    keyword: record.keywords.length ? record.keywords.join(', ') : undefined,
    language: LANGUAGE_TAGS[record.language],
    publisher: record.publisher?.name,
    title: citationTitle(record),
    type: 'article-journal',
    volume: record.issue.volume !== undefined ? String(record.issue.volume) : undefined,
  }
  return [item]
}
