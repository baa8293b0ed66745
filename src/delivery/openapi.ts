import { localized, nullable, parameter, read, ref, errorResponses, json } from '../openapi/builders'
import type { OpenApiPart } from '../openapi/parts'
import { LOCALES } from '../policy/languages'
import { MAX_PER_SECTION } from '../policy/readerQuery'
import { type WebsiteCallParameter, WEBSITE_CALLS } from './websiteCalls'

/**
 * The website's calls (/api/website/…), the contact directory, site facts and
 * Payload's own read endpoints for the public collections, with the schemas
 * of what they answer: delivery's part of the OpenAPI document.
 */

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

const callParameters: Record<WebsiteCallParameter, object> = {
  draft: parameter('draft'),
  fallbackLocale: parameter('fallbackLocale'),
  limit: parameter('limit'),
  locale: parameter('locale'),
  page: parameter('page'),
  perSection: { description: `Articles per section, 1 to ${MAX_PER_SECTION} (default 3).`, in: 'query', name: 'perSection', schema: { maximum: MAX_PER_SECTION, minimum: 1, type: 'integer' } },
  slug: parameter('slug'),
}

/** The website's calls, from their declarations (src/delivery/websiteCalls.ts). */
function websiteCallPaths(): Record<string, unknown> {
  return Object.fromEntries(
    WEBSITE_CALLS.map((call) => [
      `/api${call.collection ? `/${call.collection}` : ''}${call.path.replace(/:([a-z]+)/g, '{$1}')}`,
      read(call.summary, call.description, call.parameters.map((name) => callParameters[name]), ref(call.schema), call.mayBeMissing),
    ]),
  )
}

export const deliveryOpenApi: OpenApiPart = {
  paths: {
    ...websiteCallPaths(),
    '/api/globals/site': read('Site facts', 'Site name, journal title, description and the main contact entry.', [parameter('locale'), parameter('depth')], ref('Site'), false),
    ...collectionReads('articles', 'articles', 'Article'),
    ...collectionReads('authors', 'authors', 'Author'),
    ...collectionReads('sections', 'sections', 'Section'),
    ...collectionReads('contacts', 'directory entries', 'Contact'),
    ...collectionReads('media', 'images', 'Media'),
  },
  schemas: {
    Article: {
      description: 'An article. In lists (`ArticleSummary`) the body and author note are left out. Any field but `id` may be absent: left out by `select`, or untranslated when fallback-locale=none.',
      properties: {
        ...articleSummaryProperties(),
        authorNote: localized,
        body: { anyOf: [{ type: 'null' }, ref('RichText'), ref('LocaleMap')] },
        doi: { description: 'The article\'s DOI, normalized (10.12345/…), when it has one.', type: ['string', 'null'] },
        keywords: { anyOf: [{ items: { type: 'string' }, type: ['array', 'null'] }, { type: 'object' }] },
        meta: ref('SearchAndSharing'),
        notes: { anyOf: [{ items: ref('ArticleNote'), type: 'array' }, ref('LocaleMap')], description: 'The body\'s footnotes in order, when it has any (src/notes/).' },
        receivedAt: { format: 'date-time', type: ['string', 'null'] },
        references: { items: ref('ArticleReference'), type: ['array', 'null'] },
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
      properties: { ...articleSummaryProperties(), authorNote: false, body: false, notes: false },
      required: ['id', 'slug', 'title', 'section', 'authors', 'contentLocale', 'translations', 'availableLocales'],
      type: 'object',
    },
    Author: {
      description: 'Any field but `id` may be absent: left out by `select`, or untranslated when fallback-locale=none.',
      properties: {
        affiliation: localized,
        bio: { anyOf: [{ type: 'null' }, ref('RichText'), ref('LocaleMap')] },
        email: false,
        id: { type: 'string' },
        meta: ref('SearchAndSharing'),
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
      properties: { articles: ref('ArticleList'), author: ref('Author'), seo: ref('PageSeo') },
      required: ['author', 'articles', 'seo'],
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
        seo: ref('PageSeo'),
      },
      required: ['latest', 'sections', 'seo'],
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
    Section: {
      description: 'Any field but `id` may be absent: left out by `select`, or untranslated when fallback-locale=none.',
      properties: {
        breadcrumbs: { anyOf: [{ items: ref('Breadcrumb'), type: ['array', 'null'] }, ref('LocaleMap')] },
        description: localized,
        id: { type: 'string' },
        meta: ref('SearchAndSharing'),
        parent: { anyOf: [nullable('string'), ref('Section')] },
        slug: { type: 'string' },
        title: localized,
      },
      required: ['id'],
      type: 'object',
    },
    SectionPage: {
      properties: { articles: ref('ArticleList'), children: { items: ref('Section'), type: 'array' }, section: ref('Section'), seo: ref('PageSeo') },
      required: ['section', 'children', 'articles', 'seo'],
      type: 'object',
    },
    Site: {
      properties: {
        description: localized,
        journalTitle: localized,
        mainContact: { anyOf: [nullable('string'), ref('Contact')] },
        meta: ref('SearchAndSharing'),
        siteName: localized,
      },
      type: 'object',
    },
  },
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
