import type { Config, Plugin } from 'payload'

import { addEndpoints, addGraphqlQueries, changeCollections, withCollectionEndpoints } from '../lib/pluginParts'
import { addOpenApiPart } from '../openapi/parts'
import { deliveryOpenApi } from './openapi'
import { sectionShelvesPlugin } from './shelves/plugin'
import { websiteCollectionEndpoints, websiteEndpoints } from './websiteEndpoints'
import { websiteGraphqlQueries } from './websiteGraphqlQueries'

/**
 * Delivery: what the website fetches. One call per page type under
 * /api/website/ and the same as GraphQL queries, the grouped contact
 * directory (/api/contacts/directory), the section shelves that keep the home
 * page cheap, and their part of the OpenAPI document (docs/api.md).
 */
export function deliveryPlugin(): Plugin {
  return (incoming: Config): Config => {
    let config = sectionShelvesPlugin()(incoming) as Config
    config = addEndpoints(config, websiteEndpoints)
    config = addGraphqlQueries(config, websiteGraphqlQueries)
    config = changeCollections(config, (collection) => withCollectionEndpoints(collection, websiteCollectionEndpoints(collection.slug)))
    return addOpenApiPart(config, deliveryOpenApi)
  }
}
