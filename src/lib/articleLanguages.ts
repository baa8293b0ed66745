import { lexicalPlainText } from './lexicalPlainText'

/** An article's text in one language, as far as completeness goes. */
export type LanguageContent = { body?: unknown; lead?: null | string; title?: null | string }

/** Complete: title, lead and body all written. */
export function isCompleteIn(content: LanguageContent): boolean {
  return Boolean(content.title?.trim() && content.lead?.trim() && lexicalPlainText(content.body as never))
}

/**
 * The languages readers get (`availableLocales`: complete and not withheld)
 * and the rest (`missingLocales`), from each language's content.
 */
export function articleLanguages(
  locales: readonly string[],
  contentIn: (locale: string) => LanguageContent,
  withheld: readonly string[] = [],
): { availableLocales: string[]; missingLocales: string[] } {
  const available = locales.filter((locale) => isCompleteIn(contentIn(locale)) && !withheld.includes(locale))
  return { availableLocales: available, missingLocales: locales.filter((locale) => !available.includes(locale)) }
}
