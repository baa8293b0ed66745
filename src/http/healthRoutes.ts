import { Router } from 'express'
import type { Payload } from 'payload'
import { openNativeDatabase } from '../database/payloadInternals'

const PING_TIMEOUT_MS = 2_000

async function pingDatabase(payload: Payload): Promise<void> {
  const db = openNativeDatabase(payload)
  if (!db) throw new Error('the database adapter has no open connection')
  let timer: NodeJS.Timeout | undefined
  try {
    await Promise.race([
      db.command({ ping: 1 }),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS)
      }),
    ])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * `/healthz`: the process serves. `/readyz`: the database answers a ping, so
 * a load balancer can take the instance out of rotation while it does not.
 */
export function healthRoutes(payload: Payload): Router {
  const router = Router()
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' })
  })
  router.get('/readyz', async (_req, res) => {
    res.set('Cache-Control', 'no-store')
    try {
      await pingDatabase(payload)
      res.json({ database: 'ok', status: 'ready' })
    } catch (error) {
      res.status(503).json({
        reason: `database unavailable: ${(error as Error).message}`,
        status: 'unavailable',
      })
    }
  })
  return router
}
