import http from 'node:http'

export type RawResponse = {
  body: Buffer
  headers: http.IncomingHttpHeaders
  status: number
}

/**
 * A GET whose answer is not decompressed or otherwise touched (fetch
 * decodes bodies and hides which encoding the server chose).
 */
export function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return rawRequest('GET', url, headers)
}

/** A request with any method, even those fetch refuses to send (TRACE), answered untouched. */
export function rawRequest(method: string, url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { headers, method }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => resolve({ body: Buffer.concat(chunks), headers: response.headers, status: response.statusCode ?? 0 }))
      response.on('error', reject)
    })
    request.on('error', reject)
    request.end()
  })
}
