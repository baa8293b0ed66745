import type { Endpoint } from 'payload'

import { groupDirectory } from '../../../src/lib/groupDirectory'

/**
 * GET /api/contacts/directory[?locale=zh]: the entries the caller may read
 * (the public: visible ones), grouped by organisation and kind in display order.
 */
export const directoryEndpoint: Omit<Endpoint, 'root'> = {
  handler: async (req) => {
    const { docs } = await req.payload.find({
      collection: 'contacts',
      depth: 0,
      locale: req.locale,
      overrideAccess: false,
      pagination: false,
      req,
      sort: 'order',
    })
    return Response.json({ organizations: groupDirectory(docs) })
  },
  method: 'get',
  path: '/directory',
}

