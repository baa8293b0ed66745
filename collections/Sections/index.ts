import type { CollectionConfig } from 'payload'

import { activeOrEditor } from '../../src/access/activeOrEditor'
import { hiddenFromNonEditors } from '../../src/access/hiddenFromNonEditors'
import { isEditor } from '../../src/access/isEditor'
import { slugField } from '../../src/fields/slug'
import { refreshBreadcrumbsInOtherLocales } from './hooks/refreshBreadcrumbsInOtherLocales'
import { refuseDeletingSectionInUse } from './hooks/refuseDeletingSectionInUse'

export const SECTIONS_SLUG = 'sections'

/**
 * Journal sections and their parents (Journals → Master forum). The parent
 * and the per-language breadcrumbs come from the nested-docs plugin
 * (see payload.config.ts).
 */
export const Sections: CollectionConfig<'sections'> = {
  slug: SECTIONS_SLUG,
  access: {
    create: isEditor,
    delete: isEditor,
    read: activeOrEditor,
    update: isEditor,
  },
  admin: {
    defaultColumns: ['title', 'slug', 'parent', 'order', 'active'],
    group: 'Content',
    hidden: hiddenFromNonEditors,
    listSearchableFields: ['title', 'slug'],
    useAsTitle: 'title',
  },
  defaultPopulate: {
    breadcrumbs: true,
    slug: true,
    title: true,
  },
  defaultSort: 'order',
  fields: [
    { name: 'title', type: 'text', localized: true, required: true },
    slugField(),
    { name: 'description', type: 'textarea', localized: true },
    {
      name: 'order',
      type: 'number',
      admin: { description: 'Sections are listed in ascending order.', position: 'sidebar' },
      defaultValue: 0,
      index: true,
    },
    {
      name: 'active',
      type: 'checkbox',
      admin: { description: 'Inactive sections are hidden from the website.', position: 'sidebar' },
      defaultValue: true,
      index: true,
    },
  ],
  hooks: {
    // Runs after the nested-docs plugin's own afterChange hooks (it puts them first).
    afterChange: [refreshBreadcrumbsInOtherLocales],
    beforeDelete: [refuseDeletingSectionInUse],
  },
}
