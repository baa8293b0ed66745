import { DEFAULT_LOCALE, READER_LOCALES } from '../policy/languages'
import { MAX_PAGE, MAX_PAGE_SIZE } from '../policy/readerQuery'
import { MAX_QUERY_LENGTH } from './searchQuery'
import type { OpenApiPart } from '../openapi/parts'

const nullableString = { type: ['string', 'null'] }

/** One hit of GET /api/search, as JSON Schema. */
export const searchHitSchema = {
  additionalProperties: false,
  properties: {
    authors: {
      items: { additionalProperties: false, properties: { name: { type: 'string' }, slug: { type: 'string' } }, required: ['name', 'slug'], type: 'object' },
      type: 'array',
    },
    highlightedTitle: { description: 'The title as HTML: text escaped, matches in <mark>.', type: 'string' },
    id: { description: 'The article or author id.', type: 'string' },
    kind: { enum: ['article', 'author'], type: 'string' },
    locale: { description: 'The language the hit matched in.', type: 'string' },
    publishedAt: { ...nullableString, format: 'date-time' },
    score: { description: 'Ranking score: the sum over the query terms of the weight of the heaviest field each is in.', type: 'number' },
    section: {
      anyOf: [
        { additionalProperties: false, properties: { id: { type: 'string' }, slug: { type: 'string' }, title: { type: 'string' } }, required: ['id', 'slug', 'title'], type: 'object' },
        { type: 'null' },
      ],
    },
    slug: { type: 'string' },
    snippet: { description: 'A passage around the matches as HTML: text escaped, matches in <mark>.', type: 'string' },
    title: { type: 'string' },
    url: { description: 'The page on the website.', format: 'uri', type: 'string' },
  },
  required: ['authors', 'highlightedTitle', 'id', 'kind', 'locale', 'publishedAt', 'score', 'section', 'slug', 'snippet', 'title', 'url'],
  type: 'object',
} as const

/** The answer of GET /api/search, as JSON Schema. */
export const searchResultsSchema = {
  additionalProperties: false,
  properties: {
    docs: { items: searchHitSchema, type: 'array' },
    hasNextPage: { type: 'boolean' },
    hasPrevPage: { type: 'boolean' },
    limit: { type: 'integer' },
    page: { type: 'integer' },
    totalDocs: { minimum: 0, type: 'integer' },
    totalDocsExact: { description: 'False when totalDocs is an estimate (a very common query over a large journal).', type: 'boolean' },
    totalPages: { minimum: 0, type: 'integer' },
  },
  required: ['docs', 'hasNextPage', 'hasPrevPage', 'limit', 'page', 'totalDocs', 'totalDocsExact', 'totalPages'],
  type: 'object',
} as const

/**
 * The OpenAPI 3.1 path item of GET /api/search, self-contained but for the
 * shared BadRequest response: for the paths of src/delivery/openapi.ts.
 */
export const searchOpenApiPath = {
  get: {
    description:
      'Published articles and authors containing every word of q (English by word stem, Chinese by any phrase of two or more characters), best first (a match in the title outranks one in the body), with highlighted titles and snippets (docs/search.md).',
    parameters: [
      { description: 'The words to search for.', in: 'query', name: 'q', required: true, schema: { maxLength: MAX_QUERY_LENGTH, minLength: 1, type: 'string' } },
      { description: 'The language of the text searched; all: both.', in: 'query', name: 'locale', schema: { default: DEFAULT_LOCALE, enum: [...READER_LOCALES], type: 'string' } },
      { description: 'Only articles of this section and of the sections below it.', in: 'query', name: 'section', schema: { type: 'string' } },
      { in: 'query', name: 'page', schema: { default: 1, maximum: MAX_PAGE, minimum: 1, type: 'integer' } },
      { in: 'query', name: 'limit', schema: { default: 10, maximum: MAX_PAGE_SIZE, minimum: 1, type: 'integer' } },
    ],
    responses: {
      '200': { content: { 'application/json': { schema: searchResultsSchema } }, description: 'A page of hits.' },
      '304': { description: 'Not modified: the If-None-Match tag still matches.' },
      '400': { $ref: '#/components/responses/BadRequest' },
    },
    summary: 'Search',
    tags: ['Discovery'],
  },
} as const

/** /api/search: its part of the OpenAPI document. */
export const searchOpenApi: OpenApiPart = {
  paths: { '/api/search': searchOpenApiPath },
}
