import { ref } from '../openapi/builders'
import type { OpenApiPart } from '../openapi/parts'
import { WEBHOOK_ACTIONS, WEBHOOK_COLLECTIONS } from './events'

/** The change notification the CMS sends, and its body: the webhooks' part of the OpenAPI document. */
export const webhooksOpenApi: OpenApiPart = {
  schemas: {
    WebhookEvent: {
      description: 'The JSON body of a change notification (docs/webhooks.md).',
      properties: {
        action: { enum: [...WEBHOOK_ACTIONS], type: 'string' },
        collection: { enum: [...WEBHOOK_COLLECTIONS], type: 'string' },
        document: {
          properties: {
            id: { type: 'string' },
            slug: { additionalProperties: { type: 'string' }, description: 'Per language; null for contacts and media.', type: ['object', 'null'] },
          },
          required: ['id', 'slug'],
          type: 'object',
        },
        id: { description: 'Unique per event, the same in every retry.', type: 'string' },
        occurredAt: { format: 'date-time', type: 'string' },
        paths: { description: 'Website paths showing the document, before and after the change.', items: { type: 'string' }, type: 'array' },
        type: { description: 'e.g. article.published', pattern: '^[a-z]+\\.[a-z]+$', type: 'string' },
      },
      required: ['id', 'type', 'action', 'collection', 'document', 'occurredAt', 'paths'],
      type: 'object',
    },
  },
  webhooks: {
    contentChanged: {
      post: {
        description:
          'Sent to every configured endpoint when an article, author, section, contact or image is published, updated, unpublished or deleted. Headers: Journal-Event (the type), Journal-Delivery (the id of this delivery, the same in every retry) and Journal-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the endpoint secret>.',
        requestBody: { content: { 'application/json': { schema: ref('WebhookEvent') } }, required: true },
        responses: { '200': { description: 'Any 2xx acknowledges the event; anything else, or no answer in time, is retried with growing waits.' } },
        summary: 'Content changed',
      },
    },
  },
}
