import type { PayloadRequest } from 'payload'

import type { EnvironmentWebhookEndpoint } from './settings'
import type { WebhookEndpoint } from '../payload-types'
import { WEBHOOK_ENDPOINTS_SLUG, type WebhookAction, type WebhookCollection } from './events'

/** An endpoint an event is queued for: one managed in the admin UI, or one from WEBHOOK_ENDPOINTS. */
export type WebhookTarget = {
  /** The webhook-endpoints document; unset for endpoints from the environment. */
  endpointId?: string
  name: string
  url: string
}

type Subscription = {
  actions?: null | readonly string[]
  collections?: null | readonly string[]
}

function subscribes(endpoint: Subscription, collection: WebhookCollection, action: WebhookAction): boolean {
  const collections = endpoint.collections ?? []
  const actions = endpoint.actions ?? []
  return (collections.length === 0 || collections.includes(collection)) && (actions.length === 0 || actions.includes(action))
}

/** The enabled endpoints that take this kind of event. */
export async function subscribedTargets(
  req: PayloadRequest,
  collection: WebhookCollection,
  action: WebhookAction,
  environmentEndpoints: EnvironmentWebhookEndpoint[],
): Promise<WebhookTarget[]> {
  const { docs } = await req.payload.find({
    collection: WEBHOOK_ENDPOINTS_SLUG,
    depth: 0,
    overrideAccess: true,
    pagination: false,
    req,
    select: { actions: true, collections: true, name: true, url: true },
    where: { enabled: { equals: true } },
  })
  const managed = (docs as Pick<WebhookEndpoint, 'actions' | 'collections' | 'id' | 'name' | 'url'>[])
    .filter((endpoint) => subscribes(endpoint, collection, action))
    .map((endpoint) => ({ endpointId: String(endpoint.id), name: endpoint.name, url: endpoint.url }))
  const fromEnvironment = environmentEndpoints
    .filter((endpoint) => subscribes(endpoint, collection, action))
    .map(({ name, url }) => ({ name, url }))
  return [...managed, ...fromEnvironment]
}
