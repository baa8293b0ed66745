import type { Contact } from '../payload-types'
import { IMPORT_CONTEXT, sameName, type ImportContext } from './importContext'
import type { DirectoryListing, DirectoryPhone, PageLocale } from './types'

/**
 * The association's name in each language: the footer prints its address,
 * telephone and fax but not its name (it is the site's owner, named in the
 * page header).
 */
export const ASSOCIATION_NAME: Record<PageLocale, string> = {
  en: 'China Association for International Friendly Contact',
  zh: '中国国际友好联络会',
}

/** Gaps of ten between new entries, as in the seeded directory, so editors can slot entries in between. */
const ORDER_STEP = 10

type Localized = Partial<Record<PageLocale, null | string>>
type StoredContact = Omit<Contact, 'address' | 'name'> & { address?: Localized; name?: Localized }

export type DirectoryOutcome = { created: string[]; unchanged: string[]; updated: string[] }

const phoneKey = (phones: readonly { extension?: null | string; number: string }[] | null | undefined) =>
  (phones ?? []).map((phone) => `${phone.number}/${phone.extension ?? ''}`).join(' ')

function displayName(entry: DirectoryListing, locale: PageLocale): string {
  return entry.name ?? ASSOCIATION_NAME[locale]
}

function findStored(contacts: StoredContact[], entry: DirectoryListing, locale: PageLocale): StoredContact | undefined {
  const sameOrganization = contacts.filter((contact) => contact.organization === entry.organization)
  if (entry.kind === 'organization') return sameOrganization.find((contact) => contact.kind === 'organization')
  const units = sameOrganization.filter((contact) => contact.kind !== 'organization')
  // By name in the page's language; else by the same telephone lines (the Chinese footer of an entry named in English).
  return (
    units.find((contact) => sameName(contact.name?.[locale], entry.name)) ??
    units.find((contact) => phoneKey(contact.phones) === phoneKey(entry.phones) && phoneKey(entry.phones) !== '')
  )
}

/** An order for a new entry right after the one before it in the footer, without renumbering others. */
function orderAfter(previous: number | undefined, taken: number[]): number {
  const highest = Math.max(0, ...taken)
  if (previous === undefined) return highest + ORDER_STEP
  const following = taken.filter((order) => order > previous)
  if (following.length === 0) return previous + ORDER_STEP
  const next = Math.min(...following)
  return next - previous >= 2 ? previous + Math.floor((next - previous) / 2) : highest + ORDER_STEP
}

/** Telephone rows as printed, keeping the label an editor gave a row with the same number and extension. */
function phonesWithLabels(printed: DirectoryPhone[], stored: Contact['phones']): NonNullable<Contact['phones']> {
  return printed.map((phone) => {
    const label = stored?.find((row) => row.number === phone.number && (row.extension ?? '') === (phone.extension ?? ''))?.label
    return { ...(phone.extension ? { extension: phone.extension } : {}), number: phone.number, ...(label ? { label } : {}) }
  })
}

/**
 * Brings the contact directory in line with a page's footer: each
 * organisation, office, department, centre and editorial board it prints is
 * matched with its directory entry (organisations by organisation; the others
 * by name in the page's language, or by their telephone lines) and updated
 * where the footer says otherwise (telephones and extensions, fax, e-mail,
 * website, address); a missing name in the page's language is filled in;
 * entries the directory lacks are created, after the one printed before
 * them. Nothing is duplicated and entries the footer does not print are left
 * alone.
 */
export async function importDirectory(
  context: ImportContext,
  entries: readonly DirectoryListing[],
  locale: PageLocale,
): Promise<DirectoryOutcome> {
  const { dryRun, payload, req } = context
  const { docs } = await payload.find({
    collection: 'contacts',
    context: IMPORT_CONTEXT,
    depth: 0,
    locale: 'all',
    pagination: false,
    req,
    sort: 'order',
  })
  const contacts = docs as unknown as StoredContact[]
  const taken = contacts.map((contact) => contact.order ?? 0)
  const outcome: DirectoryOutcome = { created: [], unchanged: [], updated: [] }
  const officeOf = new Map<Contact['organization'], string>()
  let previousOrder: number | undefined

  for (const entry of entries) {
    const name = displayName(entry, locale)
    const stored = findStored(contacts, entry, locale)
    const office = entry.kind === 'organization' ? undefined : officeOf.get(entry.organization)

    if (!stored) {
      const order = orderAfter(previousOrder, taken)
      taken.push(order)
      previousOrder = order
      outcome.created.push(name)
      context.changes.push(`created directory entry ${name}`)
      if (dryRun) {
        if (entry.kind === 'organization') officeOf.set(entry.organization, `(new ${name})`)
        continue
      }
      const created = await payload.create({
        collection: 'contacts',
        context: IMPORT_CONTEXT,
        data: {
          ...(entry.address ? { address: entry.address } : {}),
          ...(entry.email ? { email: entry.email } : {}),
          ...(entry.fax ? { fax: entry.fax } : {}),
          ...(entry.website ? { website: entry.website } : {}),
          kind: entry.kind,
          name,
          needsTranslation: locale !== 'zh',
          office: office && !office.startsWith('(new ') ? office : undefined,
          order,
          organization: entry.organization,
          phones: phonesWithLabels(entry.phones, []),
          visible: true,
        },
        depth: 0,
        locale,
        req,
      })
      if (entry.kind === 'organization') officeOf.set(entry.organization, String(created.id))
      continue
    }

    previousOrder = stored.order ?? previousOrder
    if (entry.kind === 'organization') officeOf.set(entry.organization, String(stored.id))
    const data: Partial<Contact> = {}
    const changed: string[] = []
    if (phoneKey(stored.phones) !== phoneKey(entry.phones) && entry.phones.length > 0) {
      data.phones = phonesWithLabels(entry.phones, stored.phones)
      changed.push('telephones')
    }
    for (const field of ['fax', 'email', 'website'] as const) {
      if (entry[field] && stored[field] !== entry[field]) {
        data[field] = entry[field]
        changed.push(field)
      }
    }
    if (entry.address && stored.address?.[locale] !== entry.address) {
      data.address = entry.address
      changed.push(`address (${locale})`)
    }
    if (!stored.name?.[locale]) {
      data.name = name
      changed.push(`name (${locale})`)
    }
    if (office && !stored.office && !office.startsWith('(new ')) {
      data.office = office
      changed.push('office')
    }
    // The Chinese name (and address, for an entry with an address of its own) written: nothing left to translate.
    const chineseName = locale === 'zh' ? (data.name ?? stored.name?.zh) : stored.name?.zh
    const chineseAddress = locale === 'zh' ? (data.address ?? stored.address?.zh) : stored.address?.zh
    if (stored.needsTranslation && chineseName && (chineseAddress || !(stored.address?.en || entry.address))) {
      data.needsTranslation = false
      changed.push('translated')
    }

    if (changed.length === 0) {
      outcome.unchanged.push(name)
      continue
    }
    outcome.updated.push(`${name}: ${changed.join(', ')}`)
    context.changes.push(`updated directory entry ${name}: ${changed.join(', ')}`)
    if (!dryRun) {
      await payload.update({ collection: 'contacts', context: IMPORT_CONTEXT, data, depth: 0, id: stored.id, locale, req })
    }
  }
  return outcome
}
