import { errorResponses, json, nullable, ref } from '../../openapi/builders'
import type { OpenApiPart } from '../../openapi/parts'

const idParameter = { in: 'path', name: 'id', required: true, schema: { type: 'string' } }
const conflict = json(ref('Error'), 'Nothing to export, or the export is not set up: the message says what to do.')
const staffOnly = {
  '401': { $ref: '#/components/responses/Unauthorized' },
  '403': { $ref: '#/components/responses/Forbidden' },
  '404': errorResponses['404'],
}
const depositFile = {
  content: { 'application/xml': { schema: { description: 'A Crossref `doi_batch`, schema 5.3.1.', type: 'string' } } },
  description: 'The deposit, as a file to download (Content-Disposition names it) and upload to Crossref.',
}

/** DOIs, references and the Crossref deposit export: their part of the OpenAPI document. */
export const crossrefOpenApi: OpenApiPart = {
  paths: {
    '/api/articles/{id}/crossref': {
      get: {
        description: 'The Crossref deposit XML of one published article with a DOI (editors and admins). Nothing is sent to Crossref. See docs/scholarly-metadata.md.',
        parameters: [idParameter],
        responses: { '200': depositFile, ...staffOnly, '409': conflict },
        security: [{ jwt: [] }],
        summary: 'Crossref deposit of an article',
        tags: ['Editorial'],
      },
    },
    '/api/articles/{id}/suggested-doi': {
      get: {
        description: 'The DOI the article gets when an editor has one generated: DOI_PREFIX, a slash, the article\'s id. Nothing is saved.',
        parameters: [idParameter],
        responses: {
          '200': json({ properties: { doi: { type: 'string' } }, required: ['doi'], type: 'object' }, 'The DOI to save.'),
          ...staffOnly,
          '409': conflict,
        },
        security: [{ jwt: [] }],
        summary: 'Suggested DOI',
        tags: ['Editorial'],
      },
    },
    '/api/sections/{id}/crossref': {
      get: {
        description:
          'The Crossref deposit XML of the published articles with a DOI in a section and every section below it (editors and admins); articles without a DOI are left out and counted in X-Articles-Without-Doi.',
        parameters: [idParameter],
        responses: {
          '200': { ...depositFile, headers: { 'X-Articles-Without-Doi': { description: 'How many published articles were left out for want of a DOI.', schema: { type: 'integer' } } } },
          ...staffOnly,
          '409': conflict,
        },
        security: [{ jwt: [] }],
        summary: 'Crossref deposit of a section',
        tags: ['Editorial'],
      },
    },
  },
  schemas: {
    ArticleReference: {
      description: 'A work the article cites: the reference as printed (in the language asked for, else English), and its DOI or link.',
      properties: {
        citation: { anyOf: [nullable('string'), ref('LocaleMap')] },
        doi: nullable('string'),
        id: { type: 'string' },
        url: nullable('string'),
      },
      type: 'object',
    },
  },
}
