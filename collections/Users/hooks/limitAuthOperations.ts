import { type CollectionBeforeOperationHook, type PayloadRequest } from 'payload'

import { CLIENT_ADDRESS_HEADER, type RateLimitPolicy, sharedBudget, spend } from '../../../src/http/rateLimits'
import { currentRequestScope } from '../../../src/http/requestScope'
import { ClientError } from '../../../src/http/clientError'

/** Operations that check or send secrets: sign-in, password reset (both steps), unlocking, refreshing a token. */
const LIMITED_OPERATIONS = new Set(['forgotPassword', 'login', 'refresh', 'resetPassword', 'unlock'])
/** Those that name an account by its e-mail address, and so also spend that account's budget. */
const NAMING_AN_ACCOUNT = new Set(['forgotPassword', 'login', 'unlock'])

function accountOf(operation: string, args: { data?: unknown }): string | undefined {
  if (!NAMING_AN_ACCOUNT.has(operation)) return undefined
  const email = (args.data as { email?: unknown } | undefined)?.email
  return typeof email === 'string' && email.trim() ? email.trim().toLowerCase() : undefined
}

function refuse(req: PayloadRequest, message: string, retryAfterSeconds: number): never {
  // GraphQL would answer a thrown error in a 200: the API's edge answers 429 from this (src/http/requestScopeAnswers.ts).
  const scope = currentRequestScope()
  if (scope) scope.refusal = { message, retryAfterSeconds, status: 429 }
  const headers = req.responseHeaders ?? new Headers()
  headers.set('Retry-After', String(retryAfterSeconds))
  req.responseHeaders = headers
  throw new ClientError(message, 429)
}

/**
 * Budgets for the operations that guess or send secrets, spent by the
 * operation itself, so every way to reach it counts: REST in any spelling
 * Payload routes (`/api/users/LOGIN`, `/api/%75sers/login`), GraphQL
 * (`loginUser`, `forgotPasswordUser`, `resetPasswordUser`, `unlockUser`,
 * `refreshTokenUser`), and the first-user registration (an anonymous create).
 * Each spends one of its client address's RATE_LIMIT_AUTH_MAX, and, when it
 * names an account, one of that account's RATE_LIMIT_AUTH_ACCOUNT_MAX,
 * whether the account exists or not. Calls of the Local API (scripts, the
 * server itself) spend nothing, nor do route handlers called without the
 * server in front (the integration tests).
 */
export function limitAuthOperations(policy: RateLimitPolicy): CollectionBeforeOperationHook<'users'> {
  const perAddress = sharedBudget('auth-address', 'sign-in', policy.auth, policy.store)
  const perAccount = sharedBudget('auth-account', 'sign-in', policy.authAccount, policy.store)
  return async ({ args, operation, req }) => {
    if (req.payloadAPI === 'local') return args
    const firstUser = operation === 'create' && !req.user
    if (!LIMITED_OPERATIONS.has(operation) && !firstUser) return args
    // Set by the server on every request it hands on (src/http/rateLimits.ts); route handlers called
    // without it (the integration tests) spend nothing.
    const address = req.headers.get(CLIENT_ADDRESS_HEADER)
    if (!address) return args
    const byAddress = await spend(perAddress, address, req.payload)
    if (!byAddress.allowed) refuse(req, byAddress.message, byAddress.retryAfterSeconds)
    const account = accountOf(operation, args as { data?: unknown })
    if (account) {
      const byAccount = await spend(perAccount, account, req.payload)
      if (!byAccount.allowed) refuse(req, byAccount.message, byAccount.retryAfterSeconds)
    }
    return args
  }
}
