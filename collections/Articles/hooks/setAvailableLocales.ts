import type { CollectionBeforeChangeHook, PayloadRequest, TypedLocale } from 'payload'

import { articleLanguages, type LanguageContent } from '../../../src/lib/articleLanguages'
import type { Article } from '../../../src/payload-types'

type StoredInAllLocales = Record<keyof LanguageContent, Record<string, unknown> | undefined>

/**
 * The article as stored (its latest draft included), every language at once.
 * A Local API call given `req` and a `locale` sets `req.locale` to that locale
 * for the rest of the request; the save this hook is part of still needs the
 * language it was made in (Payload merges the incoming fields into it), so
 * the request's locale is put back afterwards.
 */
async function storedInAllLocales(id: number | string, req: PayloadRequest): Promise<StoredInAllLocales> {
  const { fallbackLocale, locale } = req
  try {
    return (await req.payload.findByID({
      collection: 'articles',
      depth: 0,
      draft: true,
      id,
      locale: 'all',
      overrideAccess: true,
      req,
    })) as unknown as StoredInAllLocales
  } finally {
    req.locale = locale
    req.fallbackLocale = fallbackLocale
  }
}

/**
 * `availableLocales` lists the languages readers get: those the article is
 * complete in (title, lead and body written) and editors do not withhold
 * (`withheldLocales`, a translation in progress), so the website knows which
 * versions really exist and which would be fallbacks. The stored languages
 * are read with locale "all" and the one being saved is taken from the
 * incoming data. `missingLocales` is the rest: the translations editors
 * still owe, for the list view's filter and the dashboard.
 */
export const setAvailableLocales: CollectionBeforeChangeHook<Article> = async ({ data, originalDoc, req }) => {
  const locales = (req.payload.config.localization ? req.payload.config.localization.localeCodes : ['en']) as TypedLocale[]
  const current = req.locale as TypedLocale
  const stored = originalDoc?.id ? await storedInAllLocales(originalDoc.id, req) : undefined
  const withheld: string[] = data.withheldLocales ?? originalDoc?.withheldLocales ?? []

  const languages = articleLanguages(
    locales,
    (locale) => {
      const content: LanguageContent = {}
      for (const field of ['title', 'lead', 'body'] as const) {
        const incoming = locale === current ? (data as Record<string, unknown>)[field] : undefined
        content[field] = (incoming !== undefined ? incoming : stored?.[field]?.[locale]) as never
      }
      return content
    },
    withheld,
  )
  return { ...data, ...(languages as Pick<Article, 'availableLocales' | 'missingLocales'>) }
}
