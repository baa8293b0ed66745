import type { Request, RequestHandler } from 'express'
import type { Logger } from 'pino'

/**
 * The client's address as Express sees it (`trust proxy` applied), or the
 * socket's. Read when the request arrives: once an answer has been sent early
 * (a 413 before the body was read, say), Node may have let go of the socket,
 * and `req.ip` then throws.
 */
function clientAddress(req: Request): string | undefined {
  try {
    return req.ip ?? req.socket?.remoteAddress
  } catch {
    return undefined
  }
}

/**
 * Logs one line per request: method, path, status and duration, once the
 * answer is sent, or once the connection closes before it was (`aborted`:
 * a client that went away, an upload cut off at its size limit). Probes log
 * at debug.
 */
export function requestLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint()
    const ip = clientAddress(req)
    const url = req.originalUrl
    const probe = req.path === '/healthz' || req.path === '/readyz' || req.path.startsWith('/_next/')
    let logged = false
    const log = () => {
      if (logged) return
      logged = true
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      const aborted = !res.writableFinished
      const entry = { ...(aborted ? { aborted } : {}), durationMs: Math.round(ms * 10) / 10, ip, method: req.method, status: res.statusCode, url }
      logger[probe ? 'debug' : res.statusCode >= 500 ? 'error' : 'info'](entry, 'request')
    }
    res.once('finish', log)
    res.once('close', log)
    next()
  }
}
