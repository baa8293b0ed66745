/**
 * The language of each CMS locale as feeds, sitemaps and other machine
 * readers name it (BCP 47): the Chinese content is written in simplified
 * characters, hence `zh-Hans` rather than a bare `zh`.
 */
const LANGUAGE_TAGS: Record<string, string> = { en: 'en', zh: 'zh-Hans' }

export function languageTag(locale: string): string {
  return LANGUAGE_TAGS[locale] ?? locale
}
