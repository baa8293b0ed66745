import type { Config, Plugin } from 'payload'

import { appendCollectionHooks } from '../lib/pluginParts'
import { contentChangedAfterChange, contentChangedAfterDelete, contentChangedAfterGlobalChange } from '../hooks/markContentChanged'

/**
 * Collections whose documents never show in an answer readers can get:
 * Payload's bookkeeping, accounts (staff only), imports and the webhook
 * settings and logs (administrators only). Their saves leave the state as it is.
 */
const NOT_CONTENT = new Set([
  'imports',
  'payload-jobs',
  'payload-locked-documents',
  'payload-migrations',
  'payload-preferences',
  'section-shelves',
  'users',
  'webhook-deliveries',
  'webhook-endpoints',
])

/**
 * Every save or deletion in a collection readers can see any part of, and
 * of every global, changes the content state (src/contentState/contentState.ts). The
 * hooks go last, after those that write what is derived from a document (the
 * search index, OAI tombstones), so a new state never comes before the
 * content it stands for.
 */
export function contentStatePlugin(): Plugin {
  return (config: Config): Config => ({
    ...config,
    collections: (config.collections ?? []).map((collection) =>
      NOT_CONTENT.has(collection.slug)
        ? collection
        : appendCollectionHooks(collection, { afterChange: [contentChangedAfterChange], afterDelete: [contentChangedAfterDelete] }),
    ),
    globals: (config.globals ?? []).map((global) => ({
      ...global,
      hooks: { ...global.hooks, afterChange: [...(global.hooks?.afterChange ?? []), contentChangedAfterGlobalChange] },
    })),
  })
}
