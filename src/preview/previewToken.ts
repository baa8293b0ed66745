import { isPreviewCollection, type PreviewCollection } from './previewPaths'
import { signToken, verifiedTokenFields } from '../lib/signedToken'

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
  return signToken({ c: collection, e: expiresAt, i: id, l: locale, u: userId, v: VERSION }, secret, PURPOSE)
}

/** The claims of a token this CMS made and nobody altered (expired or not), else undefined. */
export function decodePreviewToken(token: string, secret: string): PreviewClaims | undefined {
  const fields = verifiedTokenFields(token, secret, PURPOSE)
  if (!fields) return undefined
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
