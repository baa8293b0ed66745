import type { Endpoint } from 'payload'

import { DEFAULT_LOCALE, LOCALES, READER_LOCALES } from '../policy/languages'
import { previewOpenApiPath, previewOpenApiSchemas } from '../preview/openapi'
import { searchOpenApiPath } from '../search/openapi'
import { WEBHOOK_ACTIONS, WEBHOOK_COLLECTIONS } from '../webhooks/events'
import { MAX_PAGE, MAX_PAGE_SIZE, MAX_PER_SECTION } from './readerQuery'

/**
 * The public API as an OpenAPI 3.1 document, served at GET /api/openapi.json:
 * the website's calls (/api/website/…), the contact directory, site facts,
 * Payload's own read endpoints for the public collections, and GraphQL.
 * docs/api.md explains the same in prose; the tests check real answers
 * against the schemas below.
 */

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const nullable = (type: string) => ({ type: [type, 'null'] })

/** A localized value: a string in the language asked for, or every language with locale=all. */
const localized = { anyOf: [nullable('string'), ref('LocaleMap')] }

const json = (schema: object, description: string) => ({ content: { 'application/json': { schema } }, description })

const errorResponses = {
  '400': { $ref: '#/components/responses/BadRequest' },
  '404': { $ref: '#/components/responses/NotFound' },
}

const parameter = (name: string) => ({ $ref: `#/components/parameters/${name}` })

const cachedRead = { $ref: '#/components/headers/ETag' }

function read(summary: string, description: string, parameters: object[], schema: object, notFound = true) {
  return {
    get: {
      description,
      parameters,
      responses: {
        '200': {
          ...json(schema, 'The answer. Anonymous answers are cacheable (see Cache-Control and ETag).'),
          headers: { 'Cache-Control': { $ref: '#/components/headers/CacheControl' }, ETag: cachedRead },
        },
        '304': { description: 'Not modified: the If-None-Match tag still matches.' },
        '400': errorResponses['400'],
        ...(notFound ? { '404': errorResponses['404'] } : {}),
      },
      summary,
      tags: ['Website'],
    },
  }
}

function collectionReads(slug: string, title: string, schema: string) {
  const listParameters = [
    parameter('locale'),
    parameter('fallbackLocale'),
    parameter('depth'),
    parameter('limit'),
    parameter('page'),
    parameter('sort'),
    parameter('where'),
    parameter('select'),
    parameter('draft'),
  ]
  return {
    [`/api/${slug}`]: {
      get: {
        description: `Payload's list endpoint for ${title}: filter with \`where\`, choose fields with \`select\`.`,
        parameters: listParameters,
        responses: {
          '200': json({ allOf: [ref('PageInfo'), { properties: { docs: { items: ref(schema), type: 'array' } }, required: ['docs'], type: 'object' }] }, `A page of ${title}.`),
          '304': { description: 'Not modified.' },
          '400': errorResponses['400'],
        },
        summary: `List ${title}`,
        tags: ['Collections'],
      },
    },
    [`/api/${slug}/{id}`]: {
      get: {
        parameters: [{ in: 'path', name: 'id', required: true, schema: { type: 'string' } }, parameter('locale'), parameter('fallbackLocale'), parameter('depth'), parameter('draft')],
        responses: { '200': json(ref(schema), 'The document.'), '304': { description: 'Not modified.' }, '404': errorResponses['404'] },
        summary: `One of the ${title} by id`,
        tags: ['Collections'],
      },
    },
  }
}

