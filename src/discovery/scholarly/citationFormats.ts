import type { ArticleRecord } from './articleRecord'
import { bibtex } from './bibtex'
import { cslJson } from './cslJson'
import { ris } from './ris'

type CitationFormat = {
  contentType: string
  /** File name extension of the download. */
  extension: string
  render(record: ArticleRecord): string
}

/** The formats `GET /api/articles/{id}/cite?format=…` answers, by the name the query gives. */
export const CITATION_FORMATS = {
  bibtex: { contentType: 'application/x-bibtex; charset=utf-8', extension: 'bib', render: bibtex },
  'csl-json': {
    contentType: 'application/vnd.citationstyles.csl+json; charset=utf-8',
    extension: 'json',
    render: (record) => `${JSON.stringify(cslJson(record), null, 2)}\n`,
  },
  ris: { contentType: 'application/x-research-info-systems; charset=utf-8', extension: 'ris', render: ris },
} satisfies Record<string, CitationFormat>

export type CitationFormatName = keyof typeof CITATION_FORMATS

export const CITATION_FORMAT_NAMES = Object.keys(CITATION_FORMATS) as CitationFormatName[]

export function isCitationFormat(value: string): value is CitationFormatName {
  return Object.hasOwn(CITATION_FORMATS, value)
}
