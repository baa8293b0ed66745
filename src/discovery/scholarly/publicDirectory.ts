import type { Payload } from 'payload'

import { ORGANIZATIONS } from '../../../collections/Contacts/options'
import type { Contact } from '../../payload-types'
import type { ScholarlyLocale } from './scholarlyLocale'
import { type DialingCode, dialingCodeOf } from './telephone'

/** Far more entries than the directory will ever have: it is read whole, in pages of this size. */
const DIRECTORY_PAGE = 100

/**
 * The directory as the public sees it: visible entries only, in display
 * order, with what machine-readable forms need to complete an entry from its
 * organisation (name, dialling code) and its office (address).
 */
export type PublicDirectory = {
  /** The entry's address, or that of the office it points to. */
  addressOf(entry: Contact): string | undefined
  /** The country and area code of the organisation's own numbers, for numbers printed without them. */
  dialingCodeOf(organization: Contact['organization']): DialingCode | undefined
  entries: Contact[]
  /** The organisation's own entry (kind `organization`), when it is visible. */
  organizationEntry(organization: Contact['organization']): Contact | undefined
  /** The organisation's name: its own entry's, else the directory's label for it. */
  organizationName(organization: Contact['organization']): string
}

const text = (value: null | string | undefined): string | undefined => {
  const trimmed = value?.trim()
  return trimmed ? trimmed : undefined
}

function numbersOf(entry: Contact): string[] {
  return [...(entry.phones ?? []).map((phone) => phone.number), ...(entry.fax ? [entry.fax] : [])]
}

/**
 * Reads every visible entry in `locale` (untranslated fields fall back to
 * English), as an anonymous reader: no `req`, `overrideAccess: false`, so a
 * request signed in as directory staff still never publishes a hidden entry.
 */
export async function readPublicDirectory(payload: Payload, locale: ScholarlyLocale): Promise<PublicDirectory> {
  const entries: Contact[] = []
  for (let page = 1; ; page += 1) {
    const result = await payload.find({
      collection: 'contacts',
      depth: 0,
      limit: DIRECTORY_PAGE,
      locale,
      overrideAccess: false,
      page,
      sort: ['order', 'id'],
    })
    entries.push(...result.docs)
    if (!result.hasNextPage) break
  }
  const byId = new Map(entries.map((entry) => [String(entry.id), entry]))
  const organizationEntry = (organization: Contact['organization']) =>
    entries.find((entry) => entry.organization === organization && entry.kind === 'organization')

  const dialingCodes = new Map<Contact['organization'], DialingCode | undefined>()
  for (const { value: organization } of ORGANIZATIONS) {
    const own = organizationEntry(organization)
    const candidates = [...(own ? [own] : []), ...entries.filter((entry) => entry.organization === organization)]
    const code = candidates.flatMap(numbersOf).map(dialingCodeOf).find(Boolean)
    dialingCodes.set(organization, code)
  }

  return {
    addressOf: (entry) => {
      const own = text(entry.address)
      if (own) return own
      const officeId = typeof entry.office === 'object' && entry.office !== null ? entry.office.id : entry.office
      const office = officeId ? byId.get(String(officeId)) : undefined
      return office ? text(office.address) : undefined
    },
    dialingCodeOf: (organization) => dialingCodes.get(organization),
    entries,
    organizationEntry,
    organizationName: (organization) =>
      organizationEntry(organization)?.name ?? ORGANIZATIONS.find((option) => option.value === organization)?.label ?? organization,
  }
}
