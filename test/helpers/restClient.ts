import type { Payload, SanitizedConfig } from 'payload'

import { type ApiHandler, createApiEdge } from '../../src/http/apiEdge'
import { apiEdgeOptions } from '../../src/http/apiEdgeOptions'
import { readApiCachePolicy, readMaxApiBodyBytes } from '../../src/settings/environment'

type RequestOptions = {
  body?: BodyInit | object
  headers?: Record<string, string>
  /** A JWT to send as `Authorization: JWT …`. */
  token?: string
}

/**
 * Calls the API's edge (src/http/apiEdge.ts) with real `Request` objects:
 * the very function the production server hands /api requests to, with its
 * limits and HTTP caching, without a port or a browser.
 */
export class RestClient {
  readonly serverUrl: string
  private readonly edge: ApiHandler

  constructor(config: SanitizedConfig, payload: Payload) {
    this.serverUrl = config.serverURL || 'http://localhost:3000'
    this.edge = createApiEdge(config, apiEdgeOptions(payload, { apiCache: readApiCachePolicy(), maxApiBodyBytes: readMaxApiBodyBytes() }))
  }

  private buildRequest(method: string, path: string, options: RequestOptions): Request {
    const headers = new Headers(options.headers)
    let body: BodyInit | undefined
    if (options.body instanceof FormData || typeof options.body === 'string' || options.body instanceof Blob) {
      body = options.body
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body)
      if (!headers.has('Content-Type')) headers.set('Content-Type', 'application/json')
    }
    if (options.token) headers.set('Authorization', `JWT ${options.token}`)
    return new Request(`${this.serverUrl}${path}`, { body, headers, method })
  }

  /** Sends a request built by the test itself (any body, any headers). */
  async send(request: Request): Promise<Response> {
    return this.edge(request)
  }

  async request(method: 'DELETE' | 'GET' | 'PATCH' | 'POST' | 'PUT', path: `/api/${string}`, options: RequestOptions = {}): Promise<Response> {
    return this.edge(this.buildRequest(method, path, options))
  }

  get(path: `/api/${string}`, options?: RequestOptions) {
    return this.request('GET', path, options)
  }

  post(path: `/api/${string}`, options?: RequestOptions) {
    return this.request('POST', path, options)
  }

  patch(path: `/api/${string}`, options?: RequestOptions) {
    return this.request('PATCH', path, options)
  }

  delete(path: `/api/${string}`, options?: RequestOptions) {
    return this.request('DELETE', path, options)
  }

  async graphql(query: string, variables: Record<string, unknown> = {}, options: RequestOptions = {}): Promise<Response> {
    return this.edge(this.buildRequest('POST', '/api/graphql', { ...options, body: { query, variables } }))
  }

  /** Logs in through the REST endpoint and returns the JWT. */
  async login(email: string, password: string): Promise<string> {
    const response = await this.post('/api/users/login', { body: { email, password } })
    const json = (await response.json()) as { token?: string; errors?: unknown }
    if (!response.ok || !json.token) throw new Error(`login failed (${response.status}): ${JSON.stringify(json)}`)
    return json.token
  }
}
