import type { PayloadRequest } from 'payload'

import { badRequest } from '../http/clientError'
import { DEFAULT_LOCALE, READER_LOCALES, type ReaderLocale } from './languages'

export const MAX_PAGE_SIZE = 100
export const MAX_PAGE = 10_000
/** Articles per section on the home page. */
export const MAX_PER_SECTION = 20

/** What a website call asked for, checked: one shape for REST query strings and GraphQL arguments. */
export type ReaderQuery = {
  draft: boolean
  limit: number
  locale: ReaderLocale
  page: number
}

type RawReaderQuery = {
  draft?: boolean | null | string
  limit?: null | number | string
  locale?: null | string
  page?: null | number | string
}

export function positiveInteger(name: string, value: null | number | string | undefined, fallback: number, maximum: number): number {
  if (value === undefined || value === null || value === '') return fallback
  const number = typeof value === 'number' ? value : Number(value)
  if (!Number.isInteger(number) || number < 1) throw badRequest(`${name} must be a whole number from 1 to ${maximum}`)
  if (number > maximum) throw badRequest(`${name} must be at most ${maximum}`)
  return number
}

/**
 * Checks the locale, page, limit and draft a website call asked for. Unknown
 * locales and out-of-range numbers are refused (400) rather than quietly
 * replaced, so a typo in the website's code shows up at once.
 */
export function readerQuery(raw: RawReaderQuery, { defaultLimit = 10 }: { defaultLimit?: number } = {}): ReaderQuery {
  const locale = raw.locale || DEFAULT_LOCALE
  if (!(READER_LOCALES as readonly string[]).includes(locale)) {
    throw badRequest(`locale must be one of ${READER_LOCALES.join(', ')}`)
  }
  const draft = raw.draft === true || raw.draft === 'true'
  if (raw.draft !== undefined && raw.draft !== null && typeof raw.draft === 'string' && !['true', 'false', ''].includes(raw.draft)) {
    throw badRequest('draft must be true or false')
  }
  return {
    draft,
    limit: positiveInteger('limit', raw.limit, defaultLimit, MAX_PAGE_SIZE),
    locale: locale as ReaderLocale,
    page: positiveInteger('page', raw.page, 1, MAX_PAGE),
  }
}

/** The query string of a REST call, as the raw input of `readerQuery`. */
export function queryStringOf(req: PayloadRequest): RawReaderQuery {
  const params = req.searchParams
  return {
    draft: params.get('draft'),
    limit: params.get('limit'),
    locale: params.get('locale'),
    page: params.get('page'),
  }
}
