import type { CollectionConfig } from 'payload'

import { isDirectoryStaff, isDirectoryStaffField } from '../../src/access/isDirectoryStaff'
import { nobodyField } from '../../src/access/nobody'
import { visibleOrDirectoryStaff } from '../../src/access/visibleOrDirectoryStaff'
import { checkEmail, checkExtension, checkPhoneNumber, checkWebsite } from '../../src/lib/contactDetails'
import { CONTACT_KINDS, ORGANIZATIONS } from './options'

export const CONTACTS_SLUG = 'contacts'

type Optional = null | string | undefined

/** The institute's contact directory: organisations, offices, departments, centres, boards. */
export const Contacts: CollectionConfig<'contacts'> = {
  slug: CONTACTS_SLUG,
  access: {
    create: isDirectoryStaff,
    delete: isDirectoryStaff,
    read: visibleOrDirectoryStaff,
    readVersions: isDirectoryStaff,
    update: isDirectoryStaff,
  },
  admin: {
    components: { edit: { beforeDocumentControls: ['/admin/WritingLanguage#WritingLanguage'] } },
    defaultColumns: ['name', 'organization', 'kind', 'order', 'visible'],
    group: 'Directory',
    listSearchableFields: ['name', 'email'],
    useAsTitle: 'name',
  },
  defaultSort: 'order',
  fields: [
    { name: 'name', type: 'text', localized: true, required: true },
    {
      type: 'row',
      fields: [
        { name: 'organization', type: 'select', index: true, options: ORGANIZATIONS, required: true },
        { name: 'kind', type: 'select', options: CONTACT_KINDS, required: true },
      ],
    },
    {
      name: 'phones',
      type: 'array',
      admin: { description: 'Direct lines first; a switchboard number with its extension after.' },
      fields: [
        {
          type: 'row',
          fields: [
            {
              name: 'number',
              type: 'text',
              required: true,
              validate: (value: Optional) =>
                value ? checkPhoneNumber(value) : 'Enter a telephone number such as 86-10-82005566, or remove the row',
            },
            {
              name: 'extension',
              type: 'text',
              admin: { description: 'Digits only, e.g. 8008' },
              validate: (value: Optional) => !value || checkExtension(value),
            },
            { name: 'label', type: 'text', localized: true },
          ],
        },
      ],
    },
    { name: 'fax', type: 'text', validate: (value: Optional) => !value || checkPhoneNumber(value, 'fax') },
    { name: 'email', type: 'email', validate: (value: Optional) => !value || checkEmail(value) },
    { name: 'website', type: 'text', validate: (value: Optional) => !value || checkWebsite(value) },
    {
      name: 'address',
      type: 'textarea',
      admin: { description: 'Leave empty when the entry is at the address of its office (below).' },
      localized: true,
    },
    {
      name: 'office',
      type: 'relationship',
      admin: { description: 'The entry whose address this one shares.' },
      filterOptions: { kind: { in: ['organization', 'office'] } },
      relationTo: 'contacts',
    },
    {
      name: 'order',
      type: 'number',
      admin: { position: 'sidebar' },
      defaultValue: 0,
    },
    {
      name: 'visible',
      type: 'checkbox',
      admin: {
        components: { Cell: { clientProps: { no: 'Hidden', yes: 'Shown' }, path: '/admin/BooleanCell#BooleanCell' } },
        description: 'Hidden entries stay in the directory but not on the website.',
        position: 'sidebar',
      },
      defaultValue: true,
    },
    {
      name: 'needsTranslation',
      type: 'checkbox',
      admin: {
        components: { Cell: '/admin/BooleanCell#BooleanCell' },
        description: 'The Chinese name or address is still to be written.',
        position: 'sidebar',
      },
      defaultValue: false,
    },
    {
      // Set only by data migrations (the Local API); `migrate:down` removes the entries its migration seeded
      // and nothing else. Nobody sets or changes it over REST or GraphQL, so a copy of a seeded entry is the editor's.
      name: 'seededBy',
      type: 'text',
      access: { create: nobodyField, read: isDirectoryStaffField, update: nobodyField },
      admin: {
        condition: (data) => Boolean(data?.seededBy),
        description: 'Added by this data migration; migrating it down removes the entry.',
        position: 'sidebar',
        readOnly: true,
      },
    },
  ],
  // GET /api/contacts/directory comes from delivery, the JSON-LD and vCard calls from discovery (their plugins).
  indexes: [{ fields: ['organization', 'order'] }],
  // Who saved each version, and how many are kept: src/history/plugin.ts.
  versions: true,
}
