import type { FieldHook, TypedLocale } from 'payload'

import { articleLanguages, type LanguageContent } from '../../../src/lib/articleLanguages'
import type { Article } from '../../../src/payload-types'
import { LOCALES } from '../../../src/policy/languages'

type StoredInAllLocales = Partial<Record<keyof LanguageContent, Record<string, unknown>>> & Pick<Article, 'withheldLocales'>

/**
 * `availableLocales` lists the languages readers get: those the article is
 * complete in (title, lead and body written) and editors do not withhold
 * (`withheldLocales`, a translation in progress), so the website knows which
 * versions really exist and which would be fallbacks. `missingLocales` is
 * the rest: the translations editors still owe, for the list view's filter
 * and the dashboard.
 *
 * A field hook of `availableLocales`, not a collection hook: Payload hands
 * field hooks the article as stored in every language (its latest version,
 * `siblingDocWithLocales`), so the other languages need no read of their
 * own; the language being saved comes from the incoming data.
 */
export const setAvailableLocales: FieldHook<Article> = ({ req, siblingData, siblingDocWithLocales }) => {
  const current = req.locale as TypedLocale
  const stored = (siblingDocWithLocales ?? {}) as StoredInAllLocales
  const incoming = siblingData as Partial<Article>
  const withheld: string[] = incoming.withheldLocales ?? stored.withheldLocales ?? []

  const { availableLocales, missingLocales } = articleLanguages(
    LOCALES,
    (locale) => {
      const content: LanguageContent = {}
      for (const field of ['title', 'lead', 'body'] as const) {
        const value = locale === current ? incoming[field] : undefined
        content[field] = (value !== undefined ? value : stored[field]?.[locale]) as never
      }
      return content
    },
    withheld,
  )
  // missingLocales comes after this field, so its own processing sees the value.
  siblingData.missingLocales = missingLocales as Article['missingLocales']
  return availableLocales as Article['availableLocales']
}
