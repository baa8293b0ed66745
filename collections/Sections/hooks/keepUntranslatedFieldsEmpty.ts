import type { CollectionBeforeChangeHook } from 'payload'

import type { Section } from '../../../src/payload-types'

const TRANSLATED_FIELDS = ['title', 'description'] as const

type StoredInAllLocales = Partial<Record<(typeof TRANSLATED_FIELDS)[number], Record<string, unknown> | null>>

/**
 * When a parent section is saved, the nested-docs plugin saves each child
 * again in the same language with the child as it reads in that language,
 * fallbacks included: a child with no Chinese title would get its English
 * title stored as its Chinese one, and would no longer show as untranslated.
 * A value that is empty in the language being saved and arrives equal to the
 * fallback language's stored value is such an echo, and stays empty (readers
 * still get the fallback, so they see no difference).
 */
export const keepUntranslatedFieldsEmpty: CollectionBeforeChangeHook<Section> = async ({ data, operation, originalDoc, req }) => {
  const locale = req.locale
  if (operation !== 'update' || !originalDoc?.id || !locale || locale === 'all') return data
  const configured = req.fallbackLocale as false | null | string | string[] | undefined
  const fallbacks = (Array.isArray(configured) ? configured : [configured]).filter(
    (fallback): fallback is string => typeof fallback === 'string' && fallback !== locale,
  )
  if (fallbacks.length === 0 || !TRANSLATED_FIELDS.some((field) => data[field] !== undefined)) return data

  const restored = { fallbackLocale: req.fallbackLocale, locale }
  let stored: StoredInAllLocales
  try {
    stored = (await req.payload.findByID({
      collection: 'sections',
      depth: 0,
      id: originalDoc.id,
      locale: 'all',
      overrideAccess: true,
      req,
      select: { description: true, title: true },
    })) as unknown as StoredInAllLocales
  } finally {
    req.locale = restored.locale
    req.fallbackLocale = restored.fallbackLocale
  }

  const kept = { ...data }
  for (const field of TRANSLATED_FIELDS) {
    const incoming = data[field]
    if (incoming === undefined || incoming === null || incoming === '') continue
    const own = stored[field]?.[locale]
    if (own !== undefined && own !== null && own !== '') continue
    if (fallbacks.some((fallback) => stored[field]?.[fallback] === incoming)) delete kept[field]
  }
  return kept
}
