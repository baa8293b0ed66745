import type { SanitizedConfig } from 'payload'

import { graphqlRoutes, restRoutes } from '../../src/lib/apiRoutes'

type Handler = (request: Request, args: { params: Promise<{ slug: string[] }> }) => Promise<Response>

type RequestOptions = {
  body?: BodyInit | object
  headers?: Record<string, string>
  /** A JWT to send as `Authorization: JWT …`. */
  token?: string
}

/**
 * Calls Payload's REST and GraphQL route handlers the way Next does for
 * /api/*, with real Request objects: the same code path as the website's
 * requests, without a browser or a port.
 */
export class RestClient {
  readonly serverUrl: string
  private readonly handlers: Record<'DELETE' | 'GET' | 'PATCH' | 'POST' | 'PUT', Handler>
  private readonly graphqlHandler: (request: Request) => Promise<Response>

  constructor(config: SanitizedConfig) {
    this.serverUrl = config.serverURL || 'http://localhost:3000'
    // As src/app/(payload)/api/[...slug]/route.ts and …/graphql/route.ts serve them.
    const rest = restRoutes(config)
    this.handlers = { DELETE: rest.DELETE, GET: rest.GET, PATCH: rest.PATCH, POST: rest.POST, PUT: rest.PUT }
    this.graphqlHandler = graphqlRoutes(config).POST
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

  async request(method: keyof RestClient['handlers'], path: `/api/${string}`, options: RequestOptions = {}): Promise<Response> {
    const request = this.buildRequest(method, path, options)
    const slug = new URL(request.url).pathname.replace(/^\/api\//, '').split('/').filter(Boolean)
    return this.handlers[method](request, { params: Promise.resolve({ slug }) })
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
    return this.graphqlHandler(this.buildRequest('POST', '/api/graphql', { ...options, body: { query, variables } }))
  }

  /** Logs in through the REST endpoint and returns the JWT. */
  async login(email: string, password: string): Promise<string> {
    const response = await this.post('/api/users/login', { body: { email, password } })
    const json = (await response.json()) as { token?: string; errors?: unknown }
    if (!response.ok || !json.token) throw new Error(`login failed (${response.status}): ${JSON.stringify(json)}`)
    return json.token
  }
}
