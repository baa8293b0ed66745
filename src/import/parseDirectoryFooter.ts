import type { Contact } from '../payload-types'
import type { DirectoryFooter, DirectoryListing, DirectoryPhone } from './types'

type Label = 'address' | 'email' | 'fax' | 'postalCode' | 'telephone' | 'website'

/** The labels of the footer, in English and Chinese. */
const LABELS: { label: Label; pattern: string }[] = [
  { label: 'address', pattern: 'Address|地\\s*址' },
  { label: 'telephone', pattern: 'Tel|Telephone|Phone|电\\s*话' },
  { label: 'fax', pattern: 'Fax|传\\s*真' },
  { label: 'website', pattern: 'Website|Web\\s*site|Web|网\\s*址|网\\s*站' },
  { label: 'email', pattern: 'E-?mail|电子邮件|电子邮箱|邮\\s*箱' },
  { label: 'postalCode', pattern: 'Postal\\s*code|Post\\s*code|Zip\\s*code|邮\\s*编|邮政编码' },
]

const LABEL_PATTERN = new RegExp(
  `(?<![\\p{L}\\d])(${LABELS.map(({ pattern }) => `(?:${pattern})`).join('|')})\\s*[:：]\\s*`,
  'giu',
)

/** A telephone number: digits and hyphens, at least five digits ("82005566", "86-10-82005566", "+86 10 8200 5566" pieces aside). */
const NUMBER = /\+?\d[\d-]{3,}\d/
/** What may follow a unit's name: numbers, extensions ("Ext. 8008", "转8008", "分机8008") and separators. */
const PHONE_RUN = /^(?:[\s,，、;；/]*(?:\+?\d[\d-]{3,}\d|(?:Ext|Extn|ext|extn|x|转|分机)\.?\s*\d{1,6}))+/u
const EXTENSION = /(?:Ext|Extn|ext|extn|x|转|分机)\.?\s*(\d{1,6})/u

type Item =
  | { kind: 'field'; label: Label; value: string }
  | { kind: 'unit'; name: string; phones: DirectoryPhone[] }

function labelOf(matched: string): Label {
  const found = LABELS.find(({ pattern }) => new RegExp(`^(?:${pattern})$`, 'iu').test(matched.trim()))
  return found?.label ?? 'address'
}

/**
 * "86-10-82002138, 82005566 Ext.8008" → the direct line, then the switchboard
 * with its extension; "82005669 Ext. 8002" → one number with its extension;
 * "82005566转8008" likewise.
 */
export function parsePhones(printed: string): DirectoryPhone[] {
  const phones: DirectoryPhone[] = []
  const tokens = printed.match(new RegExp(`${NUMBER.source}|${EXTENSION.source}`, 'gu')) ?? []
  for (const token of tokens) {
    const extension = EXTENSION.exec(token)
    if (extension && phones.length > 0 && !/^\+?\d/.test(token)) phones[phones.length - 1].extension = extension[1]
    else if (!extension || /^\+?\d/.test(token)) phones.push({ number: token })
  }
  return phones
}

/** "Name:numbers Name:numbers …" on a line (or the part of a line without labels). */
function unitsOf(text: string, unread: string[]): Item[] {
  const items: Item[] = []
  let rest = text.trim()
  while (rest) {
    const colon = rest.search(/[:：]/)
    if (colon <= 0) {
      unread.push(rest)
      break
    }
    const name = rest.slice(0, colon).trim()
    const after = rest.slice(colon + 1)
    const run = PHONE_RUN.exec(after)
    if (!run) {
      unread.push(rest)
      break
    }
    items.push({ kind: 'unit', name, phones: parsePhones(run[0]) })
    rest = after.slice(run[0].length).trim()
  }
  return items
}

