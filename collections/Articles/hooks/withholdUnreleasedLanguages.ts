import type { CollectionBeforeReadHook } from 'payload'

import type { Article } from '../../../src/payload-types'
import { readsUnreleasedText, unreleasedLocales } from '../../../src/policy/readerVisibility'

type StoredArticle = Record<string, unknown> & Pick<Article, 'availableLocales' | 'withheldLocales'>

/**
 * Readers get only the languages an article is released in. The hook runs
 * on the stored document, before Payload picks the requested language, so
 * removing an unreleased language's text makes every read (REST, GraphQL,
 * the website calls, feeds, search results, `locale=all`) fall back to a
 * released language, the same way an untranslated field does: a Chinese
 * translation in progress on a published article never reaches readers,
 * whatever part of it has been written and published with an English fix.
 *
 * Local API calls that override access (hooks, jobs, scripts) and the people
 * who write see everything.
 */
export const withholdUnreleasedLanguages: CollectionBeforeReadHook = ({ collection, doc, overrideAccess, req }) => {
  if (overrideAccess || readsUnreleasedText(req)) return doc
  const hidden = unreleasedLocales(doc as StoredArticle)
  if (hidden.length === 0) return doc

  const withheld: Record<string, unknown> = { ...doc }
  for (const field of collection.fields) {
    if (!('name' in field) || !('localized' in field) || !field.localized) continue
    const value = withheld[field.name]
    if (!value || typeof value !== 'object' || Array.isArray(value)) continue
    const released = { ...(value as Record<string, unknown>) }
    for (const locale of hidden) delete released[locale]
    withheld[field.name] = released
  }
  return withheld
}
