import type { CollectionAfterChangeHook, CollectionBeforeChangeHook } from 'payload'

import type { WebhookEndpoint } from '../../../../payload-types'
import { generateWebhookSecret, secretHint } from '../../../signature'

export const MIN_SECRET_LENGTH = 32

/**
 * Keeps the secret typed in (or generated for a new endpoint) in the hidden
 * `signingSecret` field, with a hint admins can recognise it by. An update
 * without a new secret keeps the one in use.
 */
export const storeSigningSecret: CollectionBeforeChangeHook<WebhookEndpoint> = ({ data, operation }) => {
  const typed = typeof data.secret === 'string' ? data.secret.trim() : ''
  const secret = typed || (operation === 'create' ? generateWebhookSecret() : '')
  if (!secret) return data
  return { ...data, secretHint: secretHint(secret), signingSecret: secret }
}

/** The answer to a creation is the one place the secret is given back in full. */
export const returnSecretOnCreate: CollectionAfterChangeHook<WebhookEndpoint> = ({ data, doc, operation }) => {
  if (operation !== 'create' || !data.signingSecret) return doc
  return { ...doc, secret: data.signingSecret }
}
