import { createHmac } from 'node:crypto'

import type { Payload } from 'payload'
import { RateLimiterMemory, RateLimiterMongo, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible'

import { RATE_LIMIT_COUNTERS, rateLimitCounters, sweepEndedWindows } from '../database/rateLimitCounters'
import type { RateLimit, RateLimitStore } from '../settings/environment'

/** How a key stands after one more request: within its budget, or refused for `msBeforeNext`. */
export type Consumed = { allowed: true } | { allowed: false; msBeforeNext: number }

/** Counts one budget's requests per key in fixed windows (rate-limiter-flexible). */
export type BudgetLimiter = { consume(key: string): Promise<Consumed> }

async function consumeWith(limiter: RateLimiterAbstract, key: string): Promise<Consumed> {
  try {
    await limiter.consume(key)
    return { allowed: true }
  } catch (refusal) {
    // The limiter refuses with how the key stands; anything else is a failure.
    if (refusal instanceof RateLimiterRes) return { allowed: false, msBeforeNext: refusal.msBeforeNext }
    throw refusal
  }
}

/** In this process's memory: right for one server process. */
export function memoryLimiter(id: string, limit: RateLimit): BudgetLimiter {
  const limiter = new RateLimiterMemory({ duration: limit.windowSeconds, keyPrefix: id, points: limit.max })
  return { consume: (key) => consumeWith(limiter, key) }
}

/** After the database failed to count a request, how long this process counts alone before asking it again. */
const COUNT_ALONE_MS = 5_000

/**
 * In the CMS's database (src/database/rateLimitCounters.ts), so every
 * instance on it spends the same budget. Keys are stored as an HMAC under the
 * installation's secret: the collection (and backups of it) hold no client
 * addresses or e-mail addresses. A key over its budget is then refused from
 * this process's memory until its window ends, without asking the database.
 * While the database cannot be reached, this process counts on its own, and
 * asks the database again only every few seconds, so that in an outage a
 * request waits for it once (the request's own query), not twice.
 */
export function databaseLimiter(id: string, limit: RateLimit, payload: Payload): BudgetLimiter {
  const inProcess = new RateLimiterMemory({ duration: limit.windowSeconds, keyPrefix: id, points: limit.max })
  const open = async () => {
    const db = await rateLimitCounters(payload)
    const limiter = new RateLimiterMongo({
      disableIndexesCreation: true,
      duration: limit.windowSeconds,
      inMemoryBlockOnConsumed: limit.max + 1,
      keyPrefix: id,
      points: limit.max,
      storeClient: db,
      tableName: RATE_LIMIT_COUNTERS,
    })
    return { db, limiter }
  }
  let opened: ReturnType<typeof open> | undefined
  let aloneUntil = 0
  return {
    consume: async (key) => {
      const storedKey = createHmac('sha256', payload.secret).update(key).digest('base64url')
      if (Date.now() < aloneUntil) return consumeWith(inProcess, storedKey)
      try {
        opened ??= open().catch((error: unknown) => {
          opened = undefined
          throw error
        })
        const counters = await opened
        const consumed = await consumeWith(counters.limiter, storedKey)
        sweepEndedWindows(payload, counters.db)
        return consumed
      } catch (error) {
        aloneUntil = Date.now() + COUNT_ALONE_MS
        payload.logger.warn({ err: error, msg: `The ${id} budget cannot be counted in ${RATE_LIMIT_COUNTERS}: this process counts it alone for ${COUNT_ALONE_MS / 1000} s` })
        return consumeWith(inProcess, storedKey)
      }
    },
  }
}

/** The limiter of a budget kept in `store`. */
export function budgetLimiter(store: RateLimitStore, id: string, limit: RateLimit, payload: Payload): BudgetLimiter {
  return store === 'database' ? databaseLimiter(id, limit, payload) : memoryLimiter(id, limit)
}
