import path from 'node:path'
import type { CollectionAfterErrorHook } from 'payload'

/**
 * A multipart body the parser cannot read (a malformed part header, a body
 * cut short) is the client's error: answer 400 with a message instead of
 * Payload's 500. Recognised as an error thrown by the multipart parser
 * (busboy) that carries no HTTP status of its own.
 */
export const malformedUploadIsBadRequest: CollectionAfterErrorHook = ({ error }) => {
  const fromParser = (error.stack ?? '').includes(`${path.sep}busboy${path.sep}`)
  if (!fromParser || 'status' in error) return
  return {
    response: { errors: [{ message: `The upload could not be read: ${error.message.toLowerCase()}` }] },
    status: 400,
  }
}
