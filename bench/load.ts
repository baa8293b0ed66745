import fs from 'node:fs'

import autocannon from 'autocannon'

/** One request of a scenario: autocannon cycles through them. */
export type LoadRequest = { body?: string; headers?: Record<string, string>; method?: 'GET' | 'POST'; path: string }

export type LoadResult = {
  requestsPerSecond: number
  latencyMs: { p50: number; p95: number; p99: number; max: number }
  requests: number
  /** Answers other than the expected status, and connection errors and time-outs. */
  unexpected: number
  errors: number
  /** Kilobytes per answer, on average (as sent: compressed when asked). */
  averageKilobytes: number
}

/** A load run with what each request cost: the server process's CPU, and the database commands and bytes it took. */
export type MeasuredLoad = LoadResult & { perRequest: { cpuMs: number; databaseCommands: number; databaseKilobytes: number } }

export type LoadOptions = {
  connections: number
  durationSeconds: number
  expectedStatus?: number
  /** Headers sent with every request (e.g. Accept-Encoding). */
  headers?: Record<string, string>
}

/**
 * Drives `url` with autocannon at fixed concurrency for a set time, the
 * requests taken in turn from `requests`, and sums up what it saw.
 */
export async function runLoad(url: string, requests: LoadRequest[], options: LoadOptions): Promise<LoadResult> {
  const expected = options.expectedStatus ?? 200
  let unexpected = 0
  const latencies: number[] = []
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        connections: options.connections,
        duration: options.durationSeconds,
        headers: options.headers,
        requests: requests.map((request) => ({ body: request.body, headers: request.headers, method: request.method ?? 'GET', path: request.path })),
        timeout: 30,
        url,
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    )
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime)
      if (statusCode !== expected) unexpected += 1
    })
  })
  latencies.sort((a, b) => a - b)
  const percentile = (share: number) => (latencies.length ? round(latencies[Math.min(latencies.length - 1, Math.ceil(share * latencies.length) - 1)]) : 0)
  const total = result.requests.total
  return {
    averageKilobytes: total > 0 ? Math.round((result.throughput.total / total / 1024) * 10) / 10 : 0,
    errors: result.errors + result.timeouts,
    latencyMs: { max: percentile(1), p50: percentile(0.5), p95: percentile(0.95), p99: percentile(0.99) },
    requests: total,
    requestsPerSecond: Math.round(result.requests.average * 10) / 10,
    unexpected: unexpected + result.errors + result.timeouts,
  }
}

const round = (value: number) => Math.round(value * 10) / 10

/** Samples a process's resident memory (Linux /proc) every `intervalMs` until stopped; reports the peak in MB. */
export function sampleMemory(pid: number, intervalMs = 200): { peakMb(): number; currentMb(): number; stop(): void } {
  let peak = 0
  let current = 0
  const read = () => {
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
      const kilobytes = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
      current = kilobytes / 1024
      peak = Math.max(peak, current)
    } catch {
      // the process is gone, or this is not Linux: nothing to sample
    }
  }
  read()
  const timer = setInterval(read, intervalMs)
  timer.unref()
  return {
    currentMb: () => Math.round(current),
    peakMb: () => Math.round(peak),
    stop: () => clearInterval(timer),
  }
}
