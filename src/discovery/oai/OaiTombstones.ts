import type { CollectionConfig } from 'payload'

import { keptByTheCms } from '../../access/keptByTheCms'

export const OAI_TOMBSTONES_SLUG = 'oai-tombstones'

export const TOMBSTONE_REASONS = ['deleted', 'unpublished'] as const

export type TombstoneReason = (typeof TOMBSTONE_REASONS)[number]

/** Tombstones are written by the CMS only (src/discovery/oai/tombstoneHooks.ts). */
/**
 * The articles harvesters once saw and readers no longer can: deleted, or
 * unpublished. OAI-PMH reports each as a deleted record (`<header
 * status="deleted">`) for as long as it stays gone, so that harvesters drop
 * their copy; publishing the article again removes its tombstone. Hidden from
 * the admin UI and GraphQL; admins can read it over REST.
 */
export const OaiTombstones: CollectionConfig<'oai-tombstones'> = {
  slug: OAI_TOMBSTONES_SLUG,
  access: keptByTheCms,
  admin: {
    defaultColumns: ['article', 'slug', 'reason', 'deletedAt'],
    group: 'Administration',
    hidden: true,
    useAsTitle: 'slug',
  },
  defaultSort: 'deletedAt',
  fields: [
    { name: 'article', type: 'text', admin: { description: 'The id of the article.' }, required: true, unique: true },
    { name: 'slug', type: 'text' },
    {
      name: 'reason',
      type: 'select',
      options: TOMBSTONE_REASONS.map((reason) => ({ label: reason, value: reason })),
      required: true,
    },
    {
      name: 'deletedAt',
      type: 'date',
      admin: { date: { pickerAppearance: 'dayAndTime' }, description: 'When readers lost it: the datestamp of the deleted record.' },
      required: true,
    },
    {
      name: 'setSpecs',
      type: 'text',
      admin: { description: 'The sets the article was in, e.g. journals and journals:master-forum.' },
      hasMany: true,
      index: true,
    },
  ],
  graphQL: false,
  // Harvesting pages through tombstones in datestamp order, the article id breaking ties.
  indexes: [{ fields: ['deletedAt', 'article'] }],
  labels: { plural: 'OAI-PMH tombstones', singular: 'OAI-PMH tombstone' },
  timestamps: true,
}
