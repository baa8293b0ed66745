import type { PayloadRequest } from 'payload'

/**
 * Runs Local API calls inside a hook and puts the request's context and
 * languages back afterwards: a call given `req` leaves its own context and
 * locale on the request, which the save's later hooks would otherwise see.
 */
export async function keepingRequestState<T>(req: PayloadRequest, work: () => Promise<T>): Promise<T> {
  const { context, fallbackLocale, locale } = req
  try {
    return await work()
  } finally {
    req.context = context
    req.fallbackLocale = fallbackLocale
    req.locale = locale
  }
}
