/**
 * graphql-http, which answers /api/graphql, follows the GraphQL-over-HTTP
 * rule for clients that accept `application/json`: a query refused before it
 * runs (unparsable, invalid, too deep, too costly, introspection off) comes
 * back with status 200. Only clients that ask for
 * `application/graphql-response+json` get a 400. Wrapped in this, every
 * such refusal is a 400 whatever the client accepts. A response with `data`
 * (the query ran, perhaps with errors in some fields) keeps its status.
 */
export function withBadRequestStatus<Rest extends unknown[]>(
  handler: (request: Request, ...rest: Rest) => Promise<Response>,
): (request: Request, ...rest: Rest) => Promise<Response> {
  return async (request, ...rest) => {
    const response = await handler(request, ...rest)
    if (response.status !== 200 || !/json/i.test(response.headers.get('content-type') ?? '')) return response
    const text = await response.text()
    let refused = false
    try {
      const body = JSON.parse(text) as unknown
      refused =
        typeof body === 'object' && body !== null && !('data' in body) && Array.isArray((body as { errors?: unknown }).errors)
    } catch {
      refused = false
    }
    return new Response(text, {
      headers: response.headers,
      status: refused ? 400 : response.status,
      statusText: refused ? 'Bad Request' : response.statusText,
    })
  }
}
