import type { RequestHandler } from 'express'

const READS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Narrows the rule Payload applies to the session cookie of a request that
 * has no `Origin` header. Payload uses the cookie when the browser marks the
 * request `Sec-Fetch-Site: same-origin`, `same-site` or `none`. For reads
 * that is right: a bookmark (`none`) or a link from the website
 * (`same-site`) opens the admin UI signed in. For writes only
 * `same-origin` is kept: a page on a sibling host (`same-site`) must not
 * write with an editor's session, and browsers never send a write marked
 * `none`. Any other write has its session cookie removed before Payload
 * sees it, so it is anonymous, and is refused where anonymous callers may
 * not write. (Browsers send `Origin` with every write they make; Payload
 * checks that one against SERVER_URL and CORS_ORIGINS.)
 */
export function sessionCookiePolicy(sessionCookie: string): RequestHandler {
  return (req, _res, next) => {
    const cookies = req.headers.cookie
    if (!cookies || READS.has(req.method) || req.headers.origin !== undefined || req.headers['sec-fetch-site'] === 'same-origin') return next()
    const kept = cookies
      .split(';')
      .filter((part) => part.trim().split('=', 1)[0] !== sessionCookie)
      .join(';')
    if (kept.trim()) req.headers.cookie = kept
    else delete req.headers.cookie
    next()
  }
}
