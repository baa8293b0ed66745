import type { Payload } from 'payload'

import { type ScriptDatabase, withDatabase } from './runScript'

/**
 * Like withDatabase (scripts/lib/runScript.ts), with Payload started on that
 * database and stopped afterwards: for scripts that work through the Local API.
 */
export function withPayload<T>(work: (payload: Payload, context: ScriptDatabase) => Promise<T>): Promise<T> {
  return withDatabase(async (context) => {
    const { getPayload } = await import('payload')
    // Imported only now: the config reads the environment prepared above.
    const { default: config } = await import('../../src/payload.config')
    const payload = await getPayload({ config })
    try {
      return await work(payload, context)
    } finally {
      await payload.destroy()
    }
  })
}
