import { languageTag } from '../../policy/languages'
import type { ArticleRecord } from './articleRecord'
import { calendarDate, isoDate } from './citedDate'
import { doiUrl } from '../crossref/doi'

export type JsonLdNode = { [key: string]: JsonLdValue }
type JsonLdValue = JsonLdNode | JsonLdValue[] | number | string | undefined

/** The ORCID record of an iD, as an absolute https URI. */
export function orcidUrl(orcid: string): string {
  return `https://orcid.org/${orcid}`
}

/** Leaves out keys without a value (and empty lists), so the document carries only what is known. */
export function compact(node: JsonLdNode): JsonLdNode {
  return Object.fromEntries(
    Object.entries(node).filter(([, value]) => value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0)),
  )
}

function person(author: ArticleRecord['authors'][number]): JsonLdNode {
  return compact({
    '@type': 'Person',
    '@id': author.url,
    affiliation: author.affiliation ? { '@type': 'Organization', name: author.affiliation } : undefined,
    identifier: author.orcid ? { '@type': 'PropertyValue', propertyID: 'ORCID', value: author.orcid } : undefined,
    jobTitle: author.position,
    name: author.name,
    sameAs: author.orcid ? orcidUrl(author.orcid) : undefined,
    url: author.url,
  })
}

/** A DOI as a schema.org identifier: the bare DOI, named as such. */
function doiIdentifier(doi: string): JsonLdNode {
  return { '@type': 'PropertyValue', propertyID: 'DOI', value: doi }
}

/** A work the article cites: its reference as printed, with its DOI or link when known. */
function citedWork(reference: ArticleRecord['references'][number]): JsonLdNode {
  return compact({
    '@type': 'CreativeWork',
    identifier: reference.doi ? doiIdentifier(reference.doi) : undefined,
    name: reference.citation,
    sameAs: reference.doi ? doiUrl(reference.doi) : undefined,
    url: reference.url,
  })
}

/**
 * The journal, and within it the printed volume and issue when known, each
 * part pointing up to the one that contains it (schema.org's bibliographic
 * model): PublicationIssue → PublicationVolume → Periodical.
 */
function journalIssue(record: ArticleRecord): JsonLdNode {
  let node: JsonLdNode = compact({
    '@type': 'Periodical',
    name: record.journal.title,
    publisher: record.publisher ? compact({ '@type': 'Organization', name: record.publisher.name, url: record.publisher.url }) : undefined,
    url: record.journal.url,
  })
  const { number, volume, year } = record.issue
  if (volume !== undefined) {
    node = { '@type': 'PublicationVolume', isPartOf: node, volumeNumber: String(volume) }
  }
  if (number !== undefined) {
    node = compact({
      '@type': 'PublicationIssue',
      datePublished: year !== undefined ? String(year) : undefined,
      isPartOf: node,
      issueNumber: String(number),
    })
  }
  return node
}

/**
 * schema.org `ScholarlyArticle` for the article's page (docs/scholarly-metadata.md):
 * `isPartOf` lists the journal issue (see `journalIssue`) and the section's
 * page (a `CollectionPage`, with the section's name also in `articleSection`).
 * schema.org has no "date received": the manuscript's `receivedAt` is given
 * as `dateCreated`, the date the work came into being as far as the journal knows.
 */
export function articleJsonLd(record: ArticleRecord): JsonLdNode {
  return compact({
    '@context': 'https://schema.org',
    '@type': 'ScholarlyArticle',
    '@id': `${record.url}#article`,
    alternativeHeadline: record.subtitle,
    articleSection: record.section?.title,
    author: record.authors.map(person),
    citation: record.references.map(citedWork),
    dateCreated: record.receivedAt ? isoDate(calendarDate(record.receivedAt)) : undefined,
    dateModified: record.updatedAt,
    datePublished: record.publishedAt,
    description: record.lead,
    headline: record.title,
    identifier: record.doi ? doiIdentifier(record.doi) : undefined,
    image: record.image
      ? compact({ '@type': 'ImageObject', caption: record.image.alt, height: record.image.height, url: record.image.url, width: record.image.width })
      : undefined,
    inLanguage: languageTag(record.language),
    isPartOf: [
      journalIssue(record),
      ...(record.section ? [{ '@type': 'CollectionPage', name: record.section.title, url: record.section.url }] : []),
    ],
    keywords: record.keywords,
    mainEntityOfPage: record.url,
    name: record.title,
    publisher: record.publisher ? compact({ '@type': 'Organization', name: record.publisher.name, url: record.publisher.url }) : undefined,
    sameAs: record.doi ? doiUrl(record.doi) : undefined,
    url: record.url,
    wordCount: record.wordCount,
  })
}
