import type { Payload } from 'payload'

import type { ScriptDatabase } from './runScript'

/**
 * Runs `work` with Payload started the way the server starts it
 * (src/boot/bootPayload.ts: settings, database, migrations) and stopped
 * afterwards: for scripts that work through the Local API.
 */
export async function withPayload<T>(work: (payload: Payload, context: ScriptDatabase) => Promise<T>): Promise<T> {
  const { logger } = await import('../../src/lib/logger')
  const { bootPayload } = await import('../../src/boot/bootPayload')
  const booted = await bootPayload({ logger })
  try {
    return await work(booted.payload, { database: booted.database, environment: booted.environment, logger })
  } finally {
    await booted.shutdown()
  }
}
