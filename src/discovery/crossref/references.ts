import type { Article } from '../../payload-types'
import { isValidDoi, normalizeDoi } from './doi'

/** One entry of an article's references, as scholarly metadata gives it. */
export type ArticleReference = {
  /** The reference as printed, in the language read (or the English text). */
  citation: string
  doi?: string
  url?: string
}

/** The article's references in order, those without a citation text left out. */
export function articleReferences(references: Article['references']): ArticleReference[] {
  return (references ?? []).flatMap((entry) => {
    const citation = typeof entry.citation === 'string' ? entry.citation.replace(/\s+/g, ' ').trim() : ''
    if (!citation) return []
    const doi = normalizeDoi(entry.doi)
    const url = typeof entry.url === 'string' && entry.url.trim() ? entry.url.trim() : undefined
    return [{ citation, doi: doi && isValidDoi(doi) ? doi : undefined, url }]
  })
}

/** The article's own DOI, when it has a valid one. */
export function articleDoi(doi: Article['doi']): string | undefined {
  const normalized = normalizeDoi(doi)
  return normalized && isValidDoi(normalized) ? normalized : undefined
}
