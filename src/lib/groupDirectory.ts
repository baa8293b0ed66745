import type { Contact } from '../payload-types'
import { CONTACT_KINDS, ORGANIZATIONS } from '../../collections/Contacts/options'

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

