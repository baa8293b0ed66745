import type { CollectionBeforeReadHook, PayloadRequest } from 'payload'

import { hasRole } from '../../../src/lib/roles'
import type { Article } from '../../../src/payload-types'

type StoredArticle = Record<string, unknown> & Pick<Article, 'availableLocales' | 'withheldLocales'>

/** Who reads every language as written: the people who write and translate, and the website's preview reads. */
export function readsUnreleasedText(req: PayloadRequest): boolean {
  if (hasRole(req.user, 'admin', 'editor', 'contributor')) return true
  return hasRole(req.user, 'website') && req.query?.draft === 'true'
}

/**
 * The languages of an article readers must not see: those it is not
 * complete in, or that editors withhold (a translation in progress), once it
 * is complete in at least one language. An article complete in none is
 * shown as written, less the withheld languages.
 */
export function unreleasedLocales(article: StoredArticle, locales: readonly string[]): string[] {
  const available = article.availableLocales ?? []
  const withheld = article.withheldLocales ?? []
  if (available.length === 0) return locales.filter((locale) => withheld.includes(locale as never))
  return locales.filter((locale) => !available.includes(locale as never))
}

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
  const locales = req.payload.config.localization ? req.payload.config.localization.localeCodes : []
  const hidden = unreleasedLocales(doc as StoredArticle, locales)
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
