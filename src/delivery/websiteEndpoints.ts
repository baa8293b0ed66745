import type { Endpoint, PayloadRequest } from 'payload'

import { articlePage } from './articlePage'
import { authorPage } from './authorPage'
import { homePage } from './homePage'
import { openApiEndpoint } from './openapi'
import { MAX_PER_SECTION, positiveInteger, queryStringOf, readerQuery } from './readerQuery'
import { sectionPage } from './sectionPage'

/** REST populates one level: authors, section and images come with each article. */
const REST_DEPTH = 1

function slugParam(req: PayloadRequest): string {
  return String(req.routeParams?.slug ?? '')
}

/**
 * The calls the website makes, one per page type, under /api/website/, and
 * the OpenAPI document describing the public API (/api/openapi.json).
 * Each answers what its page needs in one request; GraphQL has the same
 * calls (src/delivery/websiteGraphqlQueries.ts) and docs/api.md describes both.
 */
export const websiteEndpoints: Endpoint[] = [
  {
    handler: async (req) => {
      const query = readerQuery(queryStringOf(req), { defaultLimit: 10 })
      const perSection = positiveInteger('perSection', req.searchParams.get('perSection'), 3, MAX_PER_SECTION)
      return Response.json(await homePage(req, { ...query, perSection }, REST_DEPTH))
    },
    method: 'get',
    path: '/website/home',
  },
  {
    handler: async (req) =>
      Response.json(await sectionPage(req, slugParam(req), readerQuery(queryStringOf(req), { defaultLimit: 20 }), REST_DEPTH)),
    method: 'get',
    path: '/website/sections/:slug',
  },
  {
    handler: async (req) => Response.json(await articlePage(req, slugParam(req), readerQuery(queryStringOf(req)), REST_DEPTH)),
    method: 'get',
    path: '/website/articles/:slug',
  },
  {
    handler: async (req) =>
      Response.json(await authorPage(req, slugParam(req), readerQuery(queryStringOf(req), { defaultLimit: 20 }), REST_DEPTH)),
    method: 'get',
    path: '/website/authors/:slug',
  },
  openApiEndpoint,
]
