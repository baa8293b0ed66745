import type { CollectionConfig, Config, Plugin } from 'payload'

import { addEndpoints } from '../lib/pluginParts'
import { addOpenApiPart } from '../openapi/parts'
import { previewEndpoint } from './endpoint'
import { previewOpenApi } from './openapi'
import { readPreviewEnvironment, type PreviewEnvironment } from './settings'
import { isPreviewCollection, type PreviewCollection } from './previewPaths'
import { previewUrlFor } from './previewUrl'

function withPreviewButton(collection: CollectionConfig, environment: PreviewEnvironment): CollectionConfig {
  const slug = collection.slug
  if (!isPreviewCollection(slug) || !environment.paths[slug]) return collection
  return {
    ...collection,
    admin: {
      ...collection.admin,
      preview: (doc, { locale, req }) => previewUrlFor(environment, slug, doc, locale, req),
    },
  }
}

/**
 * Preview of drafts on the website (docs/workflow.md#live-preview): the
 * document view's "Preview" button (a new tab) and its live preview pane (the
 * website in a frame beside the form, updated as the editor types), for each
 * collection with a preview path, when WEBSITE_URL is set. Both open the
 * collection's preview URL with a short-lived preview token, made for the
 * signed-in user. The website exchanges the token at GET /api/preview
 * (src/preview/endpoint.ts), which this plugin adds with its part of the
 * OpenAPI document.
 */
export function previewPlugin(environment: null | PreviewEnvironment = readPreviewEnvironment()): Plugin {
  return (incoming: Config): Config => {
    // The exchange call is there either way: without WEBSITE_URL it answers that preview is off.
    const config = addOpenApiPart(addEndpoints(incoming, [previewEndpoint(environment)]), previewOpenApi)
    if (!environment) return config
    const collections = (config.collections ?? []).filter(
      (collection): collection is CollectionConfig & { slug: PreviewCollection } =>
        isPreviewCollection(collection.slug) && Boolean(environment.paths[collection.slug]),
    )
    return {
      ...config,
      admin: {
        ...config.admin,
        livePreview: {
          breakpoints: [
            { height: 844, label: 'Mobile', name: 'mobile', width: 390 },
            { height: 1024, label: 'Tablet', name: 'tablet', width: 768 },
          ],
          collections: collections.map((collection) => collection.slug),
          url: ({ collectionConfig, data, locale, req }) =>
            collectionConfig && isPreviewCollection(collectionConfig.slug)
              ? previewUrlFor(environment, collectionConfig.slug, data, locale?.code, req)
              : null,
        },
      },
      collections: (config.collections ?? []).map((collection) => withPreviewButton(collection, environment)),
    }
  }
}
