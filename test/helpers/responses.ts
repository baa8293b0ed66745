/** The JSON body Payload answers a refused request with (validation and API errors alike). */
export type ApiErrorBody = {
  errors?: {
    data?: { errors?: { label?: string; message: string; path: string }[] }
    message: string
    name?: string
  }[]
}

/** Status and parsed JSON body of a REST or GraphQL response. */
export async function readJson<T = Record<string, unknown>>(
  response: Promise<Response> | Response,
): Promise<{ body: T; status: number }> {
  const settled = await response
  const text = await settled.text()
  try {
    return { body: JSON.parse(text) as T, status: settled.status }
  } catch {
    throw new Error(`expected a JSON body, got ${settled.status} ${settled.headers.get('content-type')}: ${text.slice(0, 500)}`)
  }
}

/** The fields a validation error names (`path` of each field error), e.g. ['slug']. */
export function invalidFieldPaths(body: ApiErrorBody): string[] {
  return (body.errors ?? []).flatMap((error) => error.data?.errors?.map((fieldError) => fieldError.path) ?? [])
}

/**
 * The text and content type of a response that must be a 200: any other
 * status fails the test, naming `what` was asked for and the start of the body.
 */
export async function readOkText(response: Promise<Response> | Response, what: string): Promise<{ text: string; type: null | string }> {
  const settled = await response
  const text = await settled.text()
  if (settled.status !== 200) throw new Error(`${what} answered ${settled.status}: ${text.slice(0, 300)}`)
  return { text, type: settled.headers.get('content-type') }
}
