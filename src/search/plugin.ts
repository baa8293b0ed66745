import type { Config, Plugin } from 'payload'

import { appendCollectionHooks, type CollectionHooks } from '../lib/collectionHooks'
import { SearchEntries } from './SearchEntries'
import { indexArticleAfterChange, indexAuthorAfterChange, removeArticleAfterDelete, removeAuthorAfterDelete } from './hooks'

// Last among the hooks, so that what is indexed is what every other hook made of the document.
const HOOKS: Partial<Record<string, CollectionHooks>> = {
  articles: { afterChange: [indexArticleAfterChange], afterDelete: [removeArticleAfterDelete] } as CollectionHooks,
  authors: { afterChange: [indexAuthorAfterChange], afterDelete: [removeAuthorAfterDelete] } as CollectionHooks,
}

/**
 * Search (docs/search.md): the `search-entries` collection that holds the
 * index, and the hooks that keep it current when articles are published,
 * updated, unpublished or deleted and when authors change. The endpoint
 * (/api/search) is registered with the other discovery endpoints.
 */
export function searchPlugin(): Plugin {
  return (config: Config): Config => ({
    ...config,
    collections: [...(config.collections ?? []).map((collection) => appendCollectionHooks(collection, HOOKS[collection.slug] ?? {})), SearchEntries],
  })
}
