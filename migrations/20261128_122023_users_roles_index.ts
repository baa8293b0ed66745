import type { MigrateDownArgs, MigrateUpArgs } from '@payloadcms/db-mongodb'

/**
 * Indexes users by role: the admin UI filters the user list by role, and the
 * access rules look users up by role (e.g. "is there an admin left?").
 */
const INDEX_NAME = 'roles_1'

export async function up({ payload, session }: MigrateUpArgs): Promise<void> {
  await payload.db.collections.users.collection.createIndex({ roles: 1 }, { name: INDEX_NAME, session })
  payload.logger.info(`users: index ${INDEX_NAME} created`)
}

export async function down({ payload, session }: MigrateDownArgs): Promise<void> {
  const users = payload.db.collections.users.collection
  if (await users.indexExists(INDEX_NAME)) await users.dropIndex(INDEX_NAME, { session })
  payload.logger.info(`users: index ${INDEX_NAME} dropped`)
}
