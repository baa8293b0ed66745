import type { Config, Plugin } from 'payload'

import { addCollections, addEndpoints, addGraphqlQueries, appendCollectionHooks, changeCollections, type CollectionHooks } from '../lib/pluginParts'
import { addOpenApiPart } from '../openapi/parts'
import { searchEndpoint } from './endpoint'
import { searchGraphqlQueries } from './graphqlQueries'
import { indexArticleAfterChange, indexAuthorAfterChange, removeArticleAfterDelete, removeAuthorAfterDelete } from './hooks'
import { searchOpenApi } from './openapi'
import { SearchEntries } from './SearchEntries'

// Last among the hooks, so that what is indexed is what every other hook made of the document.
const HOOKS: Partial<Record<string, CollectionHooks>> = {
  articles: { afterChange: [indexArticleAfterChange], afterDelete: [removeArticleAfterDelete] } as CollectionHooks,
  authors: { afterChange: [indexAuthorAfterChange], afterDelete: [removeAuthorAfterDelete] } as CollectionHooks,
}

/**
 * Search (docs/search.md): the `search-entries` collection that holds the
 * index, the hooks that keep it current when articles are published,
 * updated, unpublished or deleted and when authors change, GET /api/search,
 * the `Search` GraphQL query, and their part of the OpenAPI document.
 */
export function searchPlugin(): Plugin {
  return (incoming: Config): Config => {
    let config = changeCollections(incoming, (collection) => appendCollectionHooks(collection, HOOKS[collection.slug] ?? {}))
    config = addCollections(config, [SearchEntries])
    config = addEndpoints(config, [searchEndpoint])
    config = addGraphqlQueries(config, searchGraphqlQueries)
    return addOpenApiPart(config, searchOpenApi)
  }
}
