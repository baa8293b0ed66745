import type { CollectionBeforeReadHook, GlobalBeforeReadHook } from 'payload'

import { LOCALES } from '../policy/languages'
import { hasTextIn, SEARCH_META_FIELD } from '../policy/searchEngines'

type Stored = Record<string, unknown>

/**
 * The stored document with an empty search-and-sharing group for every
 * language whose own text (`textField`: the title or name) is there but
 * that has no group yet, as a document saved in one language only has.
 * Payload gives a reader of a language without a value the fallback's, so
 * without this a Chinese page would show the English meta title instead of
 * its own Chinese title. A language served by fallback (not translated,
 * or withheld from readers) keeps the fallback's group with its text.
 * Runs on the document as stored (every language), before Payload picks
 * the language asked for.
 */
export function withOwnLanguageMeta(doc: Stored, textField: string): Stored {
  const text = doc[textField]
  if (!text || typeof text !== 'object') return doc
  const meta = doc[SEARCH_META_FIELD]
  const stored = meta && typeof meta === 'object' ? (meta as Record<string, unknown>) : {}
  const missing = LOCALES.filter((locale) => hasTextIn(text, locale) && !stored[locale])
  if (missing.length === 0) return doc
  return { ...doc, [SEARCH_META_FIELD]: { ...stored, ...Object.fromEntries(missing.map((locale) => [locale, {}])) } }
}

export function ownLanguageMetaOnCollection(textField: string): CollectionBeforeReadHook {
  return ({ doc }) => withOwnLanguageMeta(doc as Stored, textField)
}

export function ownLanguageMetaOnGlobal(textField: string): GlobalBeforeReadHook {
  return ({ doc }) => withOwnLanguageMeta(doc as Stored, textField)
}
