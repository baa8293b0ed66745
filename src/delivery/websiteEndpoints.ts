import type { Endpoint, PayloadRequest } from 'payload'

import { queryStringOf } from '../policy/readerQuery'
import { type WebsiteCall, websiteCallQuery, WEBSITE_CALLS } from './websiteCalls'

/** REST populates one level: authors, section and images come with each article. */
const REST_DEPTH = 1

function restEndpoint(call: WebsiteCall): Endpoint {
  return {
    handler: async (req: PayloadRequest) => {
      const args = {
        ...queryStringOf(req),
        ...(call.parameters.includes('perSection') ? { perSection: req.searchParams.get('perSection') } : {}),
        slug: req.routeParams?.slug as string | undefined,
      }
      return Response.json(await call.answer(req, websiteCallQuery(req, call, args), REST_DEPTH))
    },
    method: 'get',
    path: call.path,
  }
}

/**
 * The website's calls over REST, made from their declarations
 * (src/delivery/websiteCalls.ts): one per page type under /api/website/, and
 * the contact directory under /api/contacts/. Each answers what its page
 * needs in one request; GraphQL has the same calls and docs/api.md describes both.
 */
export const websiteEndpoints: Endpoint[] = WEBSITE_CALLS.filter((call) => !call.collection).map(restEndpoint)

/** The calls that live under a collection's path, by collection. */
export function websiteCollectionEndpoints(collection: string): Omit<Endpoint, 'root'>[] {
  return WEBSITE_CALLS.filter((call) => call.collection === collection).map(restEndpoint)
}
