import type { Db } from 'mongodb'
import type { Payload } from 'payload'

import { nativeDatabase } from './payloadInternals'

/**
 * The collection in the CMS's own database where the request budgets are
 * counted when RATE_LIMIT_STORE=database (src/http/budgetLimiters.ts): one
 * document per key and window, `{ key, points, expire }`, written by
 * rate-limiter-flexible's MongoDB limiter. Not a Payload collection: nothing
 * in the admin UI or the API reads it.
 */
export const RATE_LIMIT_COUNTERS = 'rate-limit-counters'

/** How often one process deletes the counters whose window has ended. */
const SWEEP_INTERVAL_MS = 60_000

type Counters = { db: Db; lastSweep: number; ready: Promise<void> }

const prepared = new WeakMap<Db, Counters>()

async function createIndexes(db: Db, payload: Payload): Promise<void> {
  const counters = db.collection(RATE_LIMIT_COUNTERS)
  // Required: the limiter's upsert relies on a duplicate-key error to notice
  // that another instance started the same key's window first.
  await counters.createIndex({ key: 1 }, { name: 'key_unique', unique: true })
  try {
    // MongoDB deletes ended windows by itself with this; mongo-java-server
    // accepts it and never deletes (the sweep below does it there).
    await counters.createIndex({ expire: 1 }, { expireAfterSeconds: 0, name: 'expire_ttl' })
  } catch (error) {
    payload.logger.warn({ err: error, msg: `The database refused a TTL index on ${RATE_LIMIT_COUNTERS}: ended windows are deleted by the server instead` })
  }
}

/**
 * The database the counters live in, once their indexes exist (created at
 * the first call per connection; a server refusing the unique index stops
 * the start: src/server.ts awaits this).
 */
export async function rateLimitCounters(payload: Payload): Promise<Db> {
  const db = nativeDatabase(payload)
  let counters = prepared.get(db)
  if (!counters) {
    counters = { db, lastSweep: 0, ready: createIndexes(db, payload) }
    prepared.set(db, counters)
    counters.ready.catch(() => prepared.delete(db))
  }
  await counters.ready
  return db
}

/** Deletes the counters whose window ended by `now`; resolves with how many. */
export async function deleteEndedWindows(db: Db, now: Date): Promise<number> {
  const { deletedCount } = await db.collection(RATE_LIMIT_COUNTERS).deleteMany({ expire: { $lte: now } })
  return deletedCount
}

/**
 * Deletes the counters whose window has ended, at most once a minute per
 * process, in the background. A TTL index does this on MongoDB, within a
 * minute or so; on a server without TTL deletion the collection would
 * otherwise keep one document for every address and account ever counted.
 * Ended windows are never counted again either way: the limiter replaces them.
 */
export function sweepEndedWindows(payload: Payload, db: Db, now = Date.now()): void {
  const counters = prepared.get(db)
  if (!counters || now - counters.lastSweep < SWEEP_INTERVAL_MS) return
  counters.lastSweep = now
  deleteEndedWindows(db, new Date(now)).catch((error: unknown) =>
    payload.logger.warn({ err: error, msg: `Deleting ended windows from ${RATE_LIMIT_COUNTERS} failed; tried again in a minute` }),
  )
}
