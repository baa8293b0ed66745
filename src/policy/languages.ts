import type { LocalizationConfig } from 'payload'

type Language = {
  /** The key biblatex's `language` field names it by. */
  biblatex: string
  /** The locale code: the key of its text in localized fields, the `locale` callers send. */
  code: string
  /** The language readers of this one get where a field is not translated. */
  fallback?: string
  /** Its name, written in it, for the admin UI. */
  label: string
  /** BCP 47 tag, for machine readers. */
  tag: string
}

/**
 * The journal's languages, the default first. Everything that names the
 * languages comes from this list: Payload's `localization`, the `Locale`
 * type, the options of language fields, the OpenAPI enums and every check of
 * a `locale` a caller sent. A third language is one more line here.
 */
export const LANGUAGES = [
  { biblatex: 'english', code: 'en', label: 'English', tag: 'en' },
  // Written in simplified characters: machine readers (feeds, sitemaps, JSON-LD, CSL) get `zh-Hans`.
  { biblatex: 'chinese', code: 'zh', fallback: 'en', label: '中文', tag: 'zh-Hans' },
] as const satisfies readonly Language[]

export type Locale = (typeof LANGUAGES)[number]['code']

/** What a reader may ask for: one language, or `all` side by side. */
export type ReaderLocale = 'all' | Locale

/** The language codes, the default first. */
export const LOCALES: readonly Locale[] = LANGUAGES.map((language) => language.code)

export const DEFAULT_LOCALE: Locale = LANGUAGES[0].code

/** The locales a reader may ask for, `all` last. */
export const READER_LOCALES: readonly ReaderLocale[] = [...LOCALES, 'all']

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

function languageOf(locale: string): Language | undefined {
  return LANGUAGES.find((language) => language.code === locale)
}

/** The language as machine readers name it (BCP 47); a code that is not a language passes through. */
export function languageTag(locale: string): string {
  return languageOf(locale)?.tag ?? locale
}

/** The language's name, written in it; a code that is not a language passes through. */
export function languageLabel(locale: string): string {
  return languageOf(locale)?.label ?? locale
}

/** biblatex's key for the language. */
export function biblatexLanguage(locale: Locale): string {
  return languageOf(locale)!.biblatex
}

/** `{ label, value }` of each language, for select fields. */
export function localeOptions(): { label: string; value: Locale }[] {
  return LANGUAGES.map(({ code, label }) => ({ label, value: code }))
}

/** Payload's `localization`: a fresh object, since Payload completes the one it is given. */
export function localizationConfig(): LocalizationConfig {
  return {
    defaultLocale: DEFAULT_LOCALE,
    fallback: true,
    locales: LANGUAGES.map((language) => ({
      code: language.code,
      ...('fallback' in language ? { fallbackLocale: language.fallback } : {}),
      label: language.label,
    })),
  }
}
