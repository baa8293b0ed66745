import type { CollectionBeforeChangeHook, PayloadRequest, TypedLocale } from 'payload'

import { lexicalPlainText } from '../../../src/lib/lexicalPlainText'
import type { Article } from '../../../src/payload-types'

type LocaleContent = { body?: unknown; lead?: null | string; title?: null | string }
type StoredInAllLocales = Record<keyof LocaleContent, Record<string, unknown> | undefined>

function isComplete(content: LocaleContent): boolean {
  return Boolean(content.title?.trim() && content.lead?.trim() && lexicalPlainText(content.body as never))
}

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
 * `availableLocales` lists the languages an article is complete in (title,
 * lead and body written), so the website knows which versions really exist
 * and which would be fallbacks. The stored languages are read with
 * locale "all" and the one being saved is taken from the incoming data.
 * `missingLocales` is the rest: the translations editors still owe, for the
 * list view's filter.
 */
export const setAvailableLocales: CollectionBeforeChangeHook<Article> = async ({ data, originalDoc, req }) => {
  const locales = (req.payload.config.localization ? req.payload.config.localization.localeCodes : ['en']) as TypedLocale[]
  const current = req.locale as TypedLocale
  const stored = originalDoc?.id ? await storedInAllLocales(originalDoc.id, req) : undefined

  const available = locales.filter((locale) => {
    const content: LocaleContent = {}
    for (const field of ['title', 'lead', 'body'] as const) {
      const incoming = locale === current ? (data as Record<string, unknown>)[field] : undefined
      content[field] = (incoming !== undefined ? incoming : stored?.[field]?.[locale]) as never
    }
    return isComplete(content)
  })
  return { ...data, availableLocales: available, missingLocales: locales.filter((locale) => !available.includes(locale)) }
}
