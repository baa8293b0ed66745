import type { Endpoint, PayloadRequest } from 'payload'

import { articleJsonLd } from './articleJsonLd'
import { readArticleRecord } from './articleRecord'
import { CITATION_FORMAT_NAMES, CITATION_FORMATS, isCitationFormat } from './citationFormats'
import { highwireTags } from './highwireTags'
import { scholarlyLocale } from './scholarlyLocale'
import { badRequest } from '../../http/clientError'

function idParam(req: PayloadRequest): string {
  return String(req.routeParams?.id ?? '')
}

/**
 * GET /api/articles/{id}/metadata[?locale=zh]: what the article page prints
 * in its head for search engines and scholarly indexes, as
 * `{ id, locale, contentLocale, jsonLd, highwire }` (docs/scholarly-metadata.md).
 */
export const articleMetadataEndpoint: Omit<Endpoint, 'root'> = {
  handler: async (req) => {
    const locale = scholarlyLocale(req)
    const record = await readArticleRecord(req.payload, idParam(req), locale)
    return Response.json({
      contentLocale: record.language,
      highwire: highwireTags(record),
      id: record.id,
      jsonLd: articleJsonLd(record),
      locale,
    })
  },
  method: 'get',
  path: '/:id/metadata',
}

/**
 * GET /api/articles/{id}/cite?format=bibtex|ris|csl-json[&locale=zh]: the
 * article's reference as a file to download in the format asked for.
 */
export const articleCiteEndpoint: Omit<Endpoint, 'root'> = {
  handler: async (req) => {
    const format = req.searchParams.get('format') ?? ''
    if (!isCitationFormat(format)) {
      const choices = CITATION_FORMAT_NAMES.join(', ')
      throw badRequest(format ? `format must be one of ${choices} (got "${format.slice(0, 40)}")` : `format is required: one of ${choices}`)
    }
    const locale = scholarlyLocale(req)
    const record = await readArticleRecord(req.payload, idParam(req), locale)
    const { contentType, extension, render } = CITATION_FORMATS[format]
    return new Response(render(record), {
      headers: {
        'Content-Disposition': `attachment; filename="${record.slug}-${locale}.${extension}"`,
        'Content-Language': record.language,
        'Content-Type': contentType,
      },
    })
  },
  method: 'get',
  path: '/:id/cite',
}

/** The scholarly endpoints of the articles collection (collections/Articles). */
export const articleScholarlyEndpoints: Omit<Endpoint, 'root'>[] = [articleMetadataEndpoint, articleCiteEndpoint]
