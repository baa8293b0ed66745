import compression from 'compression'
import express from 'express'
import next from 'next'

import { bootPayload } from './boot/bootPayload'
import { ConfigurationError } from './settings/configurationError'
import { apiEdgeOptions } from './http/apiEdgeOptions'
import { createApiEdge } from './http/apiEdge'
import { encodedByApiEdge, serveApi } from './http/expressApi'
import { repairDerivedData } from './maintenance/repairDerivedData'
import { handleShutdownSignals } from './http/gracefulShutdown'
import { adminRedirects } from './admin/adminRedirects'
import { apiKeyAccounts } from './http/apiKeyAccounts'
import { healthRoutes } from './http/healthRoutes'
import { logger } from './lib/logger'
import { publicPathRewrites } from './http/publicPaths'
import { rateLimits } from './http/rateLimits'
import { rateLimitCounters } from './database/rateLimitCounters'
import { refuseUnsupportedMethods } from './http/refuseUnsupportedMethods'
import { projectRoot } from './lib/projectPaths'
import { requestLogger } from './http/requestLogger'
import { securityHeaders } from './http/securityHeaders'
import { sessionCookiePolicy } from './http/sessionCookiePolicy'
import { warmAdminUi } from './http/warmAdminUi'

/**
 * The CMS server: Express in front, Next.js behind it serving the admin UI
 * (/admin), REST (/api/*) and GraphQL (/api/graphql). Payload is initialised
 * before the port opens, so a bad setting or an unreachable database stops the
 * start with one clear line.
 */
async function start(): Promise<void> {
  // cron: the jobs queue (webhook deliveries, imports) runs from start, not from the first API request.
  const { config, environment, payload, shutdown } = await bootPayload({ cron: true, logger })
  const development = environment.nodeEnv !== 'production'
  // A server killed in the middle of a save may have left the search index or OAI-PMH tombstones behind: checked in the background.
  void repairDerivedData(payload).catch((error: unknown) => payload.logger.error({ err: error, msg: 'The check of derived data at start-up failed' }))

  // Several instances count in the database: its indexes are made (or found) before the first request.
  if (environment.rateLimits.store === 'database') await rateLimitCounters(payload)

  const nextApp = next({ dev: development, dir: projectRoot, quiet: !development })
  await nextApp.prepare()
  const handleWithNext = nextApp.getRequestHandler()

  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', environment.trustProxy)
  app.use(requestLogger(logger))
  app.use(refuseUnsupportedMethods())
  // The live preview pane frames the website.
  app.use(securityHeaders({ development, frameSources: environment.preview ? [environment.preview.websiteUrl] : [] }))
  app.use(sessionCookiePolicy(`${payload.config.cookiePrefix}-token`))
  app.use(publicPathRewrites())
  // After the rewrites, so feeds, the sitemap and OAI-PMH spend the same budgets as the API.
  app.use(rateLimits(payload, environment.rateLimits, apiKeyAccounts(payload)))
  // GET answers of the API are compressed by its edge (their ETag names the encoding); everything else here.
  app.use(compression({ filter: (req, res) => !encodedByApiEdge(res) && compression.filter(req, res) }))
  app.use(healthRoutes(payload))
  // The API (REST, GraphQL, feeds, sitemap, OAI-PMH) straight to its edge; Next serves the admin UI.
  app.use(serveApi(createApiEdge(config, apiEdgeOptions(payload, environment)), logger))
  app.use(adminRedirects(payload))
  app.use((req, res) => handleWithNext(req, res))

  const server = app.listen(environment.port, () => {
    const address = server.address()
    const port = address && typeof address === 'object' ? address.port : environment.port
    logger.info(`Journal CMS listening on port ${port}: admin ${environment.serverUrl}/admin, API ${environment.serverUrl}/api`)
    if (development && environment.devWarmAdmin) void warmAdminUi(`http://127.0.0.1:${port}`, logger)
  })
  server.on('error', (error) => {
    logger.fatal(`Cannot listen on port ${environment.port}: ${error.message}`)
    process.exit(1)
  })

  handleShutdownSignals({
    logger,
    onClosed: async () => {
      await nextApp.close()
      await shutdown()
    },
    server,
    timeoutMs: environment.shutdownTimeoutMs,
  })
}

start().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error)
  logger.fatal(error instanceof ConfigurationError ? `Configuration error: ${message}` : `Cannot start: ${message}`)
  process.exit(1)
})
