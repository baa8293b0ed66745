import { fullTitle } from '../../lib/fullTitle'
import type { WebsitePaths } from '../../lib/websitePaths'
import { formatDay } from './datestamps'
import type { PublicArticle } from './records'
import { element, textElement, type XmlNode } from '../../lib/xmlDocument'
import { doiUrl } from '../crossref/doi'
import { articleDoi } from '../crossref/references'

type Localized<T> = Partial<Record<string, T>>

export const OAI_DC = {
  metadataPrefix: 'oai_dc',
  namespace: 'http://www.openarchives.org/OAI/2.0/oai_dc/',
  schema: 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd',
} as const

const DC_NAMESPACE = 'http://purl.org/dc/elements/1.1/'
const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance'

/** What every record shares: the journal, its languages, where the website shows articles. */
export type DublinCoreContext = {
  /** Authors' names per language, by author id. */
  authorNames: Map<string, Localized<null | string>>
  /** The journal's title and the publisher (the site's name), per language. */
  journalTitle: Localized<string>
  /** The CMS's languages, the default first. */
  locales: readonly string[]
  paths: WebsitePaths
  publisher: Localized<string>
  websiteUrl: string
}

function text(value: null | string | undefined): string | undefined {
  const trimmed = value?.trim()
  return trimmed ? trimmed : undefined
}

/** The languages the article is complete in, in the CMS's order. */
function articleLocales(article: PublicArticle, locales: readonly string[]): string[] {
  const available = article.availableLocales?.filter((locale) => locales.includes(locale)) ?? []
  if (available.length) return locales.filter((locale) => available.includes(locale))
  return locales.filter((locale) => text(article.title?.[locale]))
}

function idOf(value: number | string | { id: number | string }): string {
  return typeof value === 'object' ? String(value.id) : String(value)
}

/** "Journal, 2018, 3(2)": the journal and, when the article appeared in print, the issue. */
function sourceOf(journal: string, issue: PublicArticle['issue']): string {
  const volume = issue?.volume ? `${issue.volume}${issue.number ? `(${issue.number})` : ''}` : issue?.number ? `(${issue.number})` : ''
  return [journal, issue?.year ? String(issue.year) : '', volume].filter(Boolean).join(', ')
}

/**
 * An article in simple Dublin Core (`oai_dc`). Text that exists per language
 * (title, keywords, lead, publisher, journal) comes once per language the
 * article is complete in, marked with xml:lang; each author is one creator,
 * named as in the article's first language; each language version's page on
 * the website is an identifier, and so is the DOI (as https://doi.org/…).
 */
export function oaiDcMetadata(article: PublicArticle, context: DublinCoreContext): XmlNode {
  const locales = articleLocales(article, context.locales)
  const primary = locales[0] ?? context.locales[0]
  const parts: XmlNode[] = []
  const perLocale = (name: string, values: (locale: string) => (string | undefined)[]) => {
    for (const locale of locales) {
      for (const value of values(locale)) {
        if (value) parts.push(textElement(`dc:${name}`, value, { 'xml:lang': locale }))
      }
    }
  }

  perLocale('title', (locale) => {
    const title = text(article.title?.[locale])
    const subtitle = text(article.subtitle?.[locale])
    return [title ? fullTitle(title, subtitle, locale) : undefined]
  })
  for (const author of article.authors ?? []) {
    const names = context.authorNames.get(idOf(author))
    const name = names && (text(names[primary]) ?? context.locales.map((locale) => text(names[locale])).find(Boolean))
    if (name) parts.push(textElement('dc:creator', name))
  }
  perLocale('subject', (locale) => (article.keywords?.[locale] ?? []).map((keyword) => text(keyword)))
  perLocale('description', (locale) => [text(article.lead?.[locale])])
  perLocale('publisher', (locale) => [context.publisher[locale]])
  parts.push(textElement('dc:date', formatDay(article.publishedAt ?? article.updatedAt)))
  parts.push(textElement('dc:type', 'Text'), textElement('dc:type', 'info:eu-repo/semantics/article'))
  if (article.slug) {
    for (const locale of locales) parts.push(textElement('dc:identifier', `${context.websiteUrl}${context.paths.article(locale, article.slug)}`))
  }
  // The DOI as a resolvable URI (https://doi.org/…), the form Crossref asks for wherever a DOI is shown.
  const doi = articleDoi(article.doi)
  if (doi) parts.push(textElement('dc:identifier', doiUrl(doi)))
  perLocale('source', (locale) => [context.journalTitle[locale] ? sourceOf(context.journalTitle[locale], article.issue) : undefined])
  for (const locale of locales) parts.push(textElement('dc:language', locale))

  return oaiDcElement(parts)
}

/** The `oai_dc:dc` element around Dublin Core parts, with its namespaces and schema location. */
function oaiDcElement(parts: XmlNode[]): XmlNode {
  return element(
    'oai_dc:dc',
    {
      'xmlns:dc': DC_NAMESPACE,
      'xmlns:oai_dc': OAI_DC.namespace,
      'xmlns:xsi': XSI_NAMESPACE,
      'xsi:schemaLocation': `${OAI_DC.namespace} ${OAI_DC.schema}`,
    },
    parts,
  )
}

/** A section's names and descriptions per language, in oai_dc: the `setDescription` of ListSets. */
export function oaiDcSetDescription(names: Localized<string>, descriptions: Localized<string>, locales: readonly string[]): XmlNode {
  const parts: XmlNode[] = []
  for (const locale of locales) {
    if (names[locale]) parts.push(textElement('dc:title', names[locale], { 'xml:lang': locale }))
  }
  for (const locale of locales) {
    if (descriptions[locale]) parts.push(textElement('dc:description', descriptions[locale], { 'xml:lang': locale }))
  }
  return oaiDcElement(parts)
}
