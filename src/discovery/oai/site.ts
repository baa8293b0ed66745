import type { Payload } from 'payload'

type Localized<T> = Partial<Record<string, T>>

/** The site facts the repository names: per language, only those written. */
export type SiteFacts = {
  journalTitle: Localized<string>
  mainContact?: number | string
  siteName: Localized<string>
}

function written(values: unknown): Localized<string> {
  const result: Localized<string> = {}
  if (!values || typeof values !== 'object') return result
  for (const [locale, value] of Object.entries(values)) {
    if (typeof value === 'string' && value.trim()) result[locale] = value.trim()
  }
  return result
}

/** The `site` global in every language, as readers read it. */
export async function readSiteFacts(payload: Payload): Promise<SiteFacts> {
  const site = (await payload.findGlobal({ slug: 'site', depth: 0, locale: 'all', overrideAccess: false })) as unknown as {
    journalTitle?: unknown
    mainContact?: null | number | string | { id: number | string }
    siteName?: unknown
  }
  const contact = site.mainContact
  return {
    journalTitle: written(site.journalTitle),
    mainContact: contact === null || contact === undefined ? undefined : typeof contact === 'object' ? contact.id : contact,
    siteName: written(site.siteName),
  }
}

/** The e-mail address of the site's main contact, when readers can see the entry and it has one. */
export async function mainContactEmail(payload: Payload, site: SiteFacts): Promise<string | undefined> {
  if (site.mainContact === undefined) return undefined
  const found = await payload.find({
    collection: 'contacts',
    depth: 0,
    limit: 1,
    overrideAccess: false,
    pagination: false,
    select: { email: true },
    where: { id: { equals: site.mainContact } },
  })
  return found.docs[0]?.email?.trim() || undefined
}

/** The first value in the languages' order. */
export function firstOf(values: Localized<string>, locales: readonly string[]): string | undefined {
  return locales.map((locale) => values[locale]).find(Boolean) ?? Object.values(values).find(Boolean)
}
