import { nullable, ref } from '../openapi/builders'
import type { OpenApiPart } from '../openapi/parts'
import { ROBOTS_INDEX, ROBOTS_NOINDEX } from '../policy/searchEngines'

/**
 * The schemas of search and sharing: the `seo` object of the website's page
 * calls, the search-and-sharing group editors fill in (`meta` on articles,
 * sections, authors and the site), and the article page's answer (an
 * article with its `seo`).
 */
export const seoOpenApi: OpenApiPart = {
  schemas: {
    ArticlePage: {
      allOf: [ref('Article'), { properties: { seo: ref('PageSeo') }, required: ['seo'], type: 'object' }],
      description: 'The article page: the whole article and its `seo` object.',
    },
    PageSeo: {
      description:
        'What the page prints in its head, with every default applied (docs/api.md, "Search and sharing"). Null with locale=all.',
      properties: {
        alternates: {
          description: 'The page in each language readers get it in, and `x-default` (the default language\'s page).',
          items: { properties: { href: { format: 'uri', type: 'string' }, hreflang: { type: 'string' } }, required: ['hreflang', 'href'], type: 'object' },
          type: 'array',
        },
        canonical: { description: 'The page\'s absolute address on the website, or the canonical address editors set.', format: 'uri', type: 'string' },
        description: nullable('string'),
        image: {
          anyOf: [
            { type: 'null' },
            {
              description: 'The share image in the `og` size (1200 × 630), or as uploaded when smaller.',
              properties: { alt: nullable('string'), height: nullable('integer'), url: { format: 'uri', type: 'string' }, width: nullable('integer') },
              required: ['url', 'width', 'height', 'alt'],
              type: 'object',
            },
          ],
        },
        robots: { enum: [ROBOTS_INDEX, ROBOTS_NOINDEX], type: 'string' },
        siteName: nullable('string'),
        title: { type: 'string' },
        type: { description: 'og:type.', enum: ['article', 'profile', 'website'], type: 'string' },
      },
      required: ['title', 'description', 'image', 'canonical', 'alternates', 'robots', 'siteName', 'type'],
      type: ['object', 'null'],
    },
    SearchAndSharing: {
      anyOf: [
        { type: 'null' },
        {
          description: 'The search-and-sharing fields as editors filled them in (empty ones take the defaults in `seo`).',
          properties: {
            canonical: nullable('string'),
            description: nullable('string'),
            id: false,
            image: { anyOf: [nullable('string'), ref('Media')] },
            noindex: { type: ['boolean', 'null'] },
            title: nullable('string'),
          },
          type: 'object',
        },
        ref('LocaleMap'),
      ],
    },
  },
}

