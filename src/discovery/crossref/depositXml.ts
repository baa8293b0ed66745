import { element, onSeparateLines, textElement, xmlDocument, type XmlNode } from '../../lib/xmlDocument'
import { calendarDate } from '../scholarly/citedDate'
import { citationName } from '../scholarly/personName'

/** The deposit schema the export follows (shipped in ./schemas, see its README). */
export const CROSSREF_SCHEMA = {
  location: 'https://www.crossref.org/schemas/crossref5.3.1.xsd',
  namespace: 'http://www.crossref.org/schema/5.3.1',
  version: '5.3.1',
} as const

type Localized<T> = Partial<Record<string, T>>

/** One article of a deposit: published, with a DOI, read in every language. */
export type DepositArticle = {
  /** Each author's name per language, and ORCID iD, in byline order. */
  authors: { name: Localized<string>; orcid?: string }[]
  doi: string
  id: string
  issue: { number?: number; volume?: number; year?: number }
  /** The languages the article is complete in, the journal's order: the first is the one deposited. */
  languages: string[]
  publishedAt: string
  references: { citation: Localized<string>; doi?: string }[]
  /** The article's page on the website in its first language: where the DOI resolves to. */
  resourceUrl: string
  subtitle: Localized<string>
  title: Localized<string>
}

