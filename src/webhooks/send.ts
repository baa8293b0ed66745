import http from 'node:http'
import https from 'node:https'

import { guardedLookup, TargetRefusedError, webhookUrlProblem, type TargetOptions } from './targets'

export type SendRequest = {
  body: string
  headers: Record<string, string>
  timeoutMs: number
  url: string
} & TargetOptions

export type SendResult = {
  durationMs: number
  /** Why the attempt failed; unset when the receiver answered 2xx. */
  error?: string
  ok: boolean
  /** True when trying again cannot help (the target is not allowed). */
  permanent?: boolean
  responseStatus?: number
}

/** How much of a failed response's body the delivery log keeps. */
const ERROR_BODY_LIMIT = 300

const USER_AGENT = 'JournalCMS-Webhooks/1'

/**
 * POSTs one delivery. No redirect is followed (a 3xx is a failure), no
 * cookies or credentials are sent, and every address connected to is checked
 * against the target rules. The whole exchange must finish within
 * `timeoutMs`. Never throws: the outcome is in the result.
 */
export function sendWebhook(request: SendRequest): Promise<SendResult> {
  const startedAt = Date.now()
  const elapsed = () => Date.now() - startedAt
  const problem = webhookUrlProblem(request.url, request)
  if (problem) return Promise.resolve({ durationMs: 0, error: `The URL ${problem}`, ok: false, permanent: true })

  const url = new URL(request.url)
  const transport = url.protocol === 'https:' ? https : http
  const body = Buffer.from(request.body, 'utf8')

  return new Promise<SendResult>((resolve) => {
    let settled = false
    const finish = (result: Omit<SendResult, 'durationMs'>) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      resolve({ ...result, durationMs: elapsed() })
    }

    const outgoing = transport.request(url, {
      agent: false,
      headers: {
        ...request.headers,
        'Content-Length': String(body.length),
        'Content-Type': 'application/json; charset=utf-8',
        'User-Agent': USER_AGENT,
      },
      lookup: guardedLookup(request),
      method: 'POST',
    })

    const timer = setTimeout(() => {
      outgoing.destroy(new Error(`No answer within ${request.timeoutMs} ms`))
    }, request.timeoutMs)

    outgoing.on('response', (response) => {
      const status = response.statusCode ?? 0
      const ok = status >= 200 && status < 300
      const chunks: Buffer[] = []
      let kept = 0
      response.on('data', (chunk: Buffer) => {
        if (ok || kept >= ERROR_BODY_LIMIT) return
        chunks.push(chunk)
        kept += chunk.length
      })
      response.on('end', () => {
        if (ok) return finish({ ok: true, responseStatus: status })
        const excerpt = Buffer.concat(chunks).toString('utf8').slice(0, ERROR_BODY_LIMIT).trim()
        const redirect = status >= 300 && status < 400 ? ' (redirects are not followed)' : ''
        finish({
          error: `The receiver answered ${status}${redirect}${excerpt ? `: ${excerpt}` : ''}`,
          ok: false,
          responseStatus: status,
        })
      })
      response.on('error', (error) => finish({ error: error.message, ok: false, responseStatus: status }))
    })

    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      const refused = error instanceof TargetRefusedError
      const reason = error.code && !error.message.includes(error.code) ? `${error.code}: ${error.message}` : error.message
      finish({ error: refused ? error.message : reason, ok: false, permanent: refused })
    })

    outgoing.end(body)
  })
}
