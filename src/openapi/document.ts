import type { Endpoint, SanitizedConfig } from 'payload'

import { json, ref } from './builders'
import { openApiPartsOf } from './parts'
import { MAX_PAGE, MAX_PAGE_SIZE } from '../policy/readerQuery'
import { DEFAULT_LOCALE, LOCALES, READER_LOCALES } from '../policy/languages'

/**
 * The public API as an OpenAPI 3.1 document, served at GET /api/openapi.json.
 * What every part shares is here: the headers, parameters, answers and
 * security schemes, the error and page shapes, GraphQL. Each capability adds
 * its own paths and schemas (src/openapi/parts.ts): the website's calls
 * (src/delivery/openapi.ts), search, preview, discovery, webhooks, and the
 * articles' scheduling call. docs/api.md explains the same in prose; the
 * tests check real answers against it. Schemas are listed by name.
 */

const sharedSchemas = {
  Error: {
    properties: {
      errors: {
        items: { properties: { message: { type: 'string' } }, required: ['message'], type: 'object' },
        minItems: 1,
        type: 'array',
      },
    },
    required: ['errors'],
    type: 'object',
  },
  GraphqlRequest: {
    properties: { operationName: { type: 'string' }, query: { type: 'string' }, variables: { type: 'object' } },
    required: ['query'],
    type: 'object',
  },
  GraphqlResponse: {
    properties: { data: { type: ['object', 'null'] }, errors: { items: { type: 'object' }, type: 'array' } },
    type: 'object',
  },
  LocaleMap: {
    additionalProperties: false,
    description: 'Every language of a localized field (locale=all).',
    properties: Object.fromEntries(LOCALES.map((locale) => [locale, {}])),
    type: 'object',
  },
  PageInfo: {
    properties: {
      hasNextPage: { type: 'boolean' },
      hasPrevPage: { type: 'boolean' },
      limit: { type: 'integer' },
      page: { type: 'integer' },
      totalDocs: { type: 'integer' },
      totalPages: { type: 'integer' },
    },
    required: ['hasNextPage', 'hasPrevPage', 'limit', 'page', 'totalDocs', 'totalPages'],
    type: 'object',
  },
  RichText: {
    description: 'Lexical editor state: { root: { children: [...] } }.',
    properties: { root: { properties: { children: { type: 'array' } }, required: ['children'], type: 'object' } },
    required: ['root'],
    type: 'object',
  },
}

const graphqlPath = {
  '/api/graphql': {
    get: {
      description: 'A GraphQL query sent by GET, cacheable like REST. Mutations are refused (405).',
      parameters: [
        { in: 'query', name: 'query', required: true, schema: { type: 'string' } },
        { content: { 'application/json': { schema: { type: 'object' } } }, in: 'query', name: 'variables' },
        { in: 'query', name: 'operationName', schema: { type: 'string' } },
      ],
      responses: { '200': json(ref('GraphqlResponse'), 'The result.'), '304': { description: 'Not modified.' }, '400': json(ref('GraphqlResponse'), 'The query is invalid or over a limit.'), '405': { description: 'A mutation sent by GET.' } },
      summary: 'GraphQL query (GET)',
      tags: ['GraphQL'],
    },
    post: {
      requestBody: { content: { 'application/json': { schema: ref('GraphqlRequest') } }, required: true },
      responses: {
        '200': json(ref('GraphqlResponse'), 'The result.'),
        '400': json(ref('GraphqlResponse'), 'The query is invalid or over a limit.'),
        '413': json(ref('GraphqlResponse'), 'The body is larger than API_MAX_BODY_KB.'),
      },
      summary: 'GraphQL query or mutation',
      tags: ['GraphQL'],
    },
  },
}

function sortedByName(entries: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entries).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

