import type { Migration, Payload } from 'payload'

import { migrations } from '../../migrations'

/**
 * `npm run dev` applies the pending migrations at start, so a fresh clone
 * opens with the section tree and the contact directory seeded; the log
 * says which ran, or that none was pending. The production server keeps
 * Payload's own rule (`prodMigrations` in payload.config.ts, run when
 * NODE_ENV is production); `npm run migrate` runs them by hand.
 */
export async function applyPendingMigrations(payload: Payload): Promise<void> {
  const { docs } = await payload.find({ collection: 'payload-migrations', depth: 0, limit: 0, overrideAccess: true, pagination: false })
  const applied = new Set(docs.map((doc) => doc.name))
  const pending = migrations.filter((migration) => !applied.has(migration.name))
  if (pending.length === 0) {
    payload.logger.info(`Development: no pending migrations (${migrations.length} applied)`)
    return
  }
  const started = Date.now()
  payload.logger.info(`Development: applying ${pending.length} pending migration${pending.length === 1 ? '' : 's'} at start (production does so too; npm run migrate by hand)`)
  // Payload types a migration's arguments as unknown; these are the files prodMigrations takes.
  await payload.db.migrate({ migrations: pending as unknown as Migration[] })
  payload.logger.info(`Development: ${pending.length} migration${pending.length === 1 ? '' : 's'} applied in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}
