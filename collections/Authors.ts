import type { CollectionConfig } from 'payload'

import { anyone } from '../src/access/anyone'
import { hiddenFromNonEditors } from '../src/access/hiddenFromNonEditors'
import { isEditor, isEditorField } from '../src/access/isEditor'
import { slugField } from '../src/fields/slug'
import { isValidOrcid } from '../src/lib/orcid'
import { PUBLISHED } from '../src/policy/readerVisibility'

export const AUTHORS_SLUG = 'authors'

export const Authors: CollectionConfig<'authors'> = {
  slug: AUTHORS_SLUG,
  access: {
    create: isEditor,
    delete: isEditor,
    read: anyone,
    readVersions: isEditor,
    update: isEditor,
  },
  admin: {
    components: { edit: { beforeDocumentControls: ['/admin/WritingLanguage#WritingLanguage'] } },
    defaultColumns: ['name', 'position', 'affiliation', 'updatedAt'],
    group: 'Content',
    hidden: hiddenFromNonEditors,
    listSearchableFields: ['name', 'slug', 'affiliation'],
    useAsTitle: 'name',
  },
  defaultPopulate: {
    affiliation: true,
    name: true,
    photo: true,
    position: true,
    slug: true,
  },
  fields: [
    {
      name: 'name',
      type: 'text',
      admin: { description: 'As printed in bylines; the Chinese name may differ from the English one.' },
      localized: true,
      required: true,
    },
    slugField('name'),
    {
      name: 'position',
      type: 'text',
      admin: { description: 'e.g. Director of Department of American Diplomacy' },
      localized: true,
    },
    {
      name: 'affiliation',
      type: 'text',
      admin: { description: 'e.g. Institute of American Studies, CASS' },
      localized: true,
    },
    { name: 'bio', type: 'richText', localized: true },
    { name: 'photo', type: 'upload', relationTo: 'media' },
    {
      name: 'orcid',
      type: 'text',
      admin: { description: 'ORCID iD, e.g. 0000-0002-1825-0097', position: 'sidebar' },
      label: 'ORCID iD',
      validate: (value: null | string | undefined) =>
        !value || isValidOrcid(value) || 'Enter an ORCID iD like 0000-0002-1825-0097 (its last digit is a checksum)',
    },
    {
      name: 'email',
      type: 'email',
      access: { create: isEditorField, read: isEditorField, update: isEditorField },
      admin: { description: 'For the editors only: never shown on the website.', position: 'sidebar' },
    },
    {
      name: 'articles',
      type: 'join',
      admin: { defaultColumns: ['title', 'publishedAt'] },
      collection: 'articles',
      defaultSort: '-publishedAt',
      on: 'authors',
      where: PUBLISHED,
    },
  ],
  // Who saved each version, and how many are kept: src/history/plugin.ts.
  versions: true,
}
