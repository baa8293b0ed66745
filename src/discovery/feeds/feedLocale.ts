import type { Payload } from 'payload'
import { badRequest } from '../../http/clientError'


/**
 * The locale of a feed address (`/feeds/{locale}/…`): one of the CMS's
 * languages. Anything else, `all` included, is the caller's mistake and gets
 * a 400 naming the languages there are, as the website calls do.
 */
export function feedLocale(payload: Payload, value: unknown): string {
  const localization = payload.config.localization
  const codes = localization ? localization.localeCodes : ['en']
  const locale = typeof value === 'string' ? value : ''
  if (!codes.includes(locale)) {
    const shown = locale.length > 40 ? `${locale.slice(0, 40)}…` : locale
    throw badRequest(`The feed language must be one of ${codes.join(', ')} (got "${shown}")`)
  }
  return locale
}

/** The CMS's languages, the default first. */
export function siteLocales(payload: Payload): { defaultLocale: string; locales: string[] } {
  const localization = payload.config.localization
  if (!localization) return { defaultLocale: 'en', locales: ['en'] }
  const { defaultLocale, localeCodes } = localization
  return { defaultLocale, locales: [defaultLocale, ...localeCodes.filter((code) => code !== defaultLocale)] }
}
