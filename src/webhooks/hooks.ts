import { randomUUID } from 'node:crypto'
import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionBeforeChangeHook,
  PayloadRequest,
} from 'payload'

import type { EnvironmentWebhookEndpoint } from './settings'
import { storedAfterSave, storedBeforeSave } from '../database/storedDocument'
import type { WebsitePaths } from '../lib/websitePaths'
import { LOCALES } from '../policy/languages'
import { subscribedTargets, type WebhookTarget } from './endpoints'
import {
  DELIVER_WEBHOOK_TASK,
  EVENT_SUBJECTS,
  SKIP_WEBHOOKS,
  WEBHOOK_DELIVERIES_SLUG,
  WEBHOOKS_QUEUE,
  type WebhookAction,
  type WebhookCollection,
  type WebhookEvent,
} from './events'
import { slugPerLocale, uniquePaths, WEBHOOK_SOURCES, type SourceDocument } from './sources'

export type AnnouncementSettings = {
  environmentEndpoints: EnvironmentWebhookEndpoint[]
  paths: WebsitePaths
}


/** Per request: the published state of drafts-enabled documents before their save. */
const publicStateBefore = new WeakMap<PayloadRequest, Map<string, null | SourceDocument>>()
/** Per request: events already queued, so a document saved twice in one request (e.g. once per language) is announced once. */
const announcedInRequest = new WeakMap<PayloadRequest, Set<string>>()

function perRequest<T>(map: WeakMap<PayloadRequest, T>, req: PayloadRequest, create: () => T): T {
  let value = map.get(req)
  if (value === undefined) {
    value = create()
    map.set(req, value)
  }
  return value
}


async function queueDeliveries(event: WebhookEvent, targets: WebhookTarget[], req: PayloadRequest): Promise<void> {
  for (const target of targets) {
    const delivery = await req.payload.create({
      collection: WEBHOOK_DELIVERIES_SLUG,
      data: {
        documentId: event.document.id,
        endpoint: target.endpointId ?? null,
        endpointName: target.name,
        environmentEndpoint: !target.endpointId,
        eventId: event.id,
        eventType: event.type,
        payload: event,
        status: 'pending',
        url: target.url,
      },
      depth: 0,
      overrideAccess: true,
      req,
    })
    await req.payload.jobs.queue({
      input: { deliveryId: String(delivery.id) },
      queue: WEBHOOKS_QUEUE,
      req,
      task: DELIVER_WEBHOOK_TASK,
    })
  }
}

type Announcement = {
  action: WebhookAction
  collection: WebhookCollection
  doc: SourceDocument
  /** The document as readers saw it before the change and/or see it after. */
  shown: SourceDocument[]
  req: PayloadRequest
  settings: AnnouncementSettings
}

/**
 * Queues one delivery per subscribed endpoint: a log entry and a job, written
 * with the request (in its transaction where the database has them). Only
 * database writes happen here, so a receiver that is slow or down never
 * delays or fails the save. A database error does fail it: inside a
 * transaction Payload aborts the whole request on any failed call, so going
 * on as if nothing happened would report a save that was rolled back.
 */
async function announce({ action, collection, doc, req, settings, shown }: Announcement): Promise<void> {
  const type = `${EVENT_SUBJECTS[collection]}.${action}` as const
  const announced = perRequest(announcedInRequest, req, () => new Set<string>())
  const key = `${collection}:${doc.id}:${action}`
  if (announced.has(key)) return
  announced.add(key)
  // Local API calls given `req` reset its fallback locale (and copy its context): put them back for the hooks after this one.
  const { context, fallbackLocale, locale } = req
  try {
    const targets = await subscribedTargets(req, collection, action, settings.environmentEndpoints)
    if (!targets.length) return
    const paths = await WEBHOOK_SOURCES[collection].paths(shown, { locales: LOCALES, paths: settings.paths, req })
    const event: WebhookEvent = {
      id: randomUUID(),
      type,
      occurredAt: new Date().toISOString(),
      action,
      collection,
      document: { id: String(doc.id), slug: slugPerLocale(doc, LOCALES) },
      paths: uniquePaths(paths),
    }
    await queueDeliveries(event, targets, req)
    req.payload.logger.debug({ endpoints: targets.length, event: event.id, msg: `Queued ${type} for ${collection} ${doc.id}` })
  } catch (error) {
    req.payload.logger.error({ err: error, msg: `Could not queue the ${type} notification for ${collection} ${doc.id}` })
    throw error
  } finally {
    req.context = context
    req.fallbackLocale = fallbackLocale
    req.locale = locale
  }
}

function actionFor(before: null | SourceDocument, after: null | SourceDocument): undefined | WebhookAction {
  if (after) return before ? 'updated' : 'published'
  return before ? 'unpublished' : undefined
}

export type WebhookHooks = {
  afterChange: CollectionAfterChangeHook
  afterDelete: CollectionAfterDeleteHook
  /** Only for drafts-enabled collections: notes what readers saw before the save. */
  beforeChange?: CollectionBeforeChangeHook
}

/**
 * The hooks that announce a collection's changes. What readers see decides
 * the action: for drafts-enabled collections the stored (published) document,
 * never a draft; elsewhere the document's own visibility (`visible`,
 * `shownToReaders`). Nothing is announced with `context.skipWebhooks`.
 */
export function webhookHooks(collection: WebhookCollection, drafts: boolean, settings: AnnouncementSettings): WebhookHooks {
  const source = WEBHOOK_SOURCES[collection]
  const stateKey = (id: number | string) => `${collection}:${id}`

  const beforeChange: CollectionBeforeChangeHook = async ({ context, data, operation, originalDoc, req }) => {
    if (operation !== 'update' || context[SKIP_WEBHOOKS] || !originalDoc?.id) return data
    const stored = (await storedBeforeSave(req, collection, originalDoc.id)) as null | SourceDocument
    perRequest(publicStateBefore, req, () => new Map()).set(stateKey(originalDoc.id), stored && source.visible(stored) ? stored : null)
    return data
  }

  const afterChange: CollectionAfterChangeHook = async ({ context, doc, operation, previousDoc, req }) => {
    if (context[SKIP_WEBHOOKS]) return doc
    let before: null | SourceDocument
    let after: null | SourceDocument
    if (drafts) {
      const remembered = publicStateBefore.get(req)
      before = operation === 'update' ? (remembered?.get(stateKey(doc.id)) ?? null) : null
      remembered?.delete(stateKey(doc.id))
      if (source.visible(doc)) {
        after = doc
      } else if (!before) {
        // A draft of a document readers have never seen: nothing they see changed.
        return doc
      } else {
        // Either a new draft over the published version (readers still get that one) or an unpublication.
        const stored = (await storedAfterSave(req, collection, doc.id)) as null | SourceDocument
        if (stored && source.visible(stored)) return doc
        after = null
      }
    } else {
      before = operation === 'update' && previousDoc && source.visible(previousDoc) ? previousDoc : null
      after = source.visible(doc) ? doc : null
    }
    const action = actionFor(before, after)
    if (action) {
      await announce({ action, collection, doc, req, settings, shown: [after, before].filter((state) => state !== null) })
    }
    return doc
  }

  const afterDelete: CollectionAfterDeleteHook = async ({ context, doc, req }) => {
    if (context[SKIP_WEBHOOKS] || !source.visible(doc)) return doc
    await announce({ action: 'deleted', collection, doc, req, settings, shown: [doc] })
    return doc
  }

  return { afterChange, afterDelete, beforeChange: drafts ? beforeChange : undefined }
}
