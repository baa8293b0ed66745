import { LANGUAGES } from './languages'

/**
 * What search engines are told of a page: its `meta` group (the search and
 * sharing fields editors fill in per language, added by src/seo/plugin.ts)
 * says whether a language's page is hidden from them. The website's page
 * calls (robots), and the sitemap (which leaves hidden pages out), both
 * decide from here.
 */

/** The name of the search-and-sharing group on articles, sections, authors and the site. */
export const SEARCH_META_FIELD = 'meta'

export const ROBOTS_INDEX = 'index,follow'
export const ROBOTS_NOINDEX = 'noindex,nofollow'

type MetaValue = { noindex?: boolean | null } | null | undefined

/** The language a reader of `locale` gets where it is not translated (none for the default language). */
function fallbackOf(locale: string): string | undefined {
  const language = LANGUAGES.find((candidate) => candidate.code === locale)
  return language && 'fallback' in language ? language.fallback : undefined
}

/**
 * Whether a page is hidden from search engines in `locale`, from its `meta`
 * group read with every language (locale=all). A language whose own text is
 * there (`hasOwnText`) has a group of its own, empty when never filled in;
 * one without its own text is served the fallback's text and group, as
 * readers' pages are (src/seo/hooks.ts).
 */
export function hiddenFromSearchEnginesIn(meta: Record<string, MetaValue> | null | undefined, locale: string, hasOwnText: (locale: string) => boolean): boolean {
  const seen = new Set<string>()
  for (let current: string | undefined = locale; current && !seen.has(current); current = fallbackOf(current)) {
    seen.add(current)
    const own = meta?.[current]
    if (own || hasOwnText(current)) return own?.noindex === true
  }
  return false
}

/** Whether a localized text (read with every language) has a value in `locale`. */
export function hasTextIn(text: unknown, locale: string): boolean {
  const value = text && typeof text === 'object' ? (text as Record<string, unknown>)[locale] : undefined
  return typeof value === 'string' && value.trim() !== ''
}

/** The robots directive for a page read in one language (its `meta` group as read). */
export function robotsOf(meta: MetaValue, { preview = false }: { preview?: boolean } = {}): string {
  return preview || meta?.noindex === true ? ROBOTS_NOINDEX : ROBOTS_INDEX
}
