import type { Config, Plugin } from 'payload'

import { participationOf } from '../lib/collectionParticipation'
import { appendCollectionHooks } from '../lib/pluginParts'
import { contentChangedAfterChange, contentChangedAfterDelete, contentChangedAfterGlobalChange } from '../hooks/markContentChanged'

/**
 * Every save or deletion in a collection readers can see any part of (every
 * collection but those that declare `readerContent: false`, src/lib/collectionParticipation.ts),
 * and of every global, changes the content state (src/contentState/contentState.ts). The
 * hooks go last, after those that write what is derived from a document (the
 * search index, OAI tombstones), so a new state never comes before the
 * content it stands for.
 */
export function contentStatePlugin(): Plugin {
  return (config: Config): Config => ({
    ...config,
    collections: (config.collections ?? []).map((collection) =>
      !participationOf(collection).readerContent
        ? collection
        : appendCollectionHooks(collection, { afterChange: [contentChangedAfterChange], afterDelete: [contentChangedAfterDelete] }),
    ),
    globals: (config.globals ?? []).map((global) => ({
      ...global,
      hooks: { ...global.hooks, afterChange: [...(global.hooks?.afterChange ?? []), contentChangedAfterGlobalChange] },
    })),
  })
}
