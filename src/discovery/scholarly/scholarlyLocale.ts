import type { PayloadRequest } from 'payload'
import { badRequest } from '../../http/clientError'


/** The languages scholarly metadata, citations and the directory's JSON-LD and vCards are given in. */
export type ScholarlyLocale = 'en' | 'zh'

/**
 * BCP 47 tags of the journal's languages, for schema.org `inLanguage` and
 * CSL `language`: the Chinese edition is written in simplified characters.
 */
export const LANGUAGE_TAGS: Record<ScholarlyLocale, string> = { en: 'en', zh: 'zh-Hans' }

/**
 * The `locale` a scholarly call asked for: `en` (the default) or `zh`. One
 * language per answer, so `all` is refused like any other value, with a 400
 * that lists the choices.
 */
export function scholarlyLocale(req: Pick<PayloadRequest, 'payload' | 'searchParams'>): ScholarlyLocale {
  const localization = req.payload.config.localization
  const codes = localization ? localization.localeCodes : ['en']
  const value = req.searchParams.get('locale') || (localization ? localization.defaultLocale : 'en')
  if (!codes.includes(value)) throw badRequest(`locale must be one of ${codes.join(', ')}`)
  return value as ScholarlyLocale
}
