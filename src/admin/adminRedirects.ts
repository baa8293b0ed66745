import type { Request, RequestHandler } from 'express'
import type { Payload } from 'payload'

import { landingPage } from './landingPage'

function headersOf(req: Request): Headers {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value)
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item)
  }
  return headers
}

/** The request's path and query with `name` set to `value`. */
function withQueryParameter(req: Request, name: string, value: string): string {
  const url = new URL(req.originalUrl, 'http://localhost')
  url.searchParams.set(name, value)
  return url.pathname + url.search
}

/**
 * Redirects of the admin UI that must happen before Next renders a page
 * (both work for full page loads and for the admin UI's own navigations,
 * whose requests follow redirects):
 *
 * - "Create New" opens in the default language. Payload would open it in the
 *   language the editor last used (a stored preference), so after editing
 *   an author in 中文 a new article opened in 中文 and English text went into
 *   the Chinese version. A create view without `locale` is sent to the same
 *   view with the default locale, which Payload then also remembers.
 * - The dashboard address of a user with a landing page of their own
 *   (contacts staff: the directory) is sent there at once, instead of
 *   rendering the dashboard first and redirecting from it (a blank page).
 */
export function adminRedirects(payload: Payload): RequestHandler {
  const adminRoute = payload.config.routes.admin
  const localization = payload.config.localization
  const createView = new RegExp(`^${adminRoute}/collections/[^/]+/create/?$`)
  const dashboard = new Set([adminRoute, `${adminRoute}/`])

  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next()
    if (localization && createView.test(req.path) && !new URL(req.originalUrl, 'http://localhost').searchParams.has('locale')) {
      res.set('Cache-Control', 'no-store').redirect(302, withQueryParameter(req, 'locale', localization.defaultLocale))
      return
    }
    if (!dashboard.has(req.path)) return next()
    payload
      .auth({ headers: headersOf(req) })
      .then(({ user }) => {
        const landing = landingPage(user, adminRoute)
        if (!landing) return next()
        const query = new URL(req.originalUrl, 'http://localhost').search
        res.set('Cache-Control', 'no-store').redirect(302, landing + query)
      })
      .catch(() => next())
  }
}
