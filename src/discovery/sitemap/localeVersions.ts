import { languageTag } from '../../policy/languages'
import type { SitemapAlternate, SitemapUrl } from './sitemapXml'

/**
 * One `<url>` per language a page exists in. When there are several, each
 * lists all of them as hreflang alternates, itself included, plus
 * `x-default` for the default language's version (what a reader of any
 * other language is offered). A page in one language only gets no
 * alternates: there is nothing to point to.
 */
export function localeVersions(
  locales: readonly string[],
  defaultLocale: string,
  urlOf: (locale: string) => string,
  lastmod: string | undefined,
): SitemapUrl[] {
  const alternates: SitemapAlternate[] =
    locales.length > 1
      ? [
          ...locales.map((locale) => ({ href: urlOf(locale), hreflang: languageTag(locale) })),
          ...(locales.includes(defaultLocale) ? [{ href: urlOf(defaultLocale), hreflang: 'x-default' }] : []),
        ]
      : []
  return locales.map((locale) => ({ alternates, lastmod, loc: urlOf(locale) }))
}
