import type { Field, FieldHook } from 'payload'

import { fallbackChain, servedLocale } from '../lib/servedLocale'
import { LOCALES, localeOptions } from '../policy/languages'

type LanguageSiblings = { availableLocales?: null | string[]; slug?: null | string }

const contentLocaleOf: FieldHook = ({ req, siblingData }) => {
  const { availableLocales } = siblingData as LanguageSiblings
  return servedLocale({ available: availableLocales ?? [], fallback: fallbackChain(req), requested: req.locale ?? undefined })
}

const translationsOf: FieldHook = ({ req, siblingData }) => {
  const { availableLocales, slug } = siblingData as LanguageSiblings
  const served = servedLocale({ available: availableLocales ?? [], fallback: fallbackChain(req), requested: req.locale ?? undefined })
  if (!served) return []
  return (availableLocales ?? []).filter((locale) => locale !== served).map((locale) => ({ locale, slug }))
}

/**
 * Read-only fields computed on every read, so REST and GraphQL readers can
 * tell which language they really got and where the other one is:
 * `contentLocale` is the language the article is served in (the one asked
 * for, or the fallback when it is not translated yet; null for locale=all);
 * `translations` lists the other complete languages with their slug, for
 * hreflang links and the language switch. Both depend on `availableLocales`
 * (and `slug`), so a `select` must include those.
 */
export function articleLanguageFields(): Field[] {
  return [
    {
      name: 'contentLocale',
      type: 'select',
      admin: { hidden: true },
      hooks: { afterRead: [contentLocaleOf] },
      options: localeOptions(),
      virtual: true,
    },
    {
      name: 'translations',
      type: 'array',
      admin: { hidden: true },
      fields: [
        // Rows made on every read have no identity of their own: without this field Payload would give
        // each row a new random id on every read, and no two answers for the same article would match.
        { name: 'id', type: 'text', admin: { hidden: true } },
        { name: 'locale', type: 'select', options: [...LOCALES], required: true },
        { name: 'slug', type: 'text', required: true },
      ],
      hooks: { afterRead: [translationsOf] },
      virtual: true,
    },
  ]
}
