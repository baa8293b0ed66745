import crypto from 'node:crypto'

import type { Payload } from 'payload'

const REMEMBER_MS = 60_000

/**
 * Tells whether an `Authorization: users API-Key …` header names a real key,
 * the way Payload finds the key's account (an HMAC of the key, stored as
 * `apiKeyIndex`), remembering answers for a minute so a busy website costs
 * one lookup a minute. Returns the account id, or null for an unknown key.
 */
export function apiKeyAccounts(payload: Payload, collection = 'users') {
  const prefix = `${collection} API-Key `
  const remembered = new Map<string, { accountId: null | string; until: number }>()

  return async function accountOf(authorization: string | undefined): Promise<null | string> {
    if (!authorization?.startsWith(prefix)) return null
    const key = authorization.slice(prefix.length)
    const digest = crypto.createHash('sha256').update(key).digest('hex')
    const now = Date.now()
    const known = remembered.get(digest)
    if (known && known.until > now) return known.accountId

    const indexes = ['sha1', 'sha256'].map((algorithm) => crypto.createHmac(algorithm, payload.secret).update(key).digest('hex'))
    const { docs } = await payload.find({
      collection: collection as 'users',
      depth: 0,
      limit: 1,
      overrideAccess: true,
      pagination: false,
      select: { roles: true },
      where: { or: indexes.map((index) => ({ apiKeyIndex: { equals: index } })) },
    })
    const accountId = docs[0] ? String(docs[0].id) : null
    if (remembered.size > 1000) remembered.clear()
    remembered.set(digest, { accountId, until: now + REMEMBER_MS })
    return accountId
  }
}
