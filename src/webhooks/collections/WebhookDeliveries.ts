import type { CollectionConfig } from 'payload'

import { hiddenFromNonAdmins } from '../../access/hiddenFromNonAdmins'
import { WEBHOOK_DELIVERIES_SLUG, WEBHOOK_ENDPOINTS_SLUG } from '../events'
import { participation } from '../../lib/collectionParticipation'
import { keptByTheCms } from '../../access/keptByTheCms'

export { WEBHOOK_DELIVERIES_SLUG }

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const

/** Deliveries are written by the CMS only. */
/**
 * The delivery log: one entry per event and endpoint, kept current by the
 * deliverWebhook job at every attempt. Admins read it; nobody edits it.
 */
export const WebhookDeliveries: CollectionConfig<'webhook-deliveries'> = {
  // The delivery log is for administrators only.
  custom: participation({ readerContent: false }),
  slug: WEBHOOK_DELIVERIES_SLUG,
  access: keptByTheCms,
  admin: {
    defaultColumns: ['eventType', 'endpointName', 'status', 'attempts', 'lastResponseStatus', 'createdAt'],
    description: 'Every change notification sent: one entry per event and endpoint, with each attempt.',
    group: 'Administration',
    hidden: hiddenFromNonAdmins,
    listSearchableFields: ['eventType', 'eventId', 'documentId', 'endpointName'],
    useAsTitle: 'eventType',
  },
  defaultSort: '-createdAt',
  fields: [
    {
      type: 'row',
      fields: [
        { name: 'eventType', type: 'text', index: true, required: true },
        { name: 'documentId', type: 'text', index: true },
      ],
    },
    { name: 'eventId', type: 'text', index: true, required: true },
    {
      name: 'status',
      type: 'select',
      admin: { position: 'sidebar' },
      defaultValue: 'pending',
      index: true,
      options: DELIVERY_STATUSES.map((status) => ({ label: status, value: status })),
      required: true,
    },
    {
      name: 'endpoint',
      type: 'relationship',
      admin: { description: 'Empty for endpoints set through WEBHOOK_ENDPOINTS.' },
      index: true,
      relationTo: WEBHOOK_ENDPOINTS_SLUG,
    },
    {
      type: 'row',
      fields: [
        { name: 'endpointName', type: 'text', required: true },
        {
          name: 'environmentEndpoint',
          type: 'checkbox',
          admin: { description: 'Set through WEBHOOK_ENDPOINTS.' },
          defaultValue: false,
        },
      ],
    },
    { name: 'url', type: 'text', required: true },
    {
      type: 'row',
      fields: [
        { name: 'attempts', type: 'number', defaultValue: 0 },
        { name: 'lastResponseStatus', type: 'number' },
        { name: 'durationMs', type: 'number', admin: { description: 'Of the last attempt.' }, label: 'Duration (ms)' },
      ],
    },
    { name: 'lastError', type: 'textarea' },
    {
      type: 'row',
      fields: [
        { name: 'lastAttemptAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
        {
          name: 'nextAttemptAt',
          type: 'date',
          admin: { date: { pickerAppearance: 'dayAndTime' }, description: 'After a failure, when the next try is due.' },
        },
        { name: 'deliveredAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
      ],
    },
    {
      name: 'attemptLog',
      type: 'array',
      admin: { description: 'Every try, oldest first.' },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'attemptedAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } }, required: true },
            { name: 'responseStatus', type: 'number' },
            { name: 'durationMs', type: 'number', label: 'Duration (ms)' },
          ],
        },
        { name: 'error', type: 'text' },
      ],
    },
    { name: 'payload', type: 'json', admin: { description: 'The event, as sent (the JSON body).' }, required: true },
  ],
  indexes: [{ fields: ['status', 'createdAt'] }],
  labels: { plural: 'Webhook deliveries', singular: 'Webhook delivery' },
  timestamps: true,
}
