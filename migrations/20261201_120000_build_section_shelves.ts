import type { MigrateDownArgs, MigrateUpArgs } from '@payloadcms/db-mongodb'

import { rebuildShelves } from '../src/delivery/shelves/refreshShelves'

/**
 * Fills every section's shelf (its newest published articles, read by the
 * home page: src/delivery/shelves/) from what is already published. Hooks
 * keep the shelves current afterwards. Safe to run again: each shelf is
 * made anew.
 */
export async function up({ payload, req }: MigrateUpArgs): Promise<void> {
  const sections = await rebuildShelves(req)
  payload.logger.info(`Section shelves built for ${sections} sections`)
}

/** Shelves are derived data: going back removes them. */
export async function down({ payload, req }: MigrateDownArgs): Promise<void> {
  await payload.db.deleteMany({ collection: 'section-shelves', req, where: {} })
}
