import type { CollectionConfig, Config, Plugin } from 'payload'

import { WebhookDeliveries } from './collections/WebhookDeliveries'
import { webhookEndpointsCollection } from './collections/WebhookEndpoints'
import { appendCollectionHooks } from '../lib/collectionHooks'
import { readWebsitePathTemplates } from '../settings/environment'
import { readWebhookEnvironment } from './settings'
import { websitePaths } from '../lib/websitePaths'
import { DELIVER_WEBHOOK_TASK, isWebhookCollection } from './events'
import { webhookHooks, type AnnouncementSettings } from './hooks'

function withHooks(collection: CollectionConfig, settings: AnnouncementSettings): CollectionConfig {
  if (!isWebhookCollection(collection.slug)) return collection
  const drafts = Boolean(typeof collection.versions === 'object' && collection.versions?.drafts)
  const { afterChange, afterDelete, beforeChange } = webhookHooks(collection.slug, drafts, settings)
  // Last, so the announced document is what every other hook made of it.
  return appendCollectionHooks(collection, { afterChange: [afterChange], afterDelete: [afterDelete], beforeChange: beforeChange ? [beforeChange] : [] })
}

/**
 * Change notifications (webhooks): when an article, author, section, contact
 * or media item is published, updated, unpublished or deleted, a signed JSON
 * event is queued for every endpoint (admin-managed `webhook-endpoints` and
 * WEBHOOK_ENDPOINTS) and delivered by the `deliverWebhook` jobs task, whose
 * attempts are logged in `webhook-deliveries`. See docs/webhooks.md.
 */
export function webhooksPlugin(): Plugin {
  return (config: Config): Config => {
    if (!config.jobs?.tasks?.some((task) => task.slug === DELIVER_WEBHOOK_TASK)) {
      throw new Error(`webhooksPlugin needs the ${DELIVER_WEBHOOK_TASK} task in jobs.tasks (src/jobs/config.ts)`)
    }
    const environment = readWebhookEnvironment()
    const settings: AnnouncementSettings = {
      environmentEndpoints: environment.endpoints,
      paths: websitePaths(readWebsitePathTemplates()),
    }
    return {
      ...config,
      collections: [
        ...(config.collections ?? []).map((collection) => withHooks(collection, settings)),
        webhookEndpointsCollection({ allowPrivateTargets: environment.allowPrivateTargets }),
        WebhookDeliveries,
      ],
    }
  }
}
