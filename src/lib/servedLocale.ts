import type { PayloadRequest } from 'payload'

/**
 * The language a reader really gets when asking for `requested`: that one when
 * the document is complete in it, else the first complete language along the
 * fallback chain (zh falls back to en), else the requested one (nothing is
 * complete yet, the reader sees whatever is written). `null` for
 * locale=all, where every language is returned side by side.
 */
export function servedLocale({
  available,
  fallback,
  requested,
}: {
  available: readonly string[]
  fallback: readonly string[]
  requested: string | undefined
}): null | string {
  if (!requested || requested === 'all') return null
  if (available.includes(requested)) return requested
  return fallback.find((locale) => available.includes(locale)) ?? requested
}

/** The fallback chain of the request's locale, as Payload resolved it: none when fallbacks are off. */
export function fallbackChain(req: Pick<PayloadRequest, 'fallbackLocale' | 'locale'>): string[] {
  const fallback = req.fallbackLocale as false | null | string | string[] | undefined
  if (!fallback || !req.locale || req.locale === 'all') return []
  return (Array.isArray(fallback) ? fallback : [fallback]).filter((locale) => locale !== req.locale)
}
