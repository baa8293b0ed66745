import type { Payload, Where } from 'payload'

import { readWebsitePathTemplates, readWebsiteUrl } from '../../settings/environment'
import { websitePaths } from '../../lib/websitePaths'
import { LOCALES } from '../../policy/languages'
import { PUBLISHED } from '../../policy/readerVisibility'
import { isValidOrcid } from '../../lib/orcid'
import type { DepositArticle } from './depositXml'
import { articleDoi } from './references'

type Localized<T> = Partial<Record<string, T>>

/** An article read in every language at once (`locale: 'all'`). */
type StoredArticle = {
  authors?: (string | { id: string })[] | null
  availableLocales?: null | string[]
  doi?: null | string
  id: string
  issue?: { number?: null | number; volume?: null | number; year?: null | number } | null
  publishedAt?: null | string
  references?: { citation?: Localized<null | string> | null; doi?: null | string }[] | null
  slug?: null | string
  subtitle?: Localized<null | string> | null
  title?: Localized<null | string> | null
}

type StoredAuthor = { id: string; name?: Localized<null | string> | null; orcid?: null | string }

function written(values: Localized<null | string> | null | undefined): Localized<string> {
  const result: Localized<string> = {}
  for (const [locale, value] of Object.entries(values ?? {})) {
    if (typeof value === 'string' && value.trim()) result[locale] = value.replace(/\s+/g, ' ').trim()
  }
  return result
}

const whole = (value: null | number | undefined): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined)

const idOf = (value: string | { id: string }) => (typeof value === 'object' ? String(value.id) : String(value))

/**
 * The published articles matching `where` that have a DOI, as an
 * anonymous reader reads them (no user, access control on: never a draft,
 * never a withheld language), with their authors: two queries, however
 * many articles. Oldest first, as an issue prints them.
 */
export async function readDepositArticles(payload: Payload, where: Where, limit: number): Promise<{ articles: DepositArticle[]; withoutDoi: number }> {
  const found = await payload.find({
    collection: 'articles',
    depth: 0,
    limit,
    locale: 'all',
    overrideAccess: false,
    pagination: false,
    select: { authors: true, availableLocales: true, doi: true, issue: true, publishedAt: true, references: true, slug: true, subtitle: true, title: true },
    sort: ['publishedAt', 'id'],
    where: { and: [PUBLISHED, where] },
  })
  const stored = found.docs as unknown as StoredArticle[]
  const withDoi = stored.filter((article) => articleDoi(article.doi))
  const authorIds = [...new Set(withDoi.flatMap((article) => (article.authors ?? []).map(idOf)))]
  const authors = authorIds.length
    ? ((
        await payload.find({
          collection: 'authors',
          depth: 0,
          limit: authorIds.length,
          locale: 'all',
          overrideAccess: false,
          pagination: false,
          select: { name: true, orcid: true },
          where: { id: { in: authorIds } },
        })
      ).docs as unknown as StoredAuthor[])
    : []
  const authorsById = new Map(authors.map((author) => [String(author.id), author]))
  const websiteUrl = readWebsiteUrl()
  const paths = websitePaths(readWebsitePathTemplates())

  const articles = withDoi.map((article): DepositArticle => {
    const title = written(article.title)
    const available = article.availableLocales ?? []
    const languages = LOCALES.filter((locale) => (available.length ? available.includes(locale) : Boolean(title[locale])))
    const first = languages[0] ?? LOCALES[0]
    return {
      authors: (article.authors ?? [])
        .map((author) => authorsById.get(idOf(author)))
        .filter((author): author is StoredAuthor => Boolean(author))
        .map((author) => ({ name: written(author.name), orcid: author.orcid && isValidOrcid(author.orcid) ? author.orcid : undefined })),
      doi: articleDoi(article.doi) as string,
      id: String(article.id),
      issue: { number: whole(article.issue?.number), volume: whole(article.issue?.volume), year: whole(article.issue?.year) },
      languages,
      publishedAt: article.publishedAt ?? new Date(0).toISOString(),
      references: (article.references ?? []).map((reference) => ({ citation: written(reference.citation), doi: articleDoi(reference.doi) })),
      resourceUrl: websiteUrl + paths.article(first, article.slug ?? String(article.id)),
      subtitle: written(article.subtitle),
      title,
    }
  })
  return { articles, withoutDoi: stored.length - withDoi.length }
}
