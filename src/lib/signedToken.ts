import { createHmac, timingSafeEqual } from 'node:crypto'

const BASE64URL = /^[A-Za-z0-9_-]+$/

/** A key of its own per purpose, derived from the Payload secret: a token of one kind never passes as another. */
function keyOf(secret: string, purpose: string): Buffer {
  return createHmac('sha256', secret).update(purpose).digest()
}

function signatureOf(secret: string, purpose: string, body: string): Buffer {
  return createHmac('sha256', keyOf(secret, purpose)).update(body).digest()
}

/**
 * A token carrying `fields`: their JSON in base64url, a dot, and an
 * HMAC-SHA-256 of that under a key derived from the secret for `purpose`.
 * Readable by anyone, alterable by no one without the secret.
 */
export function signToken(fields: Record<string, unknown>, secret: string, purpose: string): string {
  const body = Buffer.from(JSON.stringify(fields)).toString('base64url')
  return `${body}.${signatureOf(secret, purpose, body).toString('base64url')}`
}

/** The fields of a token signed for `purpose` with `secret` and not altered since, else undefined. */
export function verifiedTokenFields(token: string, secret: string, purpose: string): Record<string, unknown> | undefined {
  const [body, signature, ...rest] = token.split('.')
  if (rest.length || !body || !signature || !BASE64URL.test(body) || !BASE64URL.test(signature)) return undefined
  const given = Buffer.from(signature, 'base64url')
  const expected = signatureOf(secret, purpose, body)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined
  try {
    const fields = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown
    return fields && typeof fields === 'object' && !Array.isArray(fields) ? (fields as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}
