import type { CollectionBeforeChangeHook, TypedLocale } from 'payload'

import { lexicalPlainText } from '../../../src/lib/lexicalPlainText'
import type { Article } from '../../../src/payload-types'

type LocaleContent = { body?: unknown; lead?: null | string; title?: null | string }

function isComplete(content: LocaleContent): boolean {
  return Boolean(content.title?.trim() && content.lead?.trim() && lexicalPlainText(content.body as never))
}

/**
 * `availableLocales` lists the languages an article is complete in (title,
 * lead and body written), so the website knows which versions really exist
 * and which would be fallbacks. The stored languages are read with
 * locale "all" and the one being saved is taken from the incoming data.
 */
export const setAvailableLocales: CollectionBeforeChangeHook<Article> = async ({ data, originalDoc, req }) => {
  const locales = (req.payload.config.localization ? req.payload.config.localization.localeCodes : ['en']) as TypedLocale[]
  const current = req.locale as TypedLocale
  const stored = originalDoc?.id
    ? ((await req.payload.findByID({
        collection: 'articles',
        depth: 0,
        draft: true,
        id: originalDoc.id,
        locale: 'all',
        overrideAccess: true,
        req,
      })) as unknown as Record<keyof LocaleContent, Record<string, unknown> | undefined>)
    : undefined

  const available = locales.filter((locale) => {
    const content: LocaleContent = {}
    for (const field of ['title', 'lead', 'body'] as const) {
      const incoming = locale === current ? (data as Record<string, unknown>)[field] : undefined
      content[field] = (incoming !== undefined ? incoming : stored?.[field]?.[locale]) as never
    }
    return isComplete(content)
  })
  return { ...data, availableLocales: available }
}
