import type { Endpoint } from 'payload'

import { contactDirectory } from './contactDirectory'
import { queryStringOf, readerQuery } from './readerQuery'

/**
 * GET /api/contacts/directory[?locale=zh]: the entries the caller may read
 * (the public: visible ones), grouped by organisation and kind in display order.
 */
export const contactDirectoryEndpoint: Omit<Endpoint, 'root'> = {
  handler: async (req) => Response.json(await contactDirectory(req, readerQuery(req, queryStringOf(req)))),
  method: 'get',
  path: '/directory',
}