/** Who deposits and for which journal. */
export type DepositContext = {
  depositor: { email: string; name: string; registrant: string }
  issn: null | string
  journalTitle: string
  /** The journal's languages, the default first: the fallback for text missing in a language. */
  locales: readonly string[]
  /** Names the batch (`doi_batch_id`): e.g. `article-…` or `section-…`. */
  batchName: string
  /** When the file is made: its timestamp, which Crossref requires to grow with each deposit of a DOI. */
  now: Date
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0')

/** `yyyyMMddHHmmssSSS` (UTC): Crossref's usual timestamp form, an integer that grows with time. */
export function depositTimestamp(now: Date): string {
  return `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}${pad(now.getUTCMilliseconds(), 3)}`
}

/** The text in the language asked for, else in the journal's order of languages. */
function inLanguage(values: Localized<string>, language: string, locales: readonly string[]): string | undefined {
  return values[language] ?? locales.map((locale) => values[locale]).find(Boolean)
}

/** Crossref caps names at 60 characters and refuses digits and question marks in them. */
function nameText(value: string): string | undefined {
  const cleaned = value.replace(/[\d?]/g, '').replace(/\s+/g, ' ').trim().slice(0, 60).trim()
  return cleaned || undefined
}

/**
 * An author as `person_name`: a name in Chinese characters split into
 * surname and given name (scholarly/personName.ts); any other name, whose
 * order the byline does not tell, whole as the surname, as Crossref asks
 * for names that cannot be split.
 */
function personName(author: DepositArticle['authors'][number], index: number, language: string, locales: readonly string[]): XmlNode | undefined {
  const name = inLanguage(author.name, language, locales)
  if (!name) return undefined
  const parts = citationName(name)
  const given = 'literal' in parts ? undefined : nameText(parts.given)
  const surname = nameText('literal' in parts ? parts.literal : parts.family)
  if (!surname) return undefined
  return element('person_name', { contributor_role: 'author', language, sequence: index === 0 ? 'first' : 'additional' }, [
    ...(given ? [textElement('given_name', given)] : []),
    textElement('surname', surname),
    ...(author.orcid ? [textElement('ORCID', `https://orcid.org/${author.orcid}`)] : []),
  ])
}

/**
 * The titles: the deposited language's title, then the other language's as
 * `original_language_title` (the one place Crossref's `titles` has for a
 * title in another language), each with its subtitle.
 */
function titles(article: DepositArticle, language: string, locales: readonly string[]): XmlNode {
  const parts: XmlNode[] = []
  const title = inLanguage(article.title, language, locales) ?? article.id
  parts.push(textElement('title', title))
  const subtitle = article.subtitle[language]
  if (subtitle) parts.push(textElement('subtitle', subtitle))
  const other = article.languages.find((locale) => locale !== language && article.title[locale])
  if (other) {
    parts.push(textElement('original_language_title', article.title[other] as string, { language: other }))
    if (article.subtitle[other]) parts.push(textElement('subtitle', article.subtitle[other] as string))
  }
  return element('titles', {}, parts)
}

function onlineDate(publishedAt: string): XmlNode {
  const { day, month, year } = calendarDate(publishedAt)
  return element('publication_date', { media_type: 'online' }, [textElement('month', pad(month)), textElement('day', pad(day)), textElement('year', String(year))])
}

function journalArticle(article: DepositArticle, context: DepositContext): XmlNode {
  const language = article.languages[0] ?? context.locales[0]
  const contributors = article.authors.map((author, index) => personName(author, index, language, context.locales)).filter((node): node is XmlNode => Boolean(node))
  const references = article.references
    .map((reference, index) => ({ citation: inLanguage(reference.citation, language, context.locales), doi: reference.doi, key: `ref${index + 1}` }))
    .filter((reference) => reference.citation)
  const parts: XmlNode[] = [titles(article, language, context.locales)]
  if (contributors.length) parts.push(element('contributors', {}, contributors))
  parts.push(onlineDate(article.publishedAt))
  if (article.issue.year !== undefined) parts.push(element('publication_date', { media_type: 'print' }, [textElement('year', String(article.issue.year))]))
  parts.push(element('doi_data', {}, [textElement('doi', article.doi), textElement('resource', article.resourceUrl)]))
  if (references.length) {
    parts.push(
      element(
        'citation_list',
        {},
        references.map((reference) =>
          element('citation', { key: reference.key }, [...(reference.doi ? [textElement('doi', reference.doi)] : []), textElement('unstructured_citation', reference.citation as string)]),
        ),
      ),
    )
  }
  return element('journal_article', { language, publication_type: 'full_text' }, parts)
}

/** The printed issue as `journal_issue`, when the article appeared in one. */
function journalIssue(issue: DepositArticle['issue'], publishedAt: string): XmlNode | undefined {
  if (issue.volume === undefined && issue.number === undefined) return undefined
  const year = issue.year ?? calendarDate(publishedAt).year
  return element('journal_issue', {}, [
    element('publication_date', { media_type: 'print' }, [textElement('year', String(year))]),
    ...(issue.volume !== undefined ? [element('journal_volume', {}, [textElement('volume', String(issue.volume))])] : []),
    ...(issue.number !== undefined ? [textElement('issue', String(issue.number))] : []),
  ])
}

const issueKey = (issue: DepositArticle['issue']) => (issue.volume === undefined && issue.number === undefined ? '' : `${issue.volume ?? ''}/${issue.number ?? ''}/${issue.year ?? ''}`)

/**
 * A Crossref deposit (`doi_batch`, schema 5.3.1) of journal articles: one
 * `journal` per printed issue (Crossref allows one `journal_issue` in a
 * `journal`), articles outside any issue together in one more. What an
 * editor uploads to Crossref; nothing is sent from here.
 */
export function crossrefDeposit(articles: readonly DepositArticle[], context: DepositContext): string {
  const groups = new Map<string, DepositArticle[]>()
  for (const article of articles) groups.set(issueKey(article.issue), [...(groups.get(issueKey(article.issue)) ?? []), article])
  const journalMetadata = element('journal_metadata', {}, [
    textElement('full_title', context.journalTitle.slice(0, 255)),
    ...(context.issn ? [textElement('issn', context.issn, { media_type: 'electronic' })] : []),
  ])
  const journals = [...groups.values()].map((group) => {
    const issue = journalIssue(group[0].issue, group[0].publishedAt)
    return element('journal', {}, onSeparateLines([journalMetadata, ...(issue ? [issue] : []), ...group.map((article) => journalArticle(article, context))]))
  })
  const timestamp = depositTimestamp(context.now)
  const head = element('head', {}, [
    textElement('doi_batch_id', `${context.batchName}-${timestamp}`.slice(-100)),
    textElement('timestamp', timestamp),
    element('depositor', {}, [textElement('depositor_name', context.depositor.name), textElement('email_address', context.depositor.email)]),
    textElement('registrant', context.depositor.registrant),
  ])
  return xmlDocument(
    element(
      'doi_batch',
      {
        xmlns: CROSSREF_SCHEMA.namespace,
        'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
        version: CROSSREF_SCHEMA.version,
        'xsi:schemaLocation': `${CROSSREF_SCHEMA.namespace} ${CROSSREF_SCHEMA.location}`,
      },
      onSeparateLines([head, element('body', {}, onSeparateLines(journals))]),
    ),
  )
}
