import { CONTACT_KINDS, ORGANIZATIONS } from '../../../collections/Contacts/options'
import type { Contact } from '../../payload-types'
import { compact, type JsonLdNode } from './articleJsonLd'
import type { PublicDirectory } from './publicDirectory'
import { internationalNumber, withExtension } from './telephone'

/** A telephone for schema.org: `+86-10-82005566;ext=8008`, or as printed when it cannot be made international. */
function telephone(number: string, extension: null | string | undefined, directory: PublicDirectory, entry: Contact): string {
  return withExtension(internationalNumber(number, directory.dialingCodeOf(entry.organization)) ?? number.trim(), extension)
}

/** One value alone, several as a list, none left out. */
function oneOrMany(values: string[]): string | string[] | undefined {
  if (values.length === 0) return undefined
  return values.length === 1 ? values[0] : values
}

function reachableBy(entry: Contact, directory: PublicDirectory): JsonLdNode {
  return {
    email: entry.email ?? undefined,
    faxNumber: entry.fax ? telephone(entry.fax, undefined, directory, entry) : undefined,
    telephone: oneOrMany((entry.phones ?? []).map((phone) => telephone(phone.number, phone.extension, directory, entry))),
    url: entry.website ?? undefined,
  }
}

function contactPoint(entry: Contact, directory: PublicDirectory): JsonLdNode {
  return compact({
    '@type': 'ContactPoint',
    contactType: CONTACT_KINDS.find((kind) => kind.value === entry.kind)?.label ?? entry.kind,
    name: entry.name,
    ...reachableBy(entry, directory),
  })
}

/**
 * The public directory as schema.org JSON-LD: a `@graph` with one
 * `Organization` per organisation (the association, the Art Council), in
 * display order. The organisation's own entry gives its name, address (as
 * text: the directory keeps addresses as printed), telephones, fax, e-mail
 * and website; every other entry of it (office, departments, centre,
 * editorial board) is one of its `contactPoint`s, with the kind as
 * `contactType`. `@id` is the website's contact page with the organisation
 * as fragment, e.g. `https://www.example.org/en/contact#association`.
 */
export function directoryJsonLd(directory: PublicDirectory, contactPageUrl: string): JsonLdNode {
  const organizations = ORGANIZATIONS.map(({ value: organization }) => {
    const entries = directory.entries.filter((entry) => entry.organization === organization)
    if (entries.length === 0) return undefined
    const own = directory.organizationEntry(organization)
    const address = own ? directory.addressOf(own) : undefined
    return compact({
      '@type': 'Organization',
      '@id': `${contactPageUrl}#${organization}`,
      address,
      contactPoint: entries.filter((entry) => entry !== own).map((entry) => contactPoint(entry, directory)),
      name: directory.organizationName(organization),
      ...(own ? reachableBy(own, directory) : {}),
    })
  }).filter((node): node is JsonLdNode => node !== undefined)
  return { '@context': 'https://schema.org', '@graph': organizations }
}
