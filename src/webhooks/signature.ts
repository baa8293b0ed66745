import { createHmac, randomBytes } from 'node:crypto'

/** Request headers of a delivery. */
export const SIGNATURE_HEADER = 'Journal-Signature'
export const EVENT_HEADER = 'Journal-Event'
export const DELIVERY_HEADER = 'Journal-Delivery'

/**
 * The signature header of a delivery: `t=<unix seconds>,v1=<hex>`, where the
 * hex is the HMAC-SHA256, keyed with the endpoint's secret, of
 * `<t>.<body>`. Signing the time with the body lets a receiver refuse old
 * deliveries replayed to it (docs/webhooks.md).
 */
export function signatureHeader(secret: string, body: string, timestamp: number): string {
  const seconds = Math.floor(timestamp / 1000)
  const digest = createHmac('sha256', secret).update(`${seconds}.${body}`).digest('hex')
  return `t=${seconds},v1=${digest}`
}

const SECRET_PREFIX = 'whsec_'

/** A new endpoint secret: 32 random bytes, hex-encoded, with a prefix that says what it is. */
export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('hex')}`
}

/** What admins see of a stored secret: enough to tell two apart, not enough to use. */
export function secretHint(secret: string): string {
  return `…${secret.slice(-4)}`
}