function itemsOf(line: string, unread: string[]): Item[] {
  const items: Item[] = []
  const labels = [...line.matchAll(LABEL_PATTERN)]
  items.push(...unitsOf(line.slice(0, labels[0]?.index ?? line.length), unread))
  labels.forEach((match, index) => {
    const start = match.index + match[0].length
    const end = labels[index + 1]?.index ?? line.length
    items.push({ kind: 'field', label: labelOf(match[1]), value: line.slice(start, end).trim() })
  })
  return items
}

/** The kind of a unit, from its name. */
export function kindOf(name: string): Contact['kind'] {
  if (/editorial\s+(board|office|department)|编辑部|编委会/i.test(name)) return 'editorial-board'
  if (/\bcent(er|re)\b|中心/i.test(name)) return 'centre'
  if (/\boffice\b|办公室|办公厅/i.test(name)) return 'office'
  return 'department'
}

/** Which organisation of the directory a named block of the footer is. */
function organizationOf(name: string): Contact['organization'] | undefined {
  return /art\s+council|art\s+academy|艺术/i.test(name) ? 'art-council' : undefined
}

/** "No. 1A , Huayanbeili ,Dewaidajie" → "No. 1A, Huayanbeili, Dewaidajie"; the postal code after the city. */
function tidyAddress(address: string, postalCode?: string): string {
  const tidy = address
    .replace(/\s*,\s*/g, ', ')
    .replace(/\s*，\s*/g, '，')
    .replace(/[,，\s]+$/, '')
    .trim()
  return postalCode ? `${tidy} ${postalCode}` : tidy
}

/**
 * Reads the contact footer of a page: first the association's block (its
 * address, telephone and fax; the association is not named there), its
 * offices, departments, centre and editorial board as "Name:numbers", its
 * website and e-mail; then each further organisation as "Name:telephone"
 * followed by its address. Works on the English and the Chinese footer
 * (地址, 电话, 传真, 网址, 电子邮件, 邮编, "转" for the extension).
 */
export function parseDirectoryFooter(lines: readonly string[]): DirectoryFooter {
  const unread: string[] = []
  const items = lines.flatMap((line) => itemsOf(line, unread))
  const entries: DirectoryListing[] = []
  let organization: DirectoryListing | undefined
  const postalCodes = new Map<DirectoryListing, string>()

  items.forEach((item, index) => {
    const next = items[index + 1]
    if (item.kind === 'unit') {
      // A named block: "Art Council (…):86-10-62366878" followed by its address.
      if (next?.kind === 'field' && next.label === 'address') {
        const slug = organizationOf(item.name)
        if (!slug) {
          unread.push(`${item.name}: an organisation the directory does not list (only the association and the Art Council)`)
          organization = undefined
          return
        }
        organization = { kind: 'organization', name: item.name, organization: slug, phones: item.phones }
        entries.push(organization)
        return
      }
      if (!organization) {
        unread.push(`${item.name}: listed before any organisation's address`)
        return
      }
      entries.push({ kind: kindOf(item.name), name: item.name, organization: organization.organization, phones: item.phones })
      return
    }
    if (!organization) {
      // The footer opens with the association's own block: it has no name of its own there.
      organization = { kind: 'organization', organization: 'association', phones: [] }
      entries.push(organization)
    }
    switch (item.label) {
      case 'address':
        organization.address = item.value
        break
      case 'telephone':
        organization.phones.push(...parsePhones(item.value))
        break
      case 'fax':
        organization.fax = item.value.match(NUMBER)?.[0] ?? item.value
        break
      case 'website':
        organization.website = item.value.split(/\s+/)[0]
        break
      case 'email':
        organization.email = item.value.split(/\s+/)[0]
        break
      case 'postalCode':
        postalCodes.set(organization, item.value.match(/\d{6}/)?.[0] ?? item.value)
        break
    }
  })
  for (const entry of entries) {
    if (entry.address) entry.address = tidyAddress(entry.address, postalCodes.get(entry))
  }
  return { entries, unread }
}
