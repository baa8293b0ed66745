import { APIError } from 'payload'

/** The name Payload's error log looks up in `loggingLevels` (see payload.config.ts). */
export const CLIENT_ERROR_NAME = 'ClientError'

/**
 * A request the client got wrong, answered with a 4xx and a message it can
 * act on ("limit must be a whole number from 1 to 100"). Nothing failed in
 * the server, so it is logged at info level without a stack trace, as
 * Payload logs its own refusals (validation errors, not found, forbidden).
 */
export class ClientError extends APIError {
  constructor(message: string, status = 400) {
    super(message, status, null, true)
    // Set by hand: bundlers may rename classes, and the log level is chosen by this name.
    this.name = CLIENT_ERROR_NAME
  }
}

/** 400: the request is malformed or names something that cannot be asked for. */
export function badRequest(message: string): ClientError {
  return new ClientError(message, 400)
}

/** 404 naming what was looked for, in the JSON error format of every other API error. */
export function notFound(message: string): ClientError {
  return new ClientError(message, 404)
}
