import type { PayloadRequest } from 'payload'

import { type DirectoryGroup, groupDirectory } from '../lib/groupDirectory'
import type { ReaderQuery } from '../policy/readerQuery'

/** Far more entries than the directory will ever have: it is read whole, in pages of this size. */
const DIRECTORY_PAGE = 100

/**
 * The entries the caller may read (the public: visible ones), grouped by
 * organisation and kind, in display order.
 */
export async function contactDirectory(req: PayloadRequest, query: Pick<ReaderQuery, 'locale'>): Promise<{ organizations: DirectoryGroup[] }> {
  const entries = []
  for (let page = 1; ; page += 1) {
    const result = await req.payload.find({
      collection: 'contacts',
      depth: 0,
      limit: DIRECTORY_PAGE,
      locale: query.locale,
      overrideAccess: false,
      page,
      req,
      sort: ['order', 'id'],
    })
    entries.push(...result.docs)
    if (!result.hasNextPage) break
  }
  return { organizations: groupDirectory(entries) }
}
