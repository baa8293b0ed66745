import type { Access, CollectionConfig } from 'payload'

import { isAdmin } from './isAdmin'

const nobody: Access = () => false

/**
 * Access of a collection the CMS keeps by itself (the search index, section
 * shelves, OAI-PMH tombstones, the webhook delivery log): admins may read it
 * to see what the CMS did; no request creates, changes or deletes anything in it.
 */
export const keptByTheCms: NonNullable<CollectionConfig['access']> = {
  create: nobody,
  delete: nobody,
  read: isAdmin,
  update: nobody,
}
