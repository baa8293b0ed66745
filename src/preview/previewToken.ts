import { createHmac, timingSafeEqual } from 'node:crypto'

import { isPreviewCollection, type PreviewCollection } from './previewPaths'

/**
 * Preview tokens: short-lived proof that a signed-in editor (or contributor)
 * asked to preview one document in one language. The website exchanges one
 * at GET /api/preview for that document's latest draft, without an API key.
 *
 * A token is the base64url JSON of its claims, a dot, and an HMAC-SHA-256 of
 * that under a key derived from the Payload secret for this purpose only
 * (neither the secret nor the key used for other tokens): nobody can forge
 * one or change what it names, and changing the secret revokes every token.
 */

export type PreviewClaims = {
  collection: PreviewCollection
  /** Unix seconds after which the token is refused. */
  expiresAt: number
  id: string
  locale: string
  /** The user the token was made for: the exchange reads the document with their access. */
  userId: string
}

const VERSION = 1
const PURPOSE = 'Journal CMS preview token'

function keyOf(secret: string): Buffer {
  return createHmac('sha256', secret).update(PURPOSE).digest()
}

function signatureOf(secret: string, body: string): Buffer {
  return createHmac('sha256', keyOf(secret)).update(body).digest()
}

/**
 * When a token made now expires: `ttlSeconds` after the start of the current
 * step of a sixth of the lifetime. Tokens made within one step are the same,
 * so the preview URL does not change (and the live preview pane does not
 * reload) on every autosave; each is valid for at least five sixths of the
 * lifetime and never longer than it.
 */
export function previewExpiry(ttlSeconds: number, now = Date.now()): number {
  const step = Math.max(1, Math.floor(ttlSeconds / 6))
  const seconds = Math.floor(now / 1000)
  return seconds - (seconds % step) + ttlSeconds
}

export function encodePreviewToken(claims: PreviewClaims, secret: string): string {
  const { collection, expiresAt, id, locale, userId } = claims
  const body = Buffer.from(JSON.stringify({ c: collection, e: expiresAt, i: id, l: locale, u: userId, v: VERSION })).toString('base64url')
  return `${body}.${signatureOf(secret, body).toString('base64url')}`
}

const BASE64URL = /^[A-Za-z0-9_-]+$/

/** The claims of a token this CMS made and nobody altered (expired or not), else undefined. */
export function decodePreviewToken(token: string, secret: string): PreviewClaims | undefined {
  const [body, signature, ...rest] = token.split('.')
  if (rest.length || !body || !signature || !BASE64URL.test(body) || !BASE64URL.test(signature)) return undefined
  const given = Buffer.from(signature, 'base64url')
  const expected = signatureOf(secret, body)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined
  let fields: Record<string, unknown>
  try {
    fields = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>
  } catch {
    return undefined
  }
  const { c: collection, e: expiresAt, i: id, l: locale, u: userId, v: version } = fields
  if (
    version !== VERSION ||
    !isPreviewCollection(collection) ||
    typeof expiresAt !== 'number' ||
    !Number.isSafeInteger(expiresAt) ||
    typeof id !== 'string' ||
    typeof locale !== 'string' ||
    typeof userId !== 'string'
  ) {
    return undefined
  }
  return { collection, expiresAt, id, locale, userId }
}
