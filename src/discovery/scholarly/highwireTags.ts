import type { ArticleRecord } from './articleRecord'
import { orcidUrl } from './articleJsonLd'
import { calendarDate, citedDate, slashedDate } from './citedDate'
import { citationTitle } from './citationTitle'
import { doiUrl } from '../crossref/doi'

/** One `<meta name="…" content="…">` tag. */
export type MetaTag = { content: string; name: string }

/**
 * The Highwire Press `citation_*` tags Google Scholar (and Zotero, Mendeley)
 * read from an article page, in the order to print them. Order carries
 * meaning: each author's `citation_author_institution` and
 * `citation_author_orcid` follow that author's `citation_author`, and the
 * authors come in byline order. Tags without a value are left out.
 */
export function highwireTags(record: ArticleRecord): MetaTag[] {
  const tags: MetaTag[] = []
  const add = (name: string, content: number | string | undefined) => {
    if (content === undefined || content === '') return
    tags.push({ content: String(content), name })
  }
  add('citation_title', citationTitle(record))
  for (const author of record.authors) {
    add('citation_author', author.name)
    add('citation_author_institution', author.affiliation)
    add('citation_author_orcid', author.orcid ? orcidUrl(author.orcid) : undefined)
  }
  add('citation_publication_date', slashedDate(citedDate(record)))
  add('citation_online_date', slashedDate(calendarDate(record.publishedAt)))
  add('citation_journal_title', record.journal.title)
  add('citation_volume', record.issue.volume)
  add('citation_issue', record.issue.number)
  add('citation_publisher', record.publisher?.name)
  add('citation_doi', record.doi)
  add('citation_language', record.language)
  for (const keyword of record.keywords) add('citation_keywords', keyword)
  add('citation_abstract_html_url', record.url)
  add('citation_fulltext_html_url', record.url)
  // One per work cited, in order: the reference as printed, with its DOI link when the text lacks it.
  for (const reference of record.references) {
    const link = reference.doi ? doiUrl(reference.doi) : reference.url
    add('citation_reference', link && !reference.citation.includes(reference.doi ?? link) ? `${reference.citation} ${link}` : reference.citation)
  }
  return tags
}
