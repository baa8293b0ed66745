import type { CollectionConfig, Config, Plugin } from 'payload'

import { ARTICLES_SLUG } from '../../../collections/Articles'
import { OaiTombstones } from '../../../collections/OaiTombstones'
import { rememberPublishedState, trackDeletion, trackUnpublishing } from './tombstoneHooks'

function withTombstoneHooks(collection: CollectionConfig): CollectionConfig {
  if (collection.slug !== ARTICLES_SLUG) return collection
  const hooks = collection.hooks ?? {}
  return {
    ...collection,
    hooks: {
      ...hooks,
      afterChange: [...(hooks.afterChange ?? []), trackUnpublishing as NonNullable<typeof hooks.afterChange>[number]],
      afterDelete: [...(hooks.afterDelete ?? []), trackDeletion as NonNullable<typeof hooks.afterDelete>[number]],
      beforeChange: [...(hooks.beforeChange ?? []), rememberPublishedState as NonNullable<typeof hooks.beforeChange>[number]],
    },
    // Harvesting lists published articles in datestamp (updatedAt) order.
    indexes: [...(collection.indexes ?? []), { fields: ['_status', 'updatedAt'] }],
  }
}

/**
 * OAI-PMH deletions: the `oai-tombstones` collection and the article hooks
 * that keep it, so that the repository reports articles deleted or
 * unpublished after harvesters saw them (src/discovery/oai/, docs/oai-pmh.md).
 * The endpoints themselves are in src/discovery/endpoints.ts.
 */
export function oaiPlugin(): Plugin {
  return (config: Config): Config => ({
    ...config,
    collections: [...(config.collections ?? []).map(withTombstoneHooks), OaiTombstones],
  })
}