export function openApiDocument(serverURL: string): Record<string, unknown> {
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
      schemas: {
        Article: {
          description: 'An article. In lists (`ArticleSummary`) the body and author note are left out. Any field but `id` may be absent: left out by `select`, or untranslated when fallback-locale=none.',
          properties: {
            ...articleSummaryProperties(),
            authorNote: localized,
            body: { anyOf: [{ type: 'null' }, ref('RichText'), ref('LocaleMap')] },
            keywords: { anyOf: [{ items: { type: 'string' }, type: ['array', 'null'] }, { type: 'object' }] },
            receivedAt: { format: 'date-time', type: ['string', 'null'] },
            wordCount: { anyOf: [nullable('number'), ref('LocaleMap')] },
          },
          required: ['id'],
          type: 'object',
        },
        ArticleList: {
          allOf: [ref('PageInfo'), { properties: { docs: { items: ref('ArticleSummary'), type: 'array' } }, required: ['docs'], type: 'object' }],
        },
        ArticleSummary: {
          description: 'An article as lists carry it: no body.',
          properties: { ...articleSummaryProperties(), authorNote: false, body: false },
          required: ['id', 'slug', 'title', 'section', 'authors', 'contentLocale', 'translations', 'availableLocales'],
          type: 'object',
        },
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
        Author: {
          description: 'Any field but `id` may be absent: left out by `select`, or untranslated when fallback-locale=none.',
          properties: {
            affiliation: localized,
            bio: { anyOf: [{ type: 'null' }, ref('RichText'), ref('LocaleMap')] },
            email: false,
            id: { type: 'string' },
            name: localized,
            orcid: nullable('string'),
            photo: { anyOf: [nullable('string'), ref('Media')] },
            position: localized,
            slug: { type: 'string' },
          },
          required: ['id'],
          type: 'object',
        },
        AuthorPage: {
          properties: { articles: ref('ArticleList'), author: ref('Author') },
          required: ['author', 'articles'],
          type: 'object',
        },
        Breadcrumb: {
          properties: { doc: { anyOf: [nullable('string'), ref('Section')] }, label: nullable('string'), url: nullable('string') },
          type: 'object',
        },
        Byline: {
          description: 'An author as articles carry them: name and slug in lists; position, affiliation and photo too on the article page.',
          properties: {
            affiliation: localized,
            id: { type: 'string' },
            name: localized,
            photo: { anyOf: [nullable('string'), ref('Media')] },
            position: localized,
            slug: { type: 'string' },
          },
          required: ['id'],
          type: 'object',
        },
        Contact: {
          description: 'Any field but `id` may be absent: left out by `select`, or untranslated when fallback-locale=none.',
          properties: {
            address: localized,
            email: nullable('string'),
            fax: nullable('string'),
            id: { type: 'string' },
            kind: { enum: ['organization', 'office', 'department', 'centre', 'editorial-board'], type: 'string' },
            name: localized,
            office: { anyOf: [nullable('string'), ref('Contact')] },
            order: nullable('number'),
            organization: { enum: ['association', 'art-council'], type: 'string' },
            phones: {
              items: {
                properties: { extension: nullable('string'), label: localized, number: { type: 'string' } },
                required: ['number'],
                type: 'object',
              },
              type: ['array', 'null'],
            },
            website: nullable('string'),
          },
          required: ['id'],
          type: 'object',
        },
        ContactDirectory: {
          properties: {
            organizations: {
              items: {
                properties: {
                  kinds: {
                    items: {
                      properties: { entries: { items: ref('Contact'), type: 'array' }, kind: { type: 'string' } },
                      required: ['kind', 'entries'],
                      type: 'object',
                    },
                    type: 'array',
                  },
                  organization: { type: 'string' },
                },
                required: ['organization', 'kinds'],
                type: 'object',
              },
              type: 'array',
            },
          },
          required: ['organizations'],
          type: 'object',
        },
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
        HomePage: {
          properties: {
            latest: { items: ref('ArticleSummary'), type: 'array' },
            sections: {
              items: {
                properties: { articles: { items: ref('ArticleSummary'), type: 'array' }, section: ref('Section') },
                required: ['section', 'articles'],
                type: 'object',
              },
              type: 'array',
            },
          },
          required: ['latest', 'sections'],
          type: 'object',
        },
        LocaleMap: {
          additionalProperties: false,
          description: 'Every language of a localized field (locale=all).',
          properties: Object.fromEntries(LOCALES.map((locale) => [locale, {}])),
          type: 'object',
        },
        Media: {
          properties: {
            alt: localized,
            caption: localized,
            filename: nullable('string'),
            focalX: nullable('number'),
            focalY: nullable('number'),
            height: nullable('number'),
            id: { type: 'string' },
            mimeType: nullable('string'),
            sizes: { additionalProperties: ref('MediaSize'), type: 'object' },
            url: nullable('string'),
            width: nullable('number'),
          },
          required: ['id'],
          type: 'object',
        },
        MediaSize: {
          properties: { filename: nullable('string'), height: nullable('number'), mimeType: nullable('string'), url: nullable('string'), width: nullable('number') },
          type: 'object',
        },
        ...previewOpenApiSchemas,
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
        Section: {
          description: 'Any field but `id` may be absent: left out by `select`, or untranslated when fallback-locale=none.',
          properties: {
            breadcrumbs: { anyOf: [{ items: ref('Breadcrumb'), type: ['array', 'null'] }, ref('LocaleMap')] },
            description: localized,
            id: { type: 'string' },
            parent: { anyOf: [nullable('string'), ref('Section')] },
            slug: { type: 'string' },
            title: localized,
          },
          required: ['id'],
          type: 'object',
        },
        SectionPage: {
          properties: { articles: ref('ArticleList'), children: { items: ref('Section'), type: 'array' }, section: ref('Section') },
          required: ['section', 'children', 'articles'],
          type: 'object',
        },
        WebhookEvent: {
          description: 'The JSON body of a change notification (docs/webhooks.md).',
          properties: {
            action: { enum: [...WEBHOOK_ACTIONS], type: 'string' },
            collection: { enum: [...WEBHOOK_COLLECTIONS], type: 'string' },
            document: {
              properties: {
                id: { type: 'string' },
                slug: { additionalProperties: { type: 'string' }, description: 'Per language; null for contacts and media.', type: ['object', 'null'] },
              },
              required: ['id', 'slug'],
              type: 'object',
            },
            id: { description: 'Unique per event, the same in every retry.', type: 'string' },
            occurredAt: { format: 'date-time', type: 'string' },
            paths: { description: 'Website paths showing the document, before and after the change.', items: { type: 'string' }, type: 'array' },
            type: { description: 'e.g. article.published', pattern: '^[a-z]+\\.[a-z]+$', type: 'string' },
          },
          required: ['id', 'type', 'action', 'collection', 'document', 'occurredAt', 'paths'],
          type: 'object',
        },
        Site: {
          properties: {
            description: localized,
            journalTitle: localized,
            mainContact: { anyOf: [nullable('string'), ref('Contact')] },
            siteName: localized,
          },
          type: 'object',
        },
      },
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
    paths: {
      '/api/website/home': read(
        'Home page',
        'The newest published articles overall and, for each section readers can see, its newest ones. Lists carry no bodies.',
        [parameter('locale'), parameter('fallbackLocale'), parameter('limit'), { description: `Articles per section, 1 to ${MAX_PER_SECTION} (default 3).`, in: 'query', name: 'perSection', schema: { maximum: MAX_PER_SECTION, minimum: 1, type: 'integer' } }, parameter('draft')],
        ref('HomePage'),
        false,
      ),
      '/api/website/sections/{slug}': read(
        'Section page',
        'A section with its breadcrumbs and sub-sections, and a page of the articles of its branch (the section and every section below it), newest first.',
        [parameter('slug'), parameter('locale'), parameter('fallbackLocale'), parameter('limit'), parameter('page'), parameter('draft')],
        ref('SectionPage'),
      ),
      '/api/website/articles/{slug}': read(
        'Article page',
        'A whole article with its authors (name, position, affiliation, slug, photo), its section and breadcrumbs. `contentLocale` says which language it is served in; `translations` lists the other languages it exists in.',
        [parameter('slug'), parameter('locale'), parameter('fallbackLocale'), parameter('draft')],
        ref('Article'),
      ),
      '/api/website/authors/{slug}': read(
        'Author page',
        'An author and a page of their published articles, newest first.',
        [parameter('slug'), parameter('locale'), parameter('fallbackLocale'), parameter('limit'), parameter('page'), parameter('draft')],
        ref('AuthorPage'),
      ),
      '/api/contacts/directory': read(
        'Contact directory',
        'The visible directory entries grouped by organisation, then kind, in display order.',
        [parameter('locale')],
        ref('ContactDirectory'),
        false,
      ),
      '/api/globals/site': read('Site facts', 'Site name, journal title, description and the main contact entry.', [parameter('locale'), parameter('depth')], ref('Site'), false),
      ...collectionReads('articles', 'articles', 'Article'),
      ...collectionReads('authors', 'authors', 'Author'),
      ...collectionReads('sections', 'sections', 'Section'),
      ...collectionReads('contacts', 'directory entries', 'Contact'),
      ...collectionReads('media', 'images', 'Media'),
      '/api/search': searchOpenApiPath,
      '/api/preview': previewOpenApiPath,
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
      '/api/articles/{id}/schedule': {
        post: {
          description:
            'Schedules the publication or unpublication of an article (editors and admins). The server\'s jobs queue carries it out within JOBS_AUTORUN_CRON of the time; scheduling publication marks the article `scheduled`. See docs/workflow.md.',
          parameters: [{ in: 'path', name: 'id', required: true, schema: { type: 'string' } }],
          requestBody: {
            content: {
              'application/json': {
                schema: {
                  properties: {
                    at: { description: 'When, in the future (at most five years ahead).', format: 'date-time', type: 'string' },
                    type: { default: 'publish', enum: ['publish', 'unpublish'], type: 'string' },
                  },
                  required: ['at'],
                  type: 'object',
                },
              },
            },
            required: true,
          },
          responses: {
            '202': json(
              {
                properties: {
                  at: { format: 'date-time', type: 'string' },
                  id: { type: 'string' },
                  job: { type: ['string', 'number'] },
                  type: { enum: ['publish', 'unpublish'], type: 'string' },
                },
                required: ['at', 'id', 'job', 'type'],
                type: 'object',
              },
              'Queued.',
            ),
            '400': errorResponses['400'],
            '401': { $ref: '#/components/responses/Unauthorized' },
            '403': { $ref: '#/components/responses/Forbidden' },
            '404': errorResponses['404'],
          },
          security: [{ jwt: [] }],
          summary: 'Schedule publishing or unpublishing',
          tags: ['Editorial'],
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
          description: 'The newest published articles complete in the language: rss.xml (RSS 2.0), atom.xml (Atom 1.0), feed.json (JSON Feed 1.1). The same under /feeds/{locale}/sections/{slug}/{file} for a section and the sections below it (docs/feeds.md).',
          parameters: [
            { in: 'path', name: 'locale', required: true, schema: { enum: [...LOCALES], type: 'string' } },
            { in: 'path', name: 'file', required: true, schema: { enum: ['rss.xml', 'atom.xml', 'feed.json'], type: 'string' } },
          ],
          responses: {
            '200': {
              content: { 'application/atom+xml': { schema: { type: 'string' } }, 'application/feed+json': { schema: { type: 'object' } }, 'application/rss+xml': { schema: { type: 'string' } } },
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
    },
    security: [{}, { apiKey: [] }, { jwt: [] }],
    webhooks: {
      contentChanged: {
        post: {
          description:
            'Sent to every configured endpoint when an article, author, section, contact or image is published, updated, unpublished or deleted. Headers: Journal-Event (the type), Journal-Delivery (the id of this delivery, the same in every retry) and Journal-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the endpoint secret>.',
          requestBody: { content: { 'application/json': { schema: ref('WebhookEvent') } }, required: true },
          responses: { '200': { description: 'Any 2xx acknowledges the event; anything else, or no answer in time, is retried with growing waits.' } },
          summary: 'Content changed',
        },
      },
    },
    servers: [{ url: serverURL }],
    tags: [
      { description: 'One call per page of the website.', name: 'Website' },
      { description: 'Payload\'s own read endpoints.', name: 'Collections' },
      { description: 'Search, feeds, the sitemap, scholarly metadata, citations and harvesting.', name: 'Discovery' },
      { name: 'GraphQL' },
      { description: 'Calls for editors\' tools.', name: 'Editorial' },
    ],
  }
}

function articleSummaryProperties() {
  return {
    authors: { items: { anyOf: [{ type: 'string' }, ref('Byline')] }, type: 'array' },
    availableLocales: { items: { enum: [...LOCALES], type: 'string' }, type: ['array', 'null'] },
    contentLocale: { description: 'The language the article is served in (the fallback when it is not translated); null with locale=all.', enum: [...LOCALES, null] },
    featuredImage: { anyOf: [nullable('string'), ref('Media')] },
    id: { type: 'string' },
    issue: { properties: { number: nullable('number'), volume: nullable('number'), year: nullable('number') }, type: ['object', 'null'] },
    lead: localized,
    publishedAt: { format: 'date-time', type: ['string', 'null'] },
    readingTime: { anyOf: [nullable('number'), ref('LocaleMap')] },
    section: { anyOf: [{ type: 'string' }, ref('Section')] },
    slug: { type: 'string' },
    subtitle: localized,
    title: localized,
    translations: {
      description: 'The other languages the article is complete in, for hreflang links and the language switch.',
      items: { properties: { locale: { enum: [...LOCALES], type: 'string' }, slug: { type: 'string' } }, required: ['locale', 'slug'], type: 'object' },
      type: ['array', 'null'],
    },
  }
}

/** GET /api/openapi.json */
export const openApiEndpoint: Endpoint = {
  handler: (req) => Response.json(openApiDocument(req.payload.config.serverURL)),
  method: 'get',
  path: '/openapi.json',
}
