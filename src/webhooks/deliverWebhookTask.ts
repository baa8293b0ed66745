import type { PayloadRequest, TaskConfig } from 'payload'

import type { WebhookEnvironment } from './settings'
import type { WebhookDelivery } from '../payload-types'
import { DELIVER_WEBHOOK_TASK, WEBHOOK_DELIVERIES_SLUG, WEBHOOK_ENDPOINTS_SLUG } from './events'
import { sendWebhook, type SendResult } from './send'
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signatureHeader } from './signature'

type Target = { name: string; secret: string; url: string }

/** The endpoint as it is now (its URL may have been corrected since the event), or why it cannot be sent to. */
async function currentTarget(
  delivery: WebhookDelivery,
  req: PayloadRequest,
  settings: WebhookEnvironment,
): Promise<{ problem: string } | Target> {
  if (delivery.environmentEndpoint) {
    const endpoint = settings.endpoints.find(({ name }) => name === delivery.endpointName)
    if (!endpoint) return { problem: `WEBHOOK_ENDPOINTS no longer has an endpoint named "${delivery.endpointName}"` }
    return endpoint
  }
  const id = typeof delivery.endpoint === 'object' ? delivery.endpoint?.id : delivery.endpoint
  const endpoint = id
    ? await req.payload.findByID({
        collection: WEBHOOK_ENDPOINTS_SLUG,
        depth: 0,
        disableErrors: true,
        id,
        overrideAccess: true,
        req,
        showHiddenFields: true,
      })
    : null
  if (!endpoint) return { problem: 'The endpoint was deleted before the event could be delivered' }
  if (!endpoint.enabled) return { problem: 'The endpoint was disabled before the event could be delivered' }
  if (!endpoint.signingSecret) return { problem: 'The endpoint has no signing secret' }
  return { name: endpoint.name, secret: endpoint.signingSecret, url: endpoint.url }
}

type Outcome = { outcome: 'delivered' | 'failed' | 'missing' | 'pending' }

/**
 * Sends one logged delivery. A failure that may pass (a timeout, a refused
 * connection, a non-2xx answer) is thrown so the jobs queue tries again after
 * an exponentially growing wait; the last failure, or one that cannot pass,
 * marks the delivery failed. Every attempt is written to the delivery log.
 */
async function deliver(deliveryId: string, req: PayloadRequest, settings: WebhookEnvironment): Promise<Outcome> {
  const delivery = await req.payload.findByID({
    collection: WEBHOOK_DELIVERIES_SLUG,
    depth: 0,
    disableErrors: true,
    id: deliveryId,
    overrideAccess: true,
    req,
  })
  if (!delivery) return { outcome: 'missing' }
  if (delivery.status !== 'pending') return { outcome: delivery.status }

  const attempt = (delivery.attempts ?? 0) + 1
  const attemptedAt = new Date()
  const target = await currentTarget(delivery, req, settings)
  let result: SendResult
  if ('problem' in target) {
    result = { durationMs: 0, error: target.problem, ok: false, permanent: true }
  } else {
    const body = JSON.stringify(delivery.payload)
    result = await sendWebhook({
      allowPrivateTargets: settings.allowPrivateTargets,
      body,
      headers: {
        [DELIVERY_HEADER]: String(delivery.id),
        [EVENT_HEADER]: delivery.eventType,
        [SIGNATURE_HEADER]: signatureHeader(target.secret, body, attemptedAt.getTime()),
      },
      timeoutMs: settings.timeoutMs,
      url: target.url,
    })
  }

  const willRetry = !result.ok && !result.permanent && attempt < settings.maxAttempts
  const status = result.ok ? 'delivered' : willRetry ? 'pending' : 'failed'
  // The queue waits 2^(n-1) × the base delay after the n-th failed attempt.
  const nextAttemptAt = willRetry ? new Date(Date.now() + settings.retryDelayMs * 2 ** (attempt - 1)).toISOString() : null
  await req.payload.update({
    collection: WEBHOOK_DELIVERIES_SLUG,
    data: {
      attemptLog: [
        ...(delivery.attemptLog ?? []),
        {
          attemptedAt: attemptedAt.toISOString(),
          durationMs: result.durationMs,
          error: result.error ?? null,
          responseStatus: result.responseStatus ?? null,
        },
      ],
      attempts: attempt,
      deliveredAt: result.ok ? new Date().toISOString() : null,
      durationMs: result.durationMs,
      lastAttemptAt: attemptedAt.toISOString(),
      lastError: result.error ?? null,
      lastResponseStatus: result.responseStatus ?? null,
      nextAttemptAt,
      status,
      url: 'problem' in target ? delivery.url : target.url,
    },
    depth: 0,
    id: delivery.id,
    overrideAccess: true,
    req,
  })

  const where = `${delivery.eventType} to ${delivery.endpointName} (delivery ${delivery.id}, attempt ${attempt} of ${settings.maxAttempts})`
  if (result.ok) {
    req.payload.logger.info(`Delivered ${where} in ${result.durationMs} ms`)
  } else if (willRetry) {
    // Thrown for the queue to retry; it logs the error itself.
    throw new Error(`Could not deliver ${where}: ${result.error}`)
  } else {
    req.payload.logger.warn(`Gave up delivering ${where}: ${result.error}`)
  }
  return { outcome: status }
}

/**
 * The jobs task that sends queued deliveries, with the retry schedule from
 * WEBHOOK_MAX_ATTEMPTS and WEBHOOK_RETRY_DELAY_MS.
 */
export function deliverWebhookTask(settings: WebhookEnvironment): TaskConfig<'deliverWebhook'> {
  return {
    slug: DELIVER_WEBHOOK_TASK,
    handler: async ({ input, req }) => ({ output: await deliver(input.deliveryId, req, settings) }),
    inputSchema: [{ name: 'deliveryId', type: 'text', required: true }],
    label: 'Deliver a change notification',
    outputSchema: [{ name: 'outcome', type: 'text', required: true }],
    retries: {
      attempts: settings.maxAttempts - 1,
      backoff: { delay: settings.retryDelayMs, type: 'exponential' },
    },
  }
}
