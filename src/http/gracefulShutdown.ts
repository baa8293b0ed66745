import type { Server, ServerResponse } from 'node:http'
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
 *
 * A keep-alive connection that is busy at the signal would otherwise stay
 * open after its answer, and a client that keeps it busy (an editor saving,
 * a script importing) would be served until the time limit cut it mid-request,
 * with the database closed under the requests still running. So every answer
 * given while stopping says `Connection: close`, and each connection is closed
 * as soon as its answer is out.
 */
export function handleShutdownSignals({ logger, onClosed, server, timeoutMs }: Options): void {
  let stopping = false
  const inFlight = new Set<ServerResponse>()

  const closeConnectionAfter = (response: ServerResponse) => {
    if (!response.headersSent) {
      response.setHeader('Connection', 'close')
    } else {
      // Too late to say so: close the connection once it is idle.
      response.once('finish', () => setImmediate(() => server.closeIdleConnections()))
    }
  }

  server.on('request', (_request, response: ServerResponse) => {
    if (stopping) return closeConnectionAfter(response)
    inFlight.add(response)
    response.once('close', () => inFlight.delete(response))
  })

  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    logger.info(`${signal} received: finishing requests in flight (up to ${timeoutMs} ms), then stopping`)
    for (const response of inFlight) closeConnectionAfter(response)
    inFlight.clear()
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
