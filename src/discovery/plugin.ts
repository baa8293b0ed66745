import type { Config, Plugin } from 'payload'

import { addEndpoints, changeCollections, withCollectionEndpoints } from '../lib/pluginParts'
import { addOpenApiPart } from '../openapi/parts'
import { crossrefPlugin } from './crossref/plugin'
import { discoveryEndpoints } from './endpoints'
import { oaiPlugin } from './oai/plugin'
import { discoveryOpenApi } from './openapi'
import { articleScholarlyEndpoints } from './scholarly/articleEndpoints'
import { contactScholarlyEndpoints } from './scholarly/contactEndpoints'

const COLLECTION_ENDPOINTS = {
  articles: articleScholarlyEndpoints,
  contacts: contactScholarlyEndpoints,
} as Record<string, typeof articleScholarlyEndpoints | undefined>

/**
 * Discovery: how feed readers, search engines, scholarly indexes and
 * harvesters find the journal. Feeds, the sitemap and OAI-PMH (with the
 * tombstones of what readers lost), the articles' scholarly metadata and
 * citations, DOIs, references and Crossref deposits, the directory as
 * schema.org and vCard, and their part of the OpenAPI document (docs/feeds.md, docs/scholarly-metadata.md, docs/oai-pmh.md).
 */
export function discoveryPlugin(): Plugin {
  return (incoming: Config): Config => {
    let config = oaiPlugin()(incoming) as Config
    config = crossrefPlugin()(config) as Config
    config = addEndpoints(config, discoveryEndpoints)
    config = changeCollections(config, (collection) => {
      const endpoints = COLLECTION_ENDPOINTS[collection.slug]
      return endpoints ? withCollectionEndpoints(collection, endpoints) : collection
    })
    return addOpenApiPart(config, discoveryOpenApi)
  }
}
