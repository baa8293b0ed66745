import { createHmac, timingSafeEqual } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export type ReceivedRequest = {
  body: string
  headers: http.IncomingHttpHeaders
  method: string
  path: string
  /** Date.now() when the request arrived. */
  receivedAt: number
}

/**
 * A website's webhook receiver on 127.0.0.1: records what arrives and answers
 * with the statuses it is told to (200 when told nothing), or never answers.
 * Stopping it makes the port refuse connections; starting it again on the
 * same port brings it back.
 */
export class Receiver {
  readonly requests: ReceivedRequest[] = []
  private readonly answers: number[] = []
  private readonly answersByDelivery = new Map<string, number[]>()
  private hanging = false
  private holding?: Promise<void>
  private server?: http.Server
  private readonly sockets = new Set<Socket>()
  port = 0

  static async start(): Promise<Receiver> {
    const receiver = new Receiver()
    await receiver.listen()
    return receiver
  }

  /** Listens again (on the same port once it has had one). */
  async listen(): Promise<void> {
    const server = http.createServer((request, response) => {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => {
        this.requests.push({
          body: Buffer.concat(chunks).toString('utf8'),
          headers: request.headers,
          method: request.method ?? '',
          path: request.url ?? '',
          receivedAt: Date.now(),
        })
        if (this.hanging) return
        void this.answer(request, response)
      })
    })
    server.on('connection', (socket) => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(this.port, '127.0.0.1', () => resolve())
    })
    this.port = (server.address() as AddressInfo).port
    this.server = server
  }

  private async answer(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    if (this.holding) await this.holding
    const delivery = String(request.headers['journal-delivery'] ?? '')
    const status = this.answersByDelivery.get(delivery)?.shift() ?? this.answers.shift() ?? 200
    // A sender that went away meanwhile (a killed server) gets nothing.
    if (response.destroyed) return
    response.writeHead(status, { 'Content-Type': 'text/plain' }).end(status < 300 ? 'ok' : `failing on purpose with ${status}`)
  }

  /**
   * Keeps every answer back (the requests are recorded as they arrive) until
   * the returned function is called: a receiver that is slow to answer.
   */
  hold(): () => void {
    let release = () => {}
    this.holding = new Promise<void>((resolve) => {
      release = () => {
        this.holding = undefined
        resolve()
      }
    })
    return release
  }

  /** The statuses to answer the next requests with, in order. */
  answerNext(...statuses: number[]): void {
    this.answers.push(...statuses)
  }

  /** The statuses to answer one delivery's attempts with (its Journal-Delivery header), in order. */
  answerDelivery(deliveryId: string, ...statuses: number[]): void {
    this.answersByDelivery.set(deliveryId, statuses)
  }

  /** Accepts requests but never answers them. */
  hang(hanging = true): void {
    this.hanging = hanging
  }

  url(path = '/webhooks'): string {
    return `http://127.0.0.1:${this.port}${path}`
  }

  /** Closes the port: connections are refused until listen() is called again. */
  async stop(): Promise<void> {
    const server = this.server
    if (!server) return
    this.server = undefined
    for (const socket of this.sockets) socket.destroy()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  requestsFor(deliveryId: string): ReceivedRequest[] {
    return this.requests.filter((request) => request.headers['journal-delivery'] === deliveryId)
  }
}

/**
 * Verifies a delivery the way docs/webhooks.md tells a receiver to: the HMAC
 * of "<t>.<body>" with the shared secret, compared in constant time, and a
 * timestamp no older than the replay window.
 */
export function verifySignature(request: ReceivedRequest, secret: string, toleranceSeconds = 300): boolean {
  const header = String(request.headers['journal-signature'] ?? '')
  const parts = Object.fromEntries(header.split(',').map((part) => part.split('=', 2) as [string, string]))
  const timestamp = Number(parts.t)
  if (!Number.isInteger(timestamp) || !parts.v1) return false
  if (Math.abs(request.receivedAt / 1000 - timestamp) > toleranceSeconds) return false
  const expected = createHmac('sha256', secret).update(`${parts.t}.${request.body}`).digest()
  const given = Buffer.from(parts.v1, 'hex')
  return given.length === expected.length && timingSafeEqual(given, expected)
}
