import { APIError } from 'payload'

/** A 404 that names what was looked for, in the JSON error format of every other API error. */
export function notFound(message: string): APIError {
  return new APIError(message, 404, null, true)
}
