import type { CollectionConfig, Endpoint, FieldAccess } from 'payload'

import { isDirectoryStaff } from '../src/access/isDirectoryStaff'
import { visibleOrDirectoryStaff } from '../src/access/visibleOrDirectoryStaff'
import { checkEmail, checkExtension, checkPhoneNumber, checkWebsite } from '../src/lib/contactDetails'
import { hasRole } from '../src/lib/roles'
import type { Contact } from '../src/payload-types'

export const CONTACTS_SLUG = 'contacts'

/** In display order: the directory lists the organisations, and the kinds within each, in this order. */
export const ORGANIZATIONS: { label: string; value: Contact['organization'] }[] = [
  { label: 'The Association', value: 'association' },
  { label: 'Art Council', value: 'art-council' },
]

export const CONTACT_KINDS: { label: string; value: Contact['kind'] }[] = [
  { label: 'Organisation', value: 'organization' },
  { label: 'Office', value: 'office' },
  { label: 'Department', value: 'department' },
  { label: 'Centre', value: 'centre' },
  { label: 'Editorial board', value: 'editorial-board' },
]

type Optional = null | string | undefined

/** One organisation of the directory with its entries by kind, as GET /api/contacts/directory answers. */
export type DirectoryGroup = {
  kinds: { entries: Contact[]; kind: Contact['kind'] }[]
  organization: Contact['organization']
}

/**
 * Groups directory entries by organisation, then kind, both in display order
 * (ORGANIZATIONS, CONTACT_KINDS); entries keep the order they come in (by
 * `order`). Empty groups are left out.
 */
export function groupDirectory(entries: readonly Contact[]): DirectoryGroup[] {
  return ORGANIZATIONS.map(({ value: organization }) => ({
    kinds: CONTACT_KINDS.map(({ value: kind }) => ({
      entries: entries.filter((entry) => entry.organization === organization && entry.kind === kind),
      kind,
    })).filter((group) => group.entries.length > 0),
    organization,
  })).filter((group) => group.kinds.length > 0)
}

/**
 * GET /api/contacts/directory[?locale=zh]: the entries the caller may read
 * (the public: visible ones), grouped by organisation and kind in display order.
 */
const directoryEndpoint: Omit<Endpoint, 'root'> = {
  handler: async (req) => {
    const { docs } = await req.payload.find({
      collection: CONTACTS_SLUG,
      depth: 0,
      locale: req.locale,
      overrideAccess: false,
      pagination: false,
      req,
      sort: 'order',
    })
    return Response.json({ organizations: groupDirectory(docs) })
  },
  method: 'get',
  path: '/directory',
}

const directoryStaffField: FieldAccess = ({ req: { user } }) => hasRole(user, 'admin', 'editor', 'contacts')
const nobody: FieldAccess = () => false

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
      admin: { description: 'Hidden entries stay in the directory but not on the website.', position: 'sidebar' },
      defaultValue: true,
    },
    {
      name: 'needsTranslation',
      type: 'checkbox',
      admin: { description: 'The Chinese name or address is still to be written.', position: 'sidebar' },
      defaultValue: false,
    },
    {
      // Set only by data migrations (the Local API); `migrate:down` removes the entries its migration seeded
      // and nothing else. Nobody sets or changes it over REST or GraphQL, so a copy of a seeded entry is the editor's.
      name: 'seededBy',
      type: 'text',
      access: { create: nobody, read: directoryStaffField, update: nobody },
      admin: {
        condition: (data) => Boolean(data?.seededBy),
        description: 'Added by this data migration; migrating it down removes the entry.',
        position: 'sidebar',
        readOnly: true,
      },
    },
  ],
  endpoints: [directoryEndpoint],
  indexes: [{ fields: ['organization', 'order'] }],
}
