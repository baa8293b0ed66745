import type { RequestHandler } from 'express'
import type { Logger } from 'pino'

/** Logs one line per finished request: method, path, status and duration. Probes log at debug. */
export function requestLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint()
    res.once('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      const entry = {
        durationMs: Math.round(ms * 10) / 10,
        ip: req.ip,
        method: req.method,
        status: res.statusCode,
        url: req.originalUrl,
      }
      const probe = req.path === '/healthz' || req.path === '/readyz' || req.path.startsWith('/_next/')
      logger[probe ? 'debug' : res.statusCode >= 500 ? 'error' : 'info'](entry, 'request')
    })
    next()
  }
}
