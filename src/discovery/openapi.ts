import { errorResponses, json, parameter, ref } from '../openapi/builders'
import type { OpenApiPart } from '../openapi/parts'
import { FEED_FORMATS } from './feeds/feedEndpoints'
import { LOCALES } from '../policy/languages'

const feedFiles = Object.keys(FEED_FORMATS)

/** Scholarly metadata and citations, the directory as schema.org and vCard, feeds, the sitemap and OAI-PMH: discovery's part of the OpenAPI document. */
export const discoveryOpenApi: OpenApiPart = {
  paths: {
    '/api/articles/{id}/metadata': {
      get: {
        description: 'Scholarly metadata of a published article: schema.org ScholarlyArticle JSON-LD and the Highwire citation_* meta tags, in order (docs/scholarly-metadata.md).',
        parameters: [{ in: 'path', name: 'id', required: true, schema: { type: 'string' } }, parameter('oneLocale')],
        responses: {
          '200': json(ref('ArticleMetadata'), 'The metadata.'),
          '304': { description: 'Not modified.' },
          '400': errorResponses['400'],
          '404': errorResponses['404'],
        },
        summary: 'Scholarly metadata',
        tags: ['Discovery'],
      },
    },
    '/api/articles/{id}/cite': {
      get: {
        description: 'A citation of a published article, as a file to download.',
        parameters: [
          { in: 'path', name: 'id', required: true, schema: { type: 'string' } },
          { in: 'query', name: 'format', required: true, schema: { enum: ['bibtex', 'ris', 'csl-json'], type: 'string' } },
          parameter('oneLocale'),
        ],
        responses: {
          '200': {
            content: {
              'application/vnd.citationstyles.csl+json': { schema: { items: { type: 'object' }, type: 'array' } },
              'application/x-bibtex': { schema: { type: 'string' } },
              'application/x-research-info-systems': { schema: { type: 'string' } },
            },
            description: 'The citation (Content-Disposition names a file).',
          },
          '400': errorResponses['400'],
          '404': errorResponses['404'],
        },
        summary: 'Citation (BibTeX, RIS, CSL-JSON)',
        tags: ['Discovery'],
      },
    },
    '/api/contacts/jsonld': {
      get: {
        description: 'The visible directory as schema.org Organizations with ContactPoints.',
        parameters: [parameter('oneLocale')],
        responses: { '200': { content: { 'application/ld+json': { schema: { properties: { '@context': {}, '@graph': { type: 'array' } }, required: ['@context', '@graph'], type: 'object' } } }, description: 'JSON-LD.' }, '400': errorResponses['400'] },
        summary: 'Directory as schema.org',
        tags: ['Discovery'],
      },
    },
    '/api/contacts/{id}/vcard': {
      get: {
        parameters: [{ in: 'path', name: 'id', required: true, schema: { type: 'string' } }, parameter('oneLocale')],
        responses: { '200': { content: { 'text/vcard': { schema: { type: 'string' } } }, description: 'A vCard 4.0.' }, '404': errorResponses['404'] },
        summary: 'Directory entry as vCard',
        tags: ['Discovery'],
      },
    },
    '/feeds/{locale}/{file}': {
      get: {
        description: `The newest published articles complete in the language: ${feedFiles.map((file) => `${file} (${FEED_FORMATS[file].name})`).join(', ')}. The same under /feeds/{locale}/sections/{slug}/{file} for a section and the sections below it (docs/feeds.md).`,
        parameters: [
          { in: 'path', name: 'locale', required: true, schema: { enum: [...LOCALES], type: 'string' } },
          { in: 'path', name: 'file', required: true, schema: { enum: feedFiles, type: 'string' } },
        ],
        responses: {
          '200': {
            content: Object.fromEntries(
              Object.values(FEED_FORMATS)
                .map((format) => [format.mediaType, { schema: { type: format.schemaType } }] as const)
                .sort(([a], [b]) => (a < b ? -1 : 1)),
            ),
            description: 'The feed.',
          },
          '304': { description: 'Not modified.' },
          '400': errorResponses['400'],
          '404': errorResponses['404'],
        },
        summary: 'Feeds',
        tags: ['Discovery'],
      },
    },
    '/sitemap.xml': {
      get: {
        description: 'Sitemap index pointing to /sitemaps/articles-N.xml, /sitemaps/sections.xml and /sitemaps/authors.xml, with hreflang alternates.',
        responses: { '200': { content: { 'application/xml': { schema: { type: 'string' } } }, description: 'The sitemap index.' }, '304': { description: 'Not modified.' } },
        summary: 'Sitemap',
        tags: ['Discovery'],
      },
    },
    '/oai': {
      get: {
        description: 'OAI-PMH 2.0 repository (verbs Identify, ListMetadataFormats, ListSets, ListIdentifiers, ListRecords, GetRecord; metadataPrefix oai_dc). POST with a form-encoded body answers the same (docs/oai-pmh.md).',
        parameters: [
          { in: 'query', name: 'verb', required: true, schema: { enum: ['Identify', 'ListMetadataFormats', 'ListSets', 'ListIdentifiers', 'ListRecords', 'GetRecord'], type: 'string' } },
          { in: 'query', name: 'metadataPrefix', schema: { type: 'string' } },
          { in: 'query', name: 'identifier', schema: { type: 'string' } },
          { in: 'query', name: 'from', schema: { type: 'string' } },
          { in: 'query', name: 'until', schema: { type: 'string' } },
          { in: 'query', name: 'set', schema: { type: 'string' } },
          { in: 'query', name: 'resumptionToken', schema: { type: 'string' } },
        ],
        responses: { '200': { content: { 'text/xml': { schema: { type: 'string' } } }, description: 'An OAI-PMH response (protocol errors included, as the protocol requires).' } },
        summary: 'OAI-PMH',
        tags: ['Discovery'],
      },
    },
  },
  schemas: {
    ArticleMetadata: {
      properties: {
        contentLocale: { enum: [...LOCALES], type: 'string' },
        highwire: {
          description: 'Highwire Press meta tags in order: print each as <meta name="…" content="…">.',
          items: { properties: { content: { type: 'string' }, name: { pattern: '^citation_', type: 'string' } }, required: ['name', 'content'], type: 'object' },
          type: 'array',
        },
        id: { type: 'string' },
        jsonLd: { properties: { '@context': {}, '@type': { const: 'ScholarlyArticle' } }, required: ['@context', '@type'], type: 'object' },
        locale: { enum: [...LOCALES], type: 'string' },
      },
      required: ['id', 'locale', 'jsonLd', 'highwire'],
      type: 'object',
    },
  },
}
