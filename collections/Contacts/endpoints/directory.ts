import type { Endpoint } from 'payload'

import { contactDirectory } from '../../../src/delivery/contactDirectory'
import { queryStringOf, readerQuery } from '../../../src/delivery/readerQuery'

/**
 * GET /api/contacts/directory[?locale=zh]: the entries the caller may read
 * (the public: visible ones), grouped by organisation and kind in display order.
 */
export const directoryEndpoint: Omit<Endpoint, 'root'> = {
  handler: async (req) => Response.json(await contactDirectory(req, readerQuery(queryStringOf(req)))),
  method: 'get',
  path: '/directory',
}
