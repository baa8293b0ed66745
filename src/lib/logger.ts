import { pino, type Logger } from 'pino'
import { defaultLoggerOptions } from 'payload'

/**
 * The one logger of the process. Payload is given this instance, so the server,
 * the scripts and Payload itself log the same way: JSON lines in production
 * (for log shippers), readable lines in development.
 */
function createLogger(): Logger {
  const level = process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'warn' : 'info')
  if (process.env.NODE_ENV === 'production') return pino({ level })
  return pino({ level }, defaultLoggerOptions)
}

export const logger: Logger = createLogger()
