import type { CollectionConfig, Config, Field, Plugin } from 'payload'

import { addOpenApiPart } from '../../openapi/parts'
import { changeCollections, withCollectionEndpoints } from '../../lib/pluginParts'
import { doiField, referencesField } from './articleFields'
import { crossrefArticleEndpoints, crossrefSectionEndpoints } from './endpoints'
import { crossrefOpenApi } from './openapi'

/** The fields with `added` put after the field named `after` (at the end when there is none). */
function insertAfter(fields: Field[], after: string, added: Field[]): Field[] {
  const index = fields.findIndex((field) => 'name' in field && field.name === after)
  if (index === -1) return [...fields, ...added]
  return [...fields.slice(0, index + 1), ...added, ...fields.slice(index + 1)]
}

function withCrossref(collection: CollectionConfig): CollectionConfig {
  if (collection.slug === 'articles') {
    const fields = insertAfter(collection.fields, 'keywords', [referencesField, doiField])
    return withCollectionEndpoints({ ...collection, fields }, crossrefArticleEndpoints)
  }
  if (collection.slug === 'sections') {
    const exportLink: Field = {
      name: 'crossrefDeposit',
      type: 'ui',
      admin: { components: { Field: '/admin/SectionCrossrefExport#SectionCrossrefExport' }, position: 'sidebar' },
    }
    return withCollectionEndpoints({ ...collection, fields: [...collection.fields, exportLink] }, crossrefSectionEndpoints)
  }
  return collection
}

/**
 * DOIs, references and the Crossref deposit export (docs/scholarly-metadata.md):
 * the articles' `doi` and `references` fields, the suggested DOI an editor
 * can have filled in, and the deposit files of an article and of a section.
 * The scholarly metadata, citations and OAI-PMH records read the DOI and
 * the references from the article.
 */
export function crossrefPlugin(): Plugin {
  return (incoming: Config): Config => addOpenApiPart(changeCollections(incoming, withCrossref), crossrefOpenApi)
}
