import type { Config, Plugin } from 'payload'

import { addCollections, addJobTasks, changeCollections } from '../lib/pluginParts'
import { Imports } from './collection'
import { importTask } from './importTask'
import { legacySourceField } from './legacySourceField'

/**
 * Import of the old site's pages (docs/import.md): the `imports` collection
 * an editor uploads pages to, the jobs task that imports them, and the
 * articles' `legacySource` field (last among their fields) by which a page
 * imported again finds its article.
 */
export function importPlugin(): Plugin {
  return (incoming: Config): Config => {
    let config = changeCollections(incoming, (collection) =>
      collection.slug === 'articles' ? { ...collection, fields: [...collection.fields, legacySourceField] } : collection,
    )
    config = addCollections(config, [Imports])
    return addJobTasks(config, [importTask])
  }
}
