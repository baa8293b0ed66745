import crypto from 'node:crypto'
import { promisify } from 'node:util'

import { LockedAuth, type CollectionBeforeOperationHook } from 'payload'

import type { AccountsEnvironment } from '../../../src/settings/environment'

const pbkdf2 = promisify(crypto.pbkdf2)

/**
 * The password check Payload makes for an existing account: PBKDF2-HMAC-SHA256,
 * 600,000 iterations, a 32-byte key (its `pbkdf2-sha256-v1` hashes; the
 * accounts suite checks that stored hashes are of that kind).
 */
const PASSWORD_CHECK = { digest: 'sha256', iterations: 600_000, keyLength: 32 } as const

type Attempts = { failures: number; lastAt: number; lockUntil: number }

/** The most addresses tried whose attempts are remembered; the oldest are forgotten first. */
const REMEMBERED = 10_000

/**
 * Makes a sign-in to an address without an account indistinguishable from
 * one with a wrong password. Payload answers an unknown address at once
 * (about 10 ms) and checks a known one's password (about 150 ms), and only
 * a real account ever said "locked". So, for an address without an account:
 *
 * - the same password check is made, against nothing, before Payload's own
 *   "The email or password provided is incorrect";
 * - its wrong attempts are counted as an account's are: after
 *   LOGIN_MAX_ATTEMPTS of them it answers Payload's lockout message for
 *   LOGIN_LOCK_TIME_MS (from the next attempt, as Payload does), as quickly
 *   as a locked account does.
 *
 * The counts are kept in this process's memory.
 */
export function answerUnknownAccountsAlike(accounts: Pick<AccountsEnvironment, 'lockTimeMs' | 'maxLoginAttempts'>): CollectionBeforeOperationHook<'users'> {
  const attempts = new Map<string, Attempts>()

  const remember = (email: string, entry: Attempts) => {
    attempts.delete(email)
    attempts.set(email, entry)
    if (attempts.size > REMEMBERED) attempts.delete(attempts.keys().next().value as string)
  }

  return async ({ args, collection, operation, req }) => {
    if (operation !== 'login') return args
    const { email, password } = ((args as { data?: unknown }).data ?? {}) as { email?: unknown; password?: unknown }
    if (typeof email !== 'string' || !email.trim() || typeof password !== 'string' || !password.trim()) return args
    const address = email.toLowerCase().trim()
    const account = await req.payload.db.findOne({ collection: collection.slug, req, select: { id: true }, where: { email: { equals: address } } })
    if (account) return args

    const now = Date.now()
    const known = attempts.get(address)
    const current: Attempts = known && known.lastAt + accounts.lockTimeMs > now ? known : { failures: 0, lastAt: now, lockUntil: 0 }
    if (current.lockUntil > now) throw new LockedAuth(req.t)
    await pbkdf2(password, crypto.randomBytes(32).toString('hex'), PASSWORD_CHECK.iterations, PASSWORD_CHECK.keyLength, PASSWORD_CHECK.digest)
    const failures = current.failures + 1
    // As for an account, the attempt that reaches the limit is still answered "incorrect"; the lock shows from the next.
    const locks = failures >= accounts.maxLoginAttempts
    remember(address, locks ? { failures: 0, lastAt: now, lockUntil: now + accounts.lockTimeMs } : { failures, lastAt: now, lockUntil: 0 })
    // Payload finds no account and answers as for a wrong password.
    return args
  }
}
