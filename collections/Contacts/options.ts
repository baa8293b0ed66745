import type { Contact } from '../../src/payload-types'

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