export function openApiDocument(config: Pick<SanitizedConfig, 'collections' | 'custom' | 'serverURL'>): Record<string, unknown> {
  const parts = openApiPartsOf(config)
  const merge = (key: 'paths' | 'schemas' | 'webhooks') => Object.assign({}, ...parts.map((part) => part[key] ?? {})) as Record<string, unknown>
  return {
    components: {
      headers: {
        CacheControl: {
          description: 'public, max-age, s-maxage and stale-while-revalidate for anonymous answers; private, no-store when signed in, with an API key or for drafts.',
          schema: { type: 'string' },
        },
        ETag: { description: 'A strong validator of the body (suffixed -br or -gz when compressed). Send it back as If-None-Match.', schema: { type: 'string' } },
      },
      parameters: {
        depth: { description: 'How deep related documents are filled in (default 1, at most 3).', in: 'query', name: 'depth', schema: { maximum: 3, minimum: 0, type: 'integer' } },
        draft: { description: 'Latest drafts instead of published versions: only for editors and the website\'s preview key; ignored for everyone else.', in: 'query', name: 'draft', schema: { type: 'boolean' } },
        fallbackLocale: { description: 'Language used where a field is not translated (default: en for zh), or "none".', in: 'query', name: 'fallback-locale', schema: { type: 'string' } },
        limit: { description: `Items per page, 1 to ${MAX_PAGE_SIZE}.`, in: 'query', name: 'limit', schema: { maximum: MAX_PAGE_SIZE, minimum: 1, type: 'integer' } },
        locale: { description: 'Language of the answer; "all" returns every language side by side.', in: 'query', name: 'locale', schema: { default: DEFAULT_LOCALE, enum: [...READER_LOCALES], type: 'string' } },
        // A reference cannot be narrowed in place (OpenAPI allows only summary and description beside $ref).
        oneLocale: { description: 'Language of the answer: one language ("all" is refused here).', in: 'query', name: 'locale', schema: { default: DEFAULT_LOCALE, enum: [...LOCALES], type: 'string' } },
        page: { description: 'Page number, from 1.', in: 'query', name: 'page', schema: { maximum: MAX_PAGE, minimum: 1, type: 'integer' } },
        select: { description: 'Fields to return, e.g. select[title]=true.', in: 'query', name: 'select', schema: { type: 'object' }, style: 'deepObject' },
        slug: { in: 'path', name: 'slug', required: true, schema: { pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', type: 'string' } },
        sort: { description: 'Field to sort by, "-" for descending, e.g. -publishedAt.', in: 'query', name: 'sort', schema: { type: 'string' } },
        where: { description: 'Payload query, e.g. where[slug][equals]=us-japan-alliance.', in: 'query', name: 'where', schema: { type: 'object' }, style: 'deepObject' },
      },
      responses: {
        BadRequest: json(ref('Error'), 'A parameter is out of range or malformed; the message says which.'),
        Forbidden: json(ref('Error'), 'The signed-in user may not do this; the message says why.'),
        NotFound: json(ref('Error'), 'Nothing published has this slug or id.'),
        Unauthorized: json(ref('Error'), 'Not signed in.'),
      },
      schemas: sortedByName({ ...sharedSchemas, ...merge('schemas') }),
      securitySchemes: {
        apiKey: {
          description: 'The website\'s preview key: `Authorization: users API-Key <key>`. Reads drafts, writes nothing.',
          in: 'header',
          name: 'Authorization',
          type: 'apiKey',
        },
        jwt: { bearerFormat: 'JWT', description: 'A signed-in user: `Authorization: JWT <token>` from POST /api/users/login.', scheme: 'bearer', type: 'http' },
      },
    },
    info: {
      description: 'Read API of the institute\'s bilingual (English / 中文) journal: what the website fetches. See docs/api.md.',
      title: 'Journal CMS delivery API',
      version: '1.0.0',
    },
    openapi: '3.1.0',
    paths: { ...merge('paths'), ...graphqlPath },
    security: [{}, { apiKey: [] }, { jwt: [] }],
    webhooks: merge('webhooks'),
    servers: [{ url: config.serverURL }],
    tags: [
      { description: 'One call per page of the website.', name: 'Website' },
      { description: 'Payload\'s own read endpoints.', name: 'Collections' },
      { description: 'Search, feeds, the sitemap, scholarly metadata, citations and harvesting.', name: 'Discovery' },
      { name: 'GraphQL' },
      { description: 'Calls for editors\' tools.', name: 'Editorial' },
    ],
  }
}

/** GET /api/openapi.json */
export const openApiEndpoint: Endpoint = {
  handler: (req) => Response.json(openApiDocument(req.payload.config)),
  method: 'get',
  path: '/openapi.json',
}
