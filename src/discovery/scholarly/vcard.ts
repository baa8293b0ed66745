import type { Contact } from '../../payload-types'
import type { PublicDirectory } from './publicDirectory'
import { internationalNumber, telUri } from './telephone'

/** RFC 6350 §3.2: lines longer than 75 octets are folded. */
const MAX_LINE_OCTETS = 75

/** A text value (RFC 6350 §3.4): backslash, comma, semicolon and new lines escaped. */
export function vcardText(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/[\\,;]/g, (character) => `\\${character}`)
    .replace(/\n/g, '\\n')
}

/** A parameter value (RFC 6868): quoted, with ^, new lines and double quotes caret-encoded. */
export function vcardParameter(value: string): string {
  const encoded = value
    .replace(/\r\n?/g, '\n')
    .replace(/\^/g, '^^')
    .replace(/\n/g, '^n')
    .replace(/"/g, "^'")
  return `"${encoded}"`
}

/**
 * Folds a content line into lines of at most 75 octets (RFC 6350 §3.2): each
 * continuation starts with one space, and a multi-octet UTF-8 character is
 * never split.
 */
export function foldLine(line: string): string {
  const pieces: string[] = []
  let current = ''
  let octets = 0
  for (const character of line) {
    const size = Buffer.byteLength(character, 'utf8')
    const limit = pieces.length === 0 ? MAX_LINE_OCTETS : MAX_LINE_OCTETS - 1
    if (octets + size > limit) {
      pieces.push(current)
      current = ''
      octets = 0
    }
    current += character
    octets += size
  }
  pieces.push(current)
  return pieces.join('\r\n ')
}

/** `2018-06-01T10:20:30.000Z` → `20180601T102030Z` (RFC 6350 timestamp). */
function timestamp(instant: string): string {
  return new Date(instant).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')
}

function telephoneLine(number: string, extension: null | string | undefined, types: string, directory: PublicDirectory, entry: Contact): string {
  const international = internationalNumber(number, directory.dialingCodeOf(entry.organization))
  if (international) return `TEL;VALUE=uri;TYPE=${types}:${telUri(international, extension)}`
  // Not to be made international: the number as printed, as text (the vCard 3 form RFC 6350 still allows).
  return `TEL;VALUE=text;TYPE=${types}:${vcardText(extension ? `${number.trim()} ext. ${extension}` : number.trim())}`
}

/**
 * One directory entry as a vCard 4.0 (RFC 6350), CRLF line ends and lines
 * folded at 75 octets: `KIND:org`, `FN` the entry's name, `ORG` its
 * organisation and (for an office, department, centre or board) the entry as
 * unit, each telephone as a `tel:` URI with its extension (`;ext=`), the fax,
 * e-mail, website, the address (own or its office's: `ADR` with the whole
 * address as street and the printed form as `LABEL`, since the directory
 * keeps addresses as printed), `REV` its last change and `SOURCE` where to
 * fetch it again.
 */
export function vcard(entry: Contact, directory: PublicDirectory, source: string): string {
  const organization = directory.organizationName(entry.organization)
  const units = entry.kind === 'organization' ? [entry.name] : [organization, entry.name]
  const address = directory.addressOf(entry)
  const lines = [
    'BEGIN:VCARD',
    'VERSION:4.0',
    'KIND:org',
    `FN:${vcardText(entry.name)}`,
    `ORG:${units.map(vcardText).join(';')}`,
    ...(entry.phones ?? []).map((phone) => telephoneLine(phone.number, phone.extension, 'work,voice', directory, entry)),
    ...(entry.fax ? [telephoneLine(entry.fax, undefined, 'work,fax', directory, entry)] : []),
    ...(entry.email ? [`EMAIL;TYPE=work:${vcardText(entry.email)}`] : []),
    ...(entry.website ? [`URL;TYPE=work:${entry.website}`] : []),
    ...(address ? [`ADR;TYPE=work;LABEL=${vcardParameter(address)}:;;${vcardText(address)};;;;`] : []),
    `REV:${timestamp(entry.updatedAt)}`,
    `SOURCE:${source}`,
    'END:VCARD',
  ]
  return `${lines.map(foldLine).join('\r\n')}\r\n`
}
