import type { CollectionConfig, TextFieldSingleValidation } from 'payload'

import { hiddenFromNonAdmins } from '../../../access/hiddenFromNonAdmins'
import { isAdmin } from '../../../access/isAdmin'
import { nobodyField } from '../../../access/nobody'
import { WEBHOOK_ACTIONS, WEBHOOK_COLLECTIONS, WEBHOOK_ENDPOINTS_SLUG } from '../../events'
import { generateWebhookSecret } from '../../signature'
import { webhookTargetProblem, webhookUrlProblem, type TargetOptions } from '../../targets'
import { MIN_SECRET_LENGTH, returnSecretOnCreate, storeSigningSecret } from './hooks/signingSecret'
import { participation } from '../../../lib/collectionParticipation'

export { WEBHOOK_ENDPOINTS_SLUG }

/** The URL is checked as it is typed; on save, the addresses its host resolves to are checked too. */
function validateTarget(options: TargetOptions): TextFieldSingleValidation {
  return async (value, { event }) => {
    if (!value) return 'Enter the http(s) address to send events to'
    const problem = event === 'submit' ? await webhookTargetProblem(value, options) : webhookUrlProblem(value, options)
    return problem ? `The URL ${problem}` : true
  }
}

const validateSecret: TextFieldSingleValidation = (value) =>
  !value ||
  value.trim().length >= MIN_SECRET_LENGTH ||
  `A signing secret must be at least ${MIN_SECRET_LENGTH} characters long (e.g. openssl rand -hex 32)`

/**
 * Where change notifications go, managed by admins (more can be set through
 * WEBHOOK_ENDPOINTS). The signing secret is stored in `signingSecret`, which no
 * API response includes; the `secret` field only takes a new one, and gives it
 * back once, in the answer to the creation.
 */
export function webhookEndpointsCollection(options: TargetOptions): CollectionConfig<'webhook-endpoints'> {
  return {
    // Webhook settings are for administrators only.
    custom: participation({ readerContent: false }),
    slug: WEBHOOK_ENDPOINTS_SLUG,
    access: {
      create: isAdmin,
      delete: isAdmin,
      read: isAdmin,
      update: isAdmin,
    },
    admin: {
      defaultColumns: ['name', 'url', 'enabled', 'collections', 'actions', 'secretHint'],
      description: 'Receivers of change notifications (webhooks): every event is signed with the endpoint’s secret. See docs/webhooks.md.',
      group: 'Administration',
      hidden: hiddenFromNonAdmins,
      useAsTitle: 'name',
    },
    fields: [
      {
        name: 'name',
        type: 'text',
        admin: { description: 'Who receives the events, e.g. "Website (production)".' },
        required: true,
      },
      {
        name: 'url',
        type: 'text',
        admin: { description: 'The http(s) address each event is POSTed to.' },
        required: true,
        validate: validateTarget(options),
      },
      {
        name: 'secret',
        type: 'text',
        admin: {
          description:
            'Signs every event (HMAC-SHA256). A new endpoint gets a generated one: copy it now, it is not shown again ' +
            '(only its last characters, below). To replace it later, type a new one of at least 32 characters.',
          readOnly: false,
        },
        // Offered on the create form only: reads answer null (see returnSecretOnCreate for the creation).
        defaultValue: () => generateWebhookSecret(),
        hooks: { afterRead: [() => null] },
        label: 'Signing secret',
        validate: validateSecret,
        virtual: true,
      },
      {
        name: 'signingSecret',
        type: 'text',
        // Set by storeSigningSecret only; never in an API response.
        access: { create: nobodyField, update: nobodyField },
        hidden: true,
      },
      {
        name: 'secretHint',
        type: 'text',
        access: { create: nobodyField, update: nobodyField },
        admin: { description: 'The last characters of the secret in use.', position: 'sidebar', readOnly: true },
        label: 'Secret',
      },
      {
        name: 'enabled',
        type: 'checkbox',
        admin: { description: 'Disabled endpoints receive nothing; queued deliveries to them are dropped.', position: 'sidebar' },
        defaultValue: true,
        index: true,
      },
      {
        name: 'collections',
        type: 'select',
        admin: { description: 'Send changes to these only; leave empty for all.' },
        hasMany: true,
        options: WEBHOOK_COLLECTIONS.map((slug) => ({ label: slug[0].toUpperCase() + slug.slice(1), value: slug })),
      },
      {
        name: 'actions',
        type: 'select',
        admin: { description: 'Send these actions only; leave empty for all.' },
        hasMany: true,
        options: WEBHOOK_ACTIONS.map((action) => ({ label: action, value: action })),
      },
      {
        name: 'description',
        type: 'textarea',
      },
    ],
    hooks: {
      afterChange: [returnSecretOnCreate],
      beforeChange: [storeSigningSecret],
    },
    labels: { plural: 'Webhook endpoints', singular: 'Webhook endpoint' },
  }
}
