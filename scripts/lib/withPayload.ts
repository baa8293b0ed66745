import type { Payload } from 'payload'

import type { ScriptDatabase } from './runScript'

/**
 * Runs `work` with Payload started the way the server starts it
 * (src/boot/bootPayload.ts: settings, database) and stopped afterwards: for
 * scripts that work through the Local API. A script works on the database
 * as it finds it: migrations are the server's and `npm run migrate`'s to apply.
 */
export async function withPayload<T>(work: (payload: Payload, context: ScriptDatabase) => Promise<T>): Promise<T> {
  const { logger } = await import('../../src/lib/logger')
  const { bootPayload } = await import('../../src/boot/bootPayload')
  const booted = await bootPayload({ logger, migrate: false })
  try {
    return await work(booted.payload, { database: booted.database, environment: booted.environment, logger })
  } finally {
    await booted.shutdown()
  }
}
