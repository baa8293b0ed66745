import type { MigrateDownArgs, MigrateUpArgs } from '@payloadcms/db-mongodb'

import { rebuildSearchIndex } from '../src/search/rebuildIndex'

/**
 * Builds the search index (docs/search.md) from what is already published,
 * so a site that existed before search was added finds its articles from
 * the first start. Hooks keep it current afterwards; `npm run reindex`
 * rebuilds it by hand. Safe to run again: a rebuild replaces every entry.
 */
export async function up({ payload }: MigrateUpArgs): Promise<void> {
  const report = await rebuildSearchIndex(payload)
  payload.logger.info(`Search index built: ${report.articles} articles, ${report.authors} authors, ${report.entries} entries`)
}

/** The index is derived data: going back removes it. */
export async function down({ payload }: MigrateDownArgs): Promise<void> {
  await payload.db.deleteMany({ collection: 'search-entries', where: {} })
}
