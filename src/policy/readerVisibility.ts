import type { PayloadRequest, Where } from 'payload'

import { LOCALES } from './languages'
import { can } from './roles'

/**
 * What a reader (anyone without a capability that shows more) sees: published
 * articles, in the languages they are released in; sections shown on the
 * website (the section and every one above it active); visible directory
 * entries. Access functions, the reads of delivery, discovery and search, and
 * the webhooks' "what readers see" all take the rule from here.
 */

/** A document as a hook or a read has it. */
type Stored = Readonly<Record<string, unknown>>

/** Articles: the published version. */
export const PUBLISHED: Where = { _status: { equals: 'published' } }

/** True when an article as stored is the published version readers get (`_status` per language too, with locale=all). */
export function isPublished(article: Stored): boolean {
  const status = article._status
  if (status && typeof status === 'object') return Object.values(status).includes('published')
  return status === 'published'
}

/** Sections shown on the website (`shownToReaders`, kept by collections/Sections/hooks/setShownToReaders.ts). */
export const SHOWN_SECTION: Where = { shownToReaders: { equals: true } }

export function isShownSection(section: Stored): boolean {
  return section.shownToReaders !== false
}

/** Directory entries readers see. */
export const VISIBLE_CONTACT: Where = { visible: { equals: true } }

export function isVisibleContact(contact: Stored): boolean {
  return contact.visible !== false
}

/** Articles released in a language: complete in it and not withheld (`availableLocales`). */
export function releasedIn(locale: string): Where {
  return { availableLocales: { in: [locale] } }
}

export function isReleasedIn(article: { availableLocales?: null | readonly string[] }, locale: string): boolean {
  return Boolean(article.availableLocales?.includes(locale))
}

/**
 * Who reads every version and language as written in this request: the
 * people who write and edit, and the website's preview reads (its key asking
 * for drafts). Everyone else gets published versions and released languages.
 */
export function readsUnreleasedText(req: Pick<PayloadRequest, 'query' | 'user'>): boolean {
  if (can(req.user, 'readDrafts')) return true
  return can(req.user, 'readDraftsOnRequest') && req.query?.draft === 'true'
}

type ReleaseFacts = { availableLocales?: null | readonly string[]; withheldLocales?: null | readonly string[] }

/**
 * The languages of an article readers must not see: those it is not
 * complete in, or that editors withhold (a translation in progress), once it
 * is complete in at least one language. An article complete in none is
 * shown as written, less the withheld languages.
 */
export function unreleasedLocales(article: ReleaseFacts, locales: readonly string[] = LOCALES): string[] {
  const available = article.availableLocales ?? []
  const withheld = article.withheldLocales ?? []
  if (available.length === 0) return locales.filter((locale) => withheld.includes(locale))
  return locales.filter((locale) => !available.includes(locale))
}
