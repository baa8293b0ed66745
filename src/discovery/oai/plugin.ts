import type { CollectionConfig, Config, Plugin } from 'payload'

import { ARTICLES_SLUG } from '../../../collections/Articles'
import { OaiTombstones } from './OaiTombstones'
import { appendCollectionHooks, type CollectionHooks } from '../../lib/pluginParts'
import { rememberPublishedState, trackDeletion, trackUnpublishing } from './tombstoneHooks'

function withTombstoneHooks(collection: CollectionConfig): CollectionConfig {
  if (collection.slug !== ARTICLES_SLUG) return collection
  return {
    ...appendCollectionHooks(collection, { afterChange: [trackUnpublishing], afterDelete: [trackDeletion], beforeChange: [rememberPublishedState] } as CollectionHooks),
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
