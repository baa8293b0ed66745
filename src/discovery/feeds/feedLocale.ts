import { badRequest } from '../../http/clientError'
import { isLocale, LOCALES, type Locale } from '../../policy/languages'

/**
 * The locale of a feed address (`/feeds/{locale}/…`): one of the CMS's
 * languages. Anything else, `all` included, is the caller's mistake and gets
 * a 400 naming the languages there are, as the website calls do.
 */
export function feedLocale(value: unknown): Locale {
  if (isLocale(value)) return value
  const locale = typeof value === 'string' ? value : ''
  const shown = locale.length > 40 ? `${locale.slice(0, 40)}…` : locale
  throw badRequest(`The feed language must be one of ${LOCALES.join(', ')} (got "${shown}")`)
}
