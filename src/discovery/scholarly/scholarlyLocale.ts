import type { PayloadRequest } from 'payload'
import { badRequest } from '../../http/clientError'

import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from '../../policy/languages'

/** The languages scholarly metadata, citations and the directory's JSON-LD and vCards are given in. */
export type ScholarlyLocale = Locale

/**
 * The `locale` a scholarly call asked for: one of the journal's languages,
 * the default when none is named. One language per answer, so `all` is
 * refused like any other value, with a 400 that lists the choices.
 */
export function scholarlyLocale(req: Pick<PayloadRequest, 'searchParams'>): ScholarlyLocale {
  const value = req.searchParams.get('locale') || DEFAULT_LOCALE
  if (!isLocale(value)) throw badRequest(`locale must be one of ${LOCALES.join(', ')}`)
  return value
}
