import type { CollectionConfig, Config, Plugin } from 'payload'

import { WebhookDeliveries } from './collections/WebhookDeliveries'
import { webhookEndpointsCollection } from './collections/WebhookEndpoints'
import { addJobsAutoRun, addJobTasks, appendCollectionHooks } from '../lib/pluginParts'
import { readJobsEnvironment, readWebsitePathTemplates } from '../settings/environment'
import { readWebhookEnvironment } from './settings'
import { websitePaths } from '../lib/websitePaths'
import { isWebhookCollection, WEBHOOKS_QUEUE } from './events'
import { deliverWebhookTask } from './deliverWebhookTask'
import { webhooksOpenApi } from './openapi'
import { addOpenApiPart } from '../openapi/parts'
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
 * attempts are logged in `webhook-deliveries`; the task, its queue and the
 * event's part of the OpenAPI document come with it. See docs/webhooks.md.
 */
export function webhooksPlugin(): Plugin {
  return (config: Config): Config => {
    const environment = readWebhookEnvironment()
    const settings: AnnouncementSettings = {
      environmentEndpoints: environment.endpoints,
      paths: websitePaths(readWebsitePathTemplates()),
    }
    let withWebhooks: Config = {
      ...config,
      collections: [
        ...(config.collections ?? []).map((collection) => withHooks(collection, settings)),
        webhookEndpointsCollection({ allowPrivateTargets: environment.allowPrivateTargets }),
        WebhookDeliveries,
      ],
    }
    withWebhooks = addJobTasks(withWebhooks, [deliverWebhookTask(environment)])
    // Deliveries run on a queue of their own, on its own schedule entry, so a long import never holds them up.
    const { autoRunCron } = readJobsEnvironment()
    if (autoRunCron) withWebhooks = addJobsAutoRun(withWebhooks, { cron: autoRunCron, limit: 10, queue: WEBHOOKS_QUEUE })
    return addOpenApiPart(withWebhooks, webhooksOpenApi)
  }
}
