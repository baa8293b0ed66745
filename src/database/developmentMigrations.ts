import type { Migration, Payload } from 'payload'

import { migrations } from '../../migrations'

/** Who applies the migrations: `npm run dev` as it starts, or the one-shot command (`node dist/migrate.js`). */
export type MigrationRunner = 'development' | 'command'

const LABELS: Record<MigrationRunner, { done: string; prefix: string }> = {
  command: { done: '', prefix: 'Migrations' },
  development: { done: ' at start (production does so too; npm run migrate by hand)', prefix: 'Development' },
}

/**
 * `npm run dev` applies the pending migrations at start, so a fresh clone
 * opens with the section tree and the contact directory seeded; the log
 * says which ran, or that none was pending. The production server keeps
 * Payload's own rule (`prodMigrations` in payload.config.ts, run when
 * NODE_ENV is production, unless MIGRATE_ON_START=false); `npm run migrate`
 * and `node dist/migrate.js` (scripts/migrate.ts) run them by hand, or once
 * before several instances start.
 */
export async function applyPendingMigrations(payload: Payload, runner: MigrationRunner = 'development'): Promise<number> {
  const { done, prefix } = LABELS[runner]
  const { docs } = await payload.find({ collection: 'payload-migrations', depth: 0, limit: 0, overrideAccess: true, pagination: false })
  const applied = new Set(docs.map((doc) => doc.name))
  const pending = migrations.filter((migration) => !applied.has(migration.name))
  if (pending.length === 0) {
    payload.logger.info(`${prefix}: no pending migrations (${migrations.length} applied)`)
    return 0
  }
  const started = Date.now()
  payload.logger.info(`${prefix}: applying ${pending.length} pending migration${pending.length === 1 ? '' : 's'}${done}`)
  // Payload types a migration's arguments as unknown; these are the files prodMigrations takes.
  await payload.db.migrate({ migrations: pending as unknown as Migration[] })
  payload.logger.info(`${prefix}: ${pending.length} migration${pending.length === 1 ? '' : 's'} applied in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  return pending.length
}
