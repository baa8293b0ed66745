/** The collections whose changes are announced to webhook endpoints. */
export const WEBHOOK_COLLECTIONS = ['articles', 'authors', 'sections', 'contacts', 'media'] as const

export type WebhookCollection = (typeof WEBHOOK_COLLECTIONS)[number]

/**
 * What happened, as readers of the website see it:
 * - `published`: the document became visible to readers (created, published, made visible or active);
 * - `updated`: it was visible before and still is, and changed;
 * - `unpublished`: it was visible and no longer is (unpublished, hidden, made inactive);
 * - `deleted`: it was visible and was deleted.
 * Changes readers never see (drafts, hidden documents) are not announced.
 */
export const WEBHOOK_ACTIONS = ['published', 'updated', 'unpublished', 'deleted'] as const

export type WebhookAction = (typeof WEBHOOK_ACTIONS)[number]

/** The name of a document in event types: `article.published`, `media.deleted`. */
export const EVENT_SUBJECTS: Record<WebhookCollection, string> = {
  articles: 'article',
  authors: 'author',
  contacts: 'contact',
  media: 'media',
  sections: 'section',
}

export type WebhookEventType = `${string}.${WebhookAction}`

/** The JSON body every endpoint receives. */
export type WebhookEvent = {
  action: WebhookAction
  collection: WebhookCollection
  document: {
    id: string
    /** Per language; null for collections without slugs (contacts, media). */
    slug: null | Record<string, string>
  }
  /** Unique per event; the same in every delivery and retry of it. */
  id: string
  occurredAt: string
  /** Website paths whose pages show the document, before and after the change. */
  paths: string[]
  type: WebhookEventType
}

/** Set `context: { skipWebhooks: true }` on a Local API call (imports, seeding) to announce nothing. */
export const SKIP_WEBHOOKS = 'skipWebhooks'

/** The jobs queue deliveries run on, and the task that sends one. */
export const WEBHOOKS_QUEUE = 'webhooks'
export const DELIVER_WEBHOOK_TASK = 'deliverWebhook'

export const WEBHOOK_ENDPOINTS_SLUG = 'webhook-endpoints'
export const WEBHOOK_DELIVERIES_SLUG = 'webhook-deliveries'

export function isWebhookCollection(value: unknown): value is WebhookCollection {
  return (WEBHOOK_COLLECTIONS as readonly unknown[]).includes(value)
}

export function isWebhookAction(value: unknown): value is WebhookAction {
  return (WEBHOOK_ACTIONS as readonly unknown[]).includes(value)
}
