import type { Server } from 'node:http'
import type { Logger } from 'pino'

type Options = {
  logger: Logger
  /** Closes what the server depends on (Payload, the database), after the last request. */
  onClosed: () => Promise<void>
  server: Server
  timeoutMs: number
}

/**
 * On SIGTERM or SIGINT: stop accepting connections, let requests in flight
 * finish (closing idle keep-alive connections at once, and any still open
 * after timeoutMs), then close dependencies and exit 0.
 */
export function handleShutdownSignals({ logger, onClosed, server, timeoutMs }: Options): void {
  let stopping = false
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    logger.info(`${signal} received: finishing requests in flight (up to ${timeoutMs} ms), then stopping`)
    const forceTimer = setTimeout(() => {
      logger.warn('Shutdown time limit reached: closing the remaining connections')
      server.closeAllConnections()
    }, timeoutMs)
    forceTimer.unref()
    server.close(async () => {
      clearTimeout(forceTimer)
      try {
        await onClosed()
        logger.info('Stopped')
        process.exit(0)
      } catch (error) {
        logger.error({ err: error }, 'Error while stopping')
        process.exit(1)
      }
    })
    server.closeIdleConnections()
  }
  process.once('SIGTERM', shutdown)
  process.once('SIGINT', shutdown)
}
