/**
 * `node dist/migrate.js` (in the image; `npm run migrate` from the sources):
 * applies the pending migrations and exits. Where several instances share
 * one database they start with MIGRATE_ON_START=false, and this runs once
 * before them (docker-compose.yml's `migrate` service): Payload's migrate
 * takes no lock, so two servers applying migrations as they start together
 * would both apply the same one. See docs/deployment.md.
 *
 * Exit code 0 when every migration is applied (or none was pending), 1 when
 * one failed: its transaction is rolled back and the instances must not start.
 */
import { runScript } from './lib/runScript'

async function main(): Promise<number> {
  const { logger } = await import('../src/lib/logger')
  const { bootPayload } = await import('../src/boot/bootPayload')
  // Applied here, each logged, rather than by Payload while it connects (prodMigrations).
  const booted = await bootPayload({ logger, migrate: 'command', settings: { MIGRATE_ON_START: 'false' } })
  await booted.shutdown()
  return 0
}

runScript('Migration', main)
