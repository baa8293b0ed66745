import type { NextFunction, Request, RequestHandler, Response } from 'express'

import { FixedWindowCounter } from './fixedWindowCounter'

export type RateLimit = { max: number; windowSeconds: number }

export type RateLimitPolicy = {
  /** Every /api request of a client (by IP address); `max` 0: no limit. */
  api: RateLimit
  /** Sign-in, password and first-user requests of a client (by IP address), on top of `api`. */
  auth: RateLimit
  /** Requests carrying a valid API key (the website's server), by account instead of address; `max` 0: no limit. */
  website: RateLimit
}

/** Account calls that guess or send secrets: a tighter budget per address. */
const AUTH_PATHS = /^\/api\/users\/(login|forgot-password|reset-password|first-register|unlock|refresh-token)\/?$/

type Budget = { counter: FixedWindowCounter; limit: RateLimit; name: string }

function budget(name: string, limit: RateLimit): Budget {
  return { counter: new FixedWindowCounter(limit.windowSeconds * 1000), limit, name }
}

function refuse(res: Response, retryAfterSeconds: number, name: string): void {
  res.setHeader('Retry-After', String(retryAfterSeconds))
  res.setHeader('Cache-Control', 'no-store')
  res.status(429).json({
    errors: [{ message: `Too many ${name} requests: try again in ${retryAfterSeconds} seconds` }],
  })
}

/**
 * Per-client request budgets for /api, answered with 429 and Retry-After
 * once spent. Clients are told apart by IP address (Express's `req.ip`, so
 * behind a proxy set TRUST_PROXY); a request with a valid API key (the
 * website's server, `accountOf` resolves it) spends its account's own,
 * larger budget instead, so the website is never throttled by the limits
 * meant for anonymous clients. Counts are kept in the process's memory.
 */
export function rateLimits(
  policy: RateLimitPolicy,
  accountOf: (authorization: string | undefined) => Promise<null | string>,
): RequestHandler {
  const api = budget('API', policy.api)
  const auth = budget('sign-in', policy.auth)
  const website = budget('API', policy.website)

  const spend = (which: Budget, key: string, res: Response): boolean => {
    if (which.limit.max === 0) return true
    const now = Date.now()
    const { count, resetAt } = which.counter.hit(key, now)
    res.setHeader(`RateLimit-Policy`, `${which.limit.max};w=${which.limit.windowSeconds}`)
    if (count <= which.limit.max) return true
    refuse(res, Math.max(1, Math.ceil((resetAt - now) / 1000)), which.name)
    return false
  }

  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.path.startsWith('/api/')) return next()
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown'
    if (req.method === 'POST' && AUTH_PATHS.test(req.path) && !spend(auth, address, res)) return

    accountOf(req.headers.authorization)
      // A key that cannot be checked (the database is away) counts as none.
      .catch(() => null)
      .then((account) => {
        const allowed = account ? spend(website, account, res) : spend(api, address, res)
        if (allowed) next()
      })
      .catch(next)
  }
}
