import type { NextFunction, Request, RequestHandler, Response } from 'express'

import { FixedWindowCounter, type WindowCount } from './fixedWindowCounter'

import type { RateLimit, RateLimitPolicy } from '../settings/environment'

export type { RateLimit, RateLimitPolicy }

/**
 * Where a budget's counts are kept. The counts here are in the process's
 * memory; a store shared by several server processes (in the database, say)
 * implements the same: count one more hit for `key` in its current window.
 */
export interface BudgetStore {
  hit(key: string, now: number): Promise<WindowCount>
}

/** In this process's memory, in fixed windows. */
export function memoryBudgetStore(windowMs: number): BudgetStore {
  const counter = new FixedWindowCounter(windowMs)
  return { hit: async (key, now) => counter.hit(key, now) }
}

export type Budget = { limit: RateLimit; name: string; store: BudgetStore }

export type Spent = { allowed: true } | { allowed: false; message: string; retryAfterSeconds: number }

/** Spends one unit of `key`'s budget; once it is spent, says for how long the key is refused. */
export async function spend(budget: Budget, key: string, now = Date.now()): Promise<Spent> {
  if (budget.limit.max === 0) return { allowed: true }
  const { count, resetAt } = await budget.store.hit(key, now)
  if (count <= budget.limit.max) return { allowed: true }
  const retryAfterSeconds = Math.max(1, Math.ceil((resetAt - now) / 1000))
  return { allowed: false, message: `Too many ${budget.name} requests: try again in ${retryAfterSeconds} seconds`, retryAfterSeconds }
}

const BUDGETS = Symbol.for('journal-cms.budgets')

/**
 * The budget of that id and limit (`name` is how its 429 speaks of it), one per process: the server's bundle
 * and Next's bundle each hold a copy of this module, and a budget must be
 * counted once whichever copy spends it.
 */
export function sharedBudget(id: string, name: string, limit: RateLimit): Budget {
  const registry = ((globalThis as { [BUDGETS]?: Map<string, Budget> })[BUDGETS] ??= new Map())
  const key = `${id}:${limit.max}/${limit.windowSeconds}`
  let budget = registry.get(key)
  if (!budget) {
    budget = { limit, name, store: memoryBudgetStore(limit.windowSeconds * 1000) }
    registry.set(key, budget)
  }
  return budget
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
  policy: RateLimitPolicy,
  accountOf: (authorization: string | undefined) => Promise<null | string>,
): RequestHandler {
  const api = sharedBudget('api', 'API', policy.api)
  const website = sharedBudget('website', 'API', policy.website)

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
        const spent = await spend(which, account ?? address)
        if (which.limit.max > 0) budgetPolicy(which)
        if (spent.allowed) next()
        else refuse(res, spent)
      })
      .catch(next)
  }
}
