import type { Config, Plugin } from 'payload'

import { appendCollectionHooks, type CollectionHooks } from '../../lib/pluginParts'
import { notePlacementBeforeSave, refreshShelvesAfterChange, refreshShelvesAfterDelete, removeShelfAfterDelete } from './hooks'
import { SectionShelves } from './sectionShelves'

const HOOKS: Partial<Record<string, CollectionHooks>> = {
  articles: { afterChange: [refreshShelvesAfterChange], afterDelete: [refreshShelvesAfterDelete], beforeChange: [notePlacementBeforeSave] } as CollectionHooks,
  sections: { afterDelete: [removeShelfAfterDelete] } as CollectionHooks,
}

/**
 * Section shelves (./sectionShelves.ts): each section's newest published
 * articles, kept by hooks on articles and sections, so the home page asks
 * the database the same few questions however many sections the journal has.
 */
export function sectionShelvesPlugin(): Plugin {
  return (config: Config): Config => ({
    ...config,
    collections: [...(config.collections ?? []).map((collection) => appendCollectionHooks(collection, HOOKS[collection.slug] ?? {})), SectionShelves],
  })
}
