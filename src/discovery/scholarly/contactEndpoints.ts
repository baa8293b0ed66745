import type { Endpoint } from 'payload'

import { readWebsitePathTemplates, readWebsiteUrl } from '../../settings/environment'
import { slugify } from '../../lib/slugify'
import { websitePaths } from '../../lib/websitePaths'
import { directoryJsonLd } from './directoryJsonLd'
import { readPublicDirectory } from './publicDirectory'
import { scholarlyLocale } from './scholarlyLocale'
import { vcard } from './vcard'
import { notFound } from '../../http/clientError'

/**
 * GET /api/contacts/jsonld[?locale=zh]: the visible directory as schema.org
 * `Organization`s with `ContactPoint`s (application/ld+json), for the
 * website's contact page and footer to embed.
 */
export const directoryJsonLdEndpoint: Omit<Endpoint, 'root'> = {
  handler: async (req) => {
    const locale = scholarlyLocale(req)
    const directory = await readPublicDirectory(req.payload, locale)
    const contactPage = readWebsiteUrl() + websitePaths(readWebsitePathTemplates()).contact(locale)
    return new Response(JSON.stringify(directoryJsonLd(directory, contactPage)), {
      headers: { 'Content-Language': locale, 'Content-Type': 'application/ld+json; charset=utf-8' },
    })
  },
  method: 'get',
  path: '/jsonld',
}

/** GET /api/contacts/{id}/vcard[?locale=zh]: one visible entry as a vCard 4.0; a hidden or unknown one is a 404. */
export const contactVcardEndpoint: Omit<Endpoint, 'root'> = {
  handler: async (req) => {
    const locale = scholarlyLocale(req)
    const id = String(req.routeParams?.id ?? '')
    const directory = await readPublicDirectory(req.payload, locale)
    const entry = directory.entries.find((candidate) => String(candidate.id) === id)
    if (!entry) throw notFound(`There is no directory entry with id "${id.slice(0, 40)}"`)
    const source = `${req.payload.config.serverURL || readWebsiteUrl()}/api/contacts/${encodeURIComponent(entry.id)}/vcard?locale=${locale}`
    const filename = slugify(entry.name) || `contact-${entry.id}`
    return new Response(vcard(entry, directory, source), {
      headers: {
        'Content-Disposition': `attachment; filename="${filename}.vcf"`,
        'Content-Language': locale,
        'Content-Type': 'text/vcard; charset=utf-8',
      },
    })
  },
  method: 'get',
  path: '/:id/vcard',
}

/**
 * The directory's machine-readable forms (collections/Contacts). `/jsonld`
 * is a fixed path, matched before Payload's own `/:id` (collection endpoints
 * are tried before the built-in ones).
 */
export const contactScholarlyEndpoints: Omit<Endpoint, 'root'>[] = [directoryJsonLdEndpoint, contactVcardEndpoint]
