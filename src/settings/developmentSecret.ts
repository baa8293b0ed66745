import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Logger } from 'pino'

import { dataDir } from '../lib/projectPaths'

/**
 * Outside production a missing PAYLOAD_SECRET is generated once and kept in
 * `.data/payload-secret`, so logins survive restarts of `npm run dev`.
 */
export function readOrCreateDevelopmentSecret(logger: Logger): string {
  const file = path.join(dataDir(), 'payload-secret')
  if (fs.existsSync(file)) {
    const secret = fs.readFileSync(file, 'utf8').trim()
    if (secret) return secret
  }
  fs.mkdirSync(dataDir(), { recursive: true })
  const secret = randomBytes(32).toString('hex')
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 })
  logger.warn(
    `PAYLOAD_SECRET is not set: generated a development secret in ${path.relative(process.cwd(), file) || file}. Set PAYLOAD_SECRET in production.`,
  )
  return secret
}
