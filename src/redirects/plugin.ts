import type { CollectionConfig, Config, Plugin } from 'payload'

import { addEndpoints, addGraphqlQueries, appendCollectionHooks, changeCollections } from '../lib/pluginParts'
import { addOpenApiPart } from '../openapi/parts'
import { redirectEndpoint, redirectGraphqlQueries, redirectsOpenApi } from './api'
import { redirectsCollectionPlugin } from './collection'
import { documentRedirectHooks } from './documentHooks'
import { isTargetCollection } from './targets'

function withRedirectHooks(collection: CollectionConfig): CollectionConfig {
  if (!isTargetCollection(collection.slug)) return collection
  const drafts = Boolean(typeof collection.versions === 'object' && collection.versions?.drafts)
  const { afterChange, beforeChange } = documentRedirectHooks(collection.slug, drafts)
  return appendCollectionHooks(collection, { afterChange: [afterChange], beforeChange: beforeChange ? [beforeChange] : [] })
}

/**
 * Redirects (docs/api.md#redirects, docs/workflow.md#redirects): the
 * `redirects` collection editors manage (on Payload's redirects plugin), the
 * hooks that record a redirect by themselves when a published article,
 * section or author moves and take in the importer's old addresses, the
 * website call GET /api/website/redirects with its GraphQL query
 * `WebsiteRedirect`, and their part of the OpenAPI document.
 */
export function redirectsPlugin(): Plugin {
  return async (incoming: Config): Promise<Config> => {
    let config = await redirectsCollectionPlugin()(incoming)
    config = changeCollections(config, withRedirectHooks)
    config = addEndpoints(config, [redirectEndpoint])
    config = addGraphqlQueries(config, redirectGraphqlQueries)
    return addOpenApiPart(config, redirectsOpenApi)
  }
}
