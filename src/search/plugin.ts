import type { CollectionConfig, Config, Plugin } from 'payload'

import { SearchEntries } from '../../collections/SearchEntries'
import { indexArticleAfterChange, indexAuthorAfterChange, removeArticleAfterDelete, removeAuthorAfterDelete } from './hooks'

const HOOKS: Partial<Record<string, Pick<NonNullable<CollectionConfig['hooks']>, 'afterChange' | 'afterDelete'>>> = {
  articles: { afterChange: [indexArticleAfterChange], afterDelete: [removeArticleAfterDelete] },
  authors: { afterChange: [indexAuthorAfterChange], afterDelete: [removeAuthorAfterDelete] },
}

function withHooks(collection: CollectionConfig): CollectionConfig {
  const added = HOOKS[collection.slug]
  if (!added) return collection
  const hooks = collection.hooks ?? {}
  return {
    ...collection,
    hooks: {
      ...hooks,
      // Last, so that what is indexed is what every other hook made of the document.
      afterChange: [...(hooks.afterChange ?? []), ...(added.afterChange ?? [])],
      afterDelete: [...(hooks.afterDelete ?? []), ...(added.afterDelete ?? [])],
    },
  }
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
    collections: [...(config.collections ?? []).map(withHooks), SearchEntries],
  })
}
