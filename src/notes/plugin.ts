import type { CollectionConfig, Config, Plugin } from 'payload'

import { appendCollectionHooks, changeCollections } from '../lib/pluginParts'
import { addOpenApiPart } from '../openapi/parts'
import { numberArticleNotes, storeNotesAsWritten } from './hooks'
import { notesField } from './notesField'
import { notesOpenApi } from './openapi'

/** The articles' fields with `notes` right after the body it is made from. */
function withNotesField(collection: CollectionConfig): CollectionConfig {
  const at = collection.fields.findIndex((field) => 'name' in field && field.name === 'body')
  const fields = [...collection.fields]
  fields.splice(at < 0 ? fields.length : at + 1, 0, notesField)
  return { ...collection, fields }
}

/**
 * Footnotes (docs/content-model.md#footnotes): editors insert them in the
 * article body as the `footnote` inline block (src/fields/footnoteBlock.ts);
 * this numbers them on every read, gives the articles their `notes` list
 * (REST, GraphQL and the website's article call alike), keeps the numbers
 * out of what is stored (and a marker right after its word), and adds the
 * notes' part of the OpenAPI document.
 */
export function notesPlugin(): Plugin {
  return (incoming: Config): Config => {
    const config = changeCollections(incoming, (collection) =>
      collection.slug === 'articles'
        ? appendCollectionHooks(withNotesField(collection), { afterRead: [numberArticleNotes], beforeChange: [storeNotesAsWritten] })
        : collection,
    )
    return addOpenApiPart(config, notesOpenApi)
  }
}
