import type { CollectionConfig, Config } from 'payload'

/**
 * A capability's part of the OpenAPI document: the paths it serves, the
 * schemas they use, the webhooks it sends. Plugins add theirs with
 * addOpenApiPart; a collection declares the paths of its own endpoints in
 * `custom.openApi`. src/openapi/document.ts puts them together.
 */
export type OpenApiPart = {
  paths?: Record<string, unknown>
  schemas?: Record<string, unknown>
  webhooks?: Record<string, unknown>
}

type WithOpenApiParts = { openApiParts?: OpenApiPart[] }

/** Adds a capability's part of the OpenAPI document (GET /api/openapi.json). */
export function addOpenApiPart(config: Config, part: OpenApiPart): Config {
  const custom = (config.custom ?? {}) as WithOpenApiParts
  return { ...config, custom: { ...custom, openApiParts: [...(custom.openApiParts ?? []), part] } }
}

/** The parts plugins added, in the order the plugins ran, then those the collections declare. */
export function openApiPartsOf(config: { collections?: CollectionConfig[]; custom?: Record<string, unknown> }): OpenApiPart[] {
  const fromPlugins = ((config.custom ?? {}) as WithOpenApiParts).openApiParts ?? []
  const fromCollections = (config.collections ?? []).map((collection) => (collection.custom as { openApi?: OpenApiPart } | undefined)?.openApi).filter((part): part is OpenApiPart => Boolean(part))
  return [...fromPlugins, ...fromCollections]
}
