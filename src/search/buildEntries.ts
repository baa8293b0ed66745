import { lexicalPlainText } from '../lib/lexicalPlainText'
import { indexTerms } from './tokenize'

/**
 * How much a term counts, by the field it is found in: a match in the title
 * outranks one in the subtitle, keywords or names, which outranks one in the
 * lead, which outranks one in the body. A term found in several fields counts
 * with its heaviest. Terms weighing at least KEY_WEIGHT are the entry's key
 * terms (searched first, so that title matches are never crowded out).
 */
export const FIELD_WEIGHTS = {
  author: { affiliation: 3, bio: 1, name: 10, position: 3 },
  article: { authors: 6, body: 1, keywords: 6, lead: 3, subtitle: 6, title: 10 },
} as const

export const KEY_WEIGHT = 6

/** Snippets are cut from at most this much text (the lead and the start of the body). */
export const MAX_SNIPPET_TEXT = 20_000

export type SearchEntryKind = 'article' | 'author'

export type EntryAuthor = { name: string; slug: string }

/** A search entry as written to the `search-entries` collection. */
export type SearchEntryData = {
  authors: EntryAuthor[]
  docId: string
  indexedAt: Date
  key: string
  keyTerms: string[]
  kind: SearchEntryKind
  language: string
  publishedAt: Date | null
  sectionId: null | string
  slug: string
  terms: string[]
  text: string
  title: string
  /** Terms weighing more than a body term (1), with their weight. */
  weights: Record<string, number>
}

type Localized<T> = null | Partial<Record<string, T>> | undefined
type Relation = null | number | string | { id: number | string } | undefined

/** An article as stored (every language at once), as the database adapter returns it. */
export type StoredArticle = {
  _status?: null | string | Record<string, string>
  authors?: Relation[] | null
  availableLocales?: null | string[]
  body?: Localized<unknown>
  id: number | string
  keywords?: Localized<null | string[]>
  lead?: Localized<null | string>
  publishedAt?: Date | null | string
  section?: Relation
  slug?: null | string
  subtitle?: Localized<null | string>
  title?: Localized<null | string>
}

/** An author as stored (every language at once). */
export type StoredAuthor = {
  affiliation?: Localized<null | string>
  bio?: Localized<unknown>
  id: number | string
  name?: Localized<null | string>
  position?: Localized<null | string>
  slug?: null | string
}

export function entryKey(kind: SearchEntryKind, docId: number | string, language: string): string {
  return `${kind}:${String(docId)}:${language}`
}

export function relationId(value: Relation): null | string {
  if (value === null || value === undefined) return null
  return typeof value === 'object' ? String(value.id) : String(value)
}

function inLanguage<T>(value: Localized<T>, language: string): T | undefined {
  if (!value || typeof value !== 'object') return undefined
  return value[language] ?? undefined
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : ''
}

class TermWeights {
  private readonly weights = new Map<string, number>()

  add(value: string, weight: number, { cjkCharacters = false } = {}): void {
    if (!value) return
    for (const term of indexTerms(value, { cjkCharacters })) {
      if ((this.weights.get(term) ?? 0) < weight) this.weights.set(term, weight)
    }
  }

  entryFields(): Pick<SearchEntryData, 'keyTerms' | 'terms' | 'weights'> {
    const terms = [...this.weights.keys()]
    const heavier = [...this.weights].filter(([, weight]) => weight > 1)
    return {
      keyTerms: heavier.filter(([, weight]) => weight >= KEY_WEIGHT).map(([term]) => term),
      terms,
      // Object.fromEntries defines own properties, whatever the term (no prototype surprises).
      weights: Object.fromEntries(heavier),
    }
  }
}

function snippetText(...parts: string[]): string {
  return parts.filter(Boolean).join('\n').slice(0, MAX_SNIPPET_TEXT)
}

/**
 * The languages an article is searched in: those it is complete in
 * (`availableLocales`), or, for an article complete in none, those it has a
 * title in. A language the article only falls back to is not indexed, so a
 * Chinese search finds Chinese text.
 */
function articleLanguages(article: StoredArticle, languages: readonly string[]): string[] {
  const available = (article.availableLocales ?? []).filter((language) => languages.includes(language))
  if (available.length) return available
  return languages.filter((language) => text(inLanguage(article.title, language)))
}

/**
 * The entries of a published article, one per language it is searched in.
 * `authorsById` holds the stored authors of its byline; a name not written in
 * a language falls back to the default language's, as readers see it.
 */
export function articleEntries(
  article: StoredArticle,
  authorsById: ReadonlyMap<string, StoredAuthor>,
  { defaultLanguage, languages }: { defaultLanguage: string; languages: readonly string[] },
): SearchEntryData[] {
  const weights = FIELD_WEIGHTS.article
  const publishedAt = article.publishedAt ? new Date(article.publishedAt) : null
  const byline = (article.authors ?? [])
    .map((relation) => authorsById.get(relationId(relation) ?? ''))
    .filter((author): author is StoredAuthor => Boolean(author))
  return articleLanguages(article, languages).map((language) => {
    const terms = new TermWeights()
    const title = text(inLanguage(article.title, language))
    const lead = text(inLanguage(article.lead, language))
    const body = lexicalPlainText(inLanguage(article.body, language) as never)
    const keywords = (inLanguage(article.keywords, language) ?? []).filter((keyword): keyword is string => typeof keyword === 'string')
    const authors = byline.map((author) => ({
      name: text(inLanguage(author.name, language)) || text(inLanguage(author.name, defaultLanguage)),
      slug: author.slug ?? '',
    }))
    terms.add(title, weights.title, { cjkCharacters: true })
    terms.add(text(inLanguage(article.subtitle, language)), weights.subtitle, { cjkCharacters: true })
    for (const keyword of keywords) terms.add(keyword, weights.keywords, { cjkCharacters: true })
    for (const author of authors) terms.add(author.name, weights.authors, { cjkCharacters: true })
    terms.add(lead, weights.lead)
    terms.add(body, weights.body)
    return {
      authors,
      docId: String(article.id),
      indexedAt: new Date(),
      key: entryKey('article', article.id, language),
      kind: 'article',
      language,
      publishedAt: publishedAt && !Number.isNaN(publishedAt.getTime()) ? publishedAt : null,
      sectionId: relationId(article.section),
      slug: article.slug ?? '',
      text: snippetText(lead, body),
      title,
      ...terms.entryFields(),
    }
  })
}

/** The entries of an author: one per language their name is written in. */
export function authorEntries(author: StoredAuthor, { languages }: { languages: readonly string[] }): SearchEntryData[] {
  const weights = FIELD_WEIGHTS.author
  return languages
    .filter((language) => text(inLanguage(author.name, language)))
    .map((language) => {
      const terms = new TermWeights()
      const name = text(inLanguage(author.name, language))
      const position = text(inLanguage(author.position, language))
      const affiliation = text(inLanguage(author.affiliation, language))
      const bio = lexicalPlainText(inLanguage(author.bio, language) as never)
      terms.add(name, weights.name, { cjkCharacters: true })
      terms.add(position, weights.position)
      terms.add(affiliation, weights.affiliation)
      terms.add(bio, weights.bio)
      return {
        authors: [],
        docId: String(author.id),
        indexedAt: new Date(),
        key: entryKey('author', author.id, language),
        kind: 'author',
        language,
        publishedAt: null,
        sectionId: null,
        slug: author.slug ?? '',
        text: snippetText([position, affiliation].filter(Boolean).join(', '), bio),
        title: name,
        ...terms.entryFields(),
      }
    })
}
