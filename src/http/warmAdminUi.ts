import type { Logger } from 'pino'

/** What the warm-up requests: the admin UI's one route (every screen is a segment of it) and the REST route it calls. */
const WARM_PATHS = ['/admin/login', '/api/users/me']
/** How often a line says the compile is still going. */
const PROGRESS_EVERY_MS = 20_000

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`

/**
 * In development Next compiles each route on its first request: the first
 * visit of the admin UI waited a minute or two for it. Once the server
 * listens, this asks for the admin route and the REST route in the
 * background (DEV_WARM_ADMIN, on by default in development), so the compile
 * runs while the developer opens the browser; a line every 20 s says it is
 * still going, and the last one how long it took. The answers are thrown
 * away; a failure is logged and changes nothing else.
 */
export async function warmAdminUi(localUrl: string, logger: Logger): Promise<void> {
  const startedAt = Date.now()
  logger.info('Development: compiling the admin UI in the background (Next compiles on demand: 1–2 minutes on 2 cores for a fresh clone, less with its cache), so that the first visit does not wait for it; DEV_WARM_ADMIN=false turns this off')
  const progress = setInterval(() => logger.info(`Development: still compiling the admin UI (${seconds(Date.now() - startedAt)} so far)`), PROGRESS_EVERY_MS)
  progress.unref()
  try {
    await Promise.all(
      WARM_PATHS.map(async (path) => {
        const response = await fetch(`${localUrl}${path}`, { redirect: 'manual' })
        await response.arrayBuffer()
        if (response.status >= 500) throw new Error(`${path} answered ${response.status}`)
      }),
    )
    logger.info(`Development: the admin UI is compiled (${seconds(Date.now() - startedAt)}); its screens open without waiting now`)
  } catch (error) {
    logger.warn(`Development: warming the admin UI failed (${(error as Error).message}); the first visit compiles it instead`)
  } finally {
    clearInterval(progress)
  }
}
