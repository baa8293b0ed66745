import type { CollectionConfig } from 'payload'

import { hiddenFromNonEditors } from '../../src/access/hiddenFromNonEditors'
import { isEditor } from '../../src/access/isEditor'
import { shownSectionOrEditor } from '../../src/access/shownSectionOrEditor'
import { slugField } from '../../src/fields/slug'
import { sectionTitleRequired } from './sectionTitleRequired'
import { keepUntranslatedFieldsEmpty } from './hooks/keepUntranslatedFieldsEmpty'
import { refreshBreadcrumbsInOtherLocales } from './hooks/refreshBreadcrumbsInOtherLocales'
import { refuseDeletingSectionInUse } from './hooks/refuseDeletingSectionInUse'
import { setShownToReaders } from './hooks/setShownToReaders'

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
    read: shownSectionOrEditor,
    readVersions: isEditor,
    update: isEditor,
  },
  admin: {
    components: { edit: { beforeDocumentControls: ['/admin/WritingLanguage#WritingLanguage'] } },
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
    {
      name: 'title',
      type: 'text',
      // Required when a section is made and in the default language; another language may stay
      // untranslated (readers get the fallback), which keepUntranslatedFieldsEmpty relies on.
      localized: true,
      validate: sectionTitleRequired,
    },
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
      admin: {
        components: { Cell: { clientProps: { no: 'Inactive', yes: 'Active' }, path: '/admin/BooleanCell#BooleanCell' } },
        description: 'Inactive sections, and every section below them, are hidden from the website.',
        position: 'sidebar',
      },
      defaultValue: true,
      index: true,
    },
    {
      name: 'shownToReaders',
      type: 'checkbox',
      admin: {
        description: 'Set by the CMS: active, and every section above it active too.',
        position: 'sidebar',
        readOnly: true,
      },
      defaultValue: true,
      index: true,
    },
  ],
  hooks: {
    // Runs after the nested-docs plugin's own afterChange hooks (it puts them first).
    afterChange: [refreshBreadcrumbsInOtherLocales],
    beforeChange: [keepUntranslatedFieldsEmpty, setShownToReaders],
    beforeDelete: [refuseDeletingSectionInUse],
  },
  // Who saved each version, and how many are kept: src/history/plugin.ts.
  versions: true,
}
