import type { NextFunction, Request, RequestHandler, Response } from 'express'
import type { Payload } from 'payload'

import { budgetLimiter, type BudgetLimiter } from './budgetLimiters'

import type { RateLimit, RateLimitPolicy, RateLimitStore } from '../settings/environment'

export type { RateLimit, RateLimitPolicy }

/**
 * A request budget: `limit.max` requests per key and window, counted in
 * `store` (RATE_LIMIT_STORE); `name` is how its 429 speaks of it.
 */
export type Budget = { id: string; limit: RateLimit; name: string; store: RateLimitStore }

export type Spent = { allowed: true } | { allowed: false; message: string; retryAfterSeconds: number }

const LIMITERS = Symbol.for('journal-cms.budget-limiters')

/**
 * The budget's limiter, one per process and database connection: the
 * server's bundle and Next's bundle each hold a copy of this module, and a
 * budget must be counted once whichever copy spends it.
 */
function limiterOf(budget: Budget, payload: Payload): BudgetLimiter {
  type Registry = { database: WeakMap<Payload, Map<string, BudgetLimiter>>; memory: Map<string, BudgetLimiter> }
  const registry = ((globalThis as { [LIMITERS]?: Registry })[LIMITERS] ??= { database: new WeakMap(), memory: new Map() })
  let limiters = registry.memory
  if (budget.store === 'database') {
    limiters = registry.database.get(payload) ?? new Map()
    registry.database.set(payload, limiters)
  }
  const id = `${budget.id}:${budget.limit.max}/${budget.limit.windowSeconds}`
  let limiter = limiters.get(id)
  if (!limiter) limiters.set(id, (limiter = budgetLimiter(budget.store, budget.id, budget.limit, payload)))
  return limiter
}

/** Spends one unit of `key`'s budget; once it is spent, says for how long the key is refused. */
export async function spend(budget: Budget, key: string, payload: Payload): Promise<Spent> {
  if (budget.limit.max === 0) return { allowed: true }
  const consumed = await limiterOf(budget, payload).consume(key)
  if (consumed.allowed) return { allowed: true }
  const retryAfterSeconds = Math.max(1, Math.ceil(consumed.msBeforeNext / 1000))
  return { allowed: false, message: `Too many ${budget.name} requests: try again in ${retryAfterSeconds} seconds`, retryAfterSeconds }
}

/** The budget of that id (`name` is how its 429 speaks of it), limit and store. */
export function sharedBudget(id: string, name: string, limit: RateLimit, store: RateLimitStore): Budget {
  return { id, limit, name, store }
}

/**
 * The client's address as this server decided it (Express's `req.ip`, after
 * TRUST_PROXY), handed to Payload's hooks (collections/Users/hooks/limitAuthOperations.ts).
 * Set on every request, so a client cannot send its own.
 */
export const CLIENT_ADDRESS_HEADER = 'x-journal-client-address'

function refuse(res: Response, spent: Extract<Spent, { allowed: false }>): void {
  res.setHeader('Retry-After', String(spent.retryAfterSeconds))
  res.setHeader('Cache-Control', 'no-store')
  res.status(429).json({ errors: [{ message: spent.message }] })
}

/**
 * Per-client request budgets for /api, answered with 429 and Retry-After
 * once spent. Clients are told apart by IP address (Express's `req.ip`, so
 * behind a proxy set TRUST_PROXY); a request with a valid API key (the
 * website's server, `accountOf` resolves it) spends its account's own,
 * larger budget instead, so the website is never throttled by the limits
 * meant for anonymous clients.
 *
 * Sign-in and password operations have budgets of their own, spent by the
 * operation itself whichever way it is reached (REST in any spelling Payload
 * routes, GraphQL): collections/Users/hooks/limitAuthOperations.ts. This
 * middleware hands it the client's address.
 */
export function rateLimits(
  payload: Payload,
  policy: RateLimitPolicy,
  accountOf: (authorization: string | undefined) => Promise<null | string>,
): RequestHandler {
  const api = sharedBudget('api', 'API', policy.api, policy.store)
  const website = sharedBudget('website', 'API', policy.website, policy.store)

  return (req: Request, res: Response, next: NextFunction) => {
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown'
    req.headers[CLIENT_ADDRESS_HEADER] = address
    if (!req.path.startsWith('/api/')) return next()

    const budgetPolicy = (which: Budget) => res.setHeader('RateLimit-Policy', `${which.limit.max};w=${which.limit.windowSeconds}`)
    accountOf(req.headers.authorization)
      // A key that cannot be checked (the database is away) counts as none.
      .catch(() => null)
      .then(async (account) => {
        const which = account ? website : api
        const spent = await spend(which, account ?? address, payload)
        if (which.limit.max > 0) budgetPolicy(which)
        if (spent.allowed) next()
        else refuse(res, spent)
      })
      .catch(next)
  }
}
