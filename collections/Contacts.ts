import type { CollectionConfig } from 'payload'

import { isDirectoryStaff } from '../src/access/isDirectoryStaff'
import { visibleOrDirectoryStaff } from '../src/access/visibleOrDirectoryStaff'
import { isValidExtension, isValidPhoneNumber, isValidWebsite } from '../src/lib/contactDetails'

export const CONTACTS_SLUG = 'contacts'

export const ORGANIZATIONS = [
  { label: 'The Association', value: 'association' },
  { label: 'Art Council', value: 'art-council' },
]

export const CONTACT_KINDS = [
  { label: 'Organisation', value: 'organization' },
  { label: 'Office', value: 'office' },
  { label: 'Department', value: 'department' },
  { label: 'Centre', value: 'centre' },
  { label: 'Editorial board', value: 'editorial-board' },
]

const optionalPhone = (value: null | string | undefined) =>
  !value || isValidPhoneNumber(value) || 'Enter a telephone number such as 86-10-82005566 or +86 10 8200 5566'

/** The institute's contact directory: organisations, offices, departments, centres, boards. */
export const Contacts: CollectionConfig<'contacts'> = {
  slug: CONTACTS_SLUG,
  access: {
    create: isDirectoryStaff,
    delete: isDirectoryStaff,
    read: visibleOrDirectoryStaff,
    update: isDirectoryStaff,
  },
  admin: {
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
              validate: (value: null | string | undefined) =>
                (Boolean(value) && isValidPhoneNumber(value!)) ||
                'Enter a telephone number such as 86-10-82005566 or +86 10 8200 5566',
            },
            {
              name: 'extension',
              type: 'text',
              validate: (value: null | string | undefined) =>
                !value || isValidExtension(value) || 'An extension is 1 to 6 digits, e.g. 8008',
            },
            { name: 'label', type: 'text', localized: true },
          ],
        },
      ],
    },
    { name: 'fax', type: 'text', validate: optionalPhone },
    { name: 'email', type: 'email' },
    {
      name: 'website',
      type: 'text',
      validate: (value: null | string | undefined) =>
        !value || isValidWebsite(value) || 'Enter a full web address starting with http:// or https://',
    },
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
      admin: { description: 'Hidden entries stay in the directory but not on the website.', position: 'sidebar' },
      defaultValue: true,
    },
    {
      name: 'needsTranslation',
      type: 'checkbox',
      admin: { description: 'The Chinese name or address is still to be written.', position: 'sidebar' },
      defaultValue: false,
    },
  ],
  indexes: [{ fields: ['organization', 'order'] }],
}
