import type { Endpoint } from 'payload'

import { runSearch } from './runSearch'
import { searchQuery, searchQueryStringOf } from './searchQuery'

/**
 * `GET /api/search?q=…&locale=en|zh|all&section=…&page=…&limit=…`: published
 * articles and authors matching every word of `q`, best first, with
 * highlighted titles and snippets. See docs/search.md.
 */
export const searchEndpoint: Endpoint = {
  handler: async (req) => Response.json(await runSearch(req, searchQuery(req, searchQueryStringOf(req)))),
  method: 'get',
  path: '/search',
}
