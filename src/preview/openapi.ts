import { LOCALES } from '../policy/languages'
import { PREVIEW_COLLECTIONS } from './previewPaths'
import type { OpenApiPart } from '../openapi/parts'

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const error = (description: string) => ({ content: { 'application/json': { schema: ref('Error') } }, description })

/** Schemas of GET /api/preview, merged into the document's components. */
export const previewOpenApiSchemas = {
  PreviewAnswer: {
    description: 'The latest draft of the document a preview token names.',
    properties: {
      collection: { enum: [...PREVIEW_COLLECTIONS], type: 'string' },
      doc: {
        anyOf: [ref('Article'), ref('Author'), ref('Section')],
        description: 'The document as the editor who opened the preview reads it (depth 1, the token\'s language, unpublished changes included), without editors-only fields.',
      },
      expiresAt: { description: 'When the token stops working.', format: 'date-time', type: 'string' },
      id: { type: 'string' },
      locale: { enum: [...LOCALES], type: 'string' },
    },
    required: ['collection', 'id', 'locale', 'expiresAt', 'doc'],
    type: 'object',
  },
}

/** GET /api/preview in the OpenAPI document (src/delivery/openapi.ts). */
export const previewOpenApiPath = {
  get: {
    description:
      'Exchanges a preview token (from the preview URL the admin UI opened on the website) for the latest draft of the document it names. No API key: the token is the credential, valid for PREVIEW_TOKEN_TTL_SECONDS. Never cached (Cache-Control: private, no-store). See docs/workflow.md#live-preview.',
    parameters: [
      { description: 'The preview token, as received.', in: 'query', name: 'token', required: true, schema: { type: 'string' } },
      { description: 'When given, must be the collection the token names.', in: 'query', name: 'collection', schema: { enum: [...PREVIEW_COLLECTIONS], type: 'string' } },
      { description: 'When given, must be the id of the document the token names.', in: 'query', name: 'id', schema: { type: 'string' } },
      { description: 'When given, must be the slug of that document.', in: 'query', name: 'slug', schema: { type: 'string' } },
    ],
    responses: {
      '200': {
        content: { 'application/json': { schema: ref('PreviewAnswer') } },
        description: 'The draft.',
        headers: { 'Cache-Control': { description: 'Always private, no-store.', schema: { const: 'private, no-store', type: 'string' } } },
      },
      '400': error('No token.'),
      '401': error('The token is altered, not made by this CMS, or expired.'),
      '403': error('The token names another document or collection, preview of its collection is off, or the account that opened the preview may no longer read it.'),
      '404': error('The document was deleted.'),
    },
    security: [{}],
    summary: 'Preview a draft',
    tags: ['Website'],
  },
}

/** /api/preview: its part of the OpenAPI document. */
export const previewOpenApi: OpenApiPart = {
  paths: { '/api/preview': previewOpenApiPath },
  schemas: previewOpenApiSchemas,
}
