import type { PayloadRequest } from 'payload'

import { queryStringOf, readerQuery } from '../policy/readerQuery'
import type { ReaderLocale } from '../policy/languages'
import { SLUG_PATTERN } from '../lib/slugify'
import { hasSearchableText } from './tokenize'
import { badRequest } from '../http/clientError'

/** The longest query accepted, in characters: a long title pasted whole fits. */
export const MAX_QUERY_LENGTH = 200

/** A search as asked for, checked. */
export type SearchQuery = {
  limit: number
  locale: ReaderLocale
  page: number
  q: string
  /** The slug of the section (and its sub-sections) to search in, if any. */
  section?: string
}

type RawSearchQuery = {
  limit?: null | number | string
  locale?: null | string
  page?: null | number | string
  q?: null | string
  section?: null | string
}

/**
 * Checks what a search asked for: `q` (1 to MAX_QUERY_LENGTH characters with
 * at least one letter or digit), `locale` (en, zh or all), `section` (a
 * slug), `page` and `limit` as on the website calls (limit 1 to 100,
 * default 10). Anything else is refused with a 400 that says which
 * parameter and why.
 */
export function searchQuery(req: Pick<PayloadRequest, 'payload'>, raw: RawSearchQuery): SearchQuery {
  const q = (raw.q ?? '').trim()
  if (!q) throw badRequest('q is required: the words to search for')
  if (q.length > MAX_QUERY_LENGTH) throw badRequest(`q must be at most ${MAX_QUERY_LENGTH} characters (got ${q.length})`)
  if (!hasSearchableText(q)) throw badRequest('q must contain at least one letter or digit')
  const section = (raw.section ?? '').trim()
  if (section && !SLUG_PATTERN.test(section)) {
    throw badRequest(`section must be a section slug, lower-case words joined by hyphens (got "${section.slice(0, 50)}")`)
  }
  const { limit, locale, page } = readerQuery({ limit: raw.limit, locale: raw.locale, page: raw.page })
  return { limit, locale, page, q, ...(section ? { section } : {}) }
}

/** The query string of a REST search, as the raw input of `searchQuery`. */
export function searchQueryStringOf(req: PayloadRequest): RawSearchQuery {
  const { limit, locale, page } = queryStringOf(req)
  return { limit, locale, page, q: req.searchParams.get('q'), section: req.searchParams.get('section') }
}
