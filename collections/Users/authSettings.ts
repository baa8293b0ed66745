import type { IncomingAuthType } from 'payload'

import { readAccountsEnvironment } from '../../src/settings/environment'

type Env = Record<string, string | undefined>

/**
 * How staff sign in (docs/security.md, "Accounts and sessions"):
 * - server-side sessions: every token names a session stored on the account,
 *   so signing out, a password change, a role change or deleting the account
 *   ends the tokens at once;
 * - LOGIN_MAX_ATTEMPTS wrong passwords in a row lock the account for
 *   LOGIN_LOCK_TIME_MS (at most a day), after which it unlocks by itself;
 * - the session cookie is HttpOnly (always, Payload sets it), SameSite=Lax,
 *   and Secure in production;
 * - the website's account authenticates with an API key only.
 */
export function usersAuthSettings(env: Env = process.env): IncomingAuthType {
  const accounts = readAccountsEnvironment(env)
  return {
    cookies: { sameSite: 'Lax', secure: accounts.secureCookies },
    lockTime: accounts.lockTimeMs,
    maxLoginAttempts: accounts.maxLoginAttempts,
    // `Authorization: users API-Key <key>`. Payload stores the key encrypted and
    // finds its account by an HMAC of it on every request, so a new key (rotation)
    // or a removed one (revocation) counts from the very next request.
    useAPIKey: true,
    useSessions: true,
  }
}
