import type { AfterErrorHook } from 'payload'

/**
 * A value the database cannot even compare (an id that is no id, e.g. one
 * with a comma that reaches the query as a list) means the client asked for
 * something that cannot exist: `404` for an id, `400` naming the field
 * otherwise, never a 500.
 */
export const malformedValues: AfterErrorHook = ({ error }) => {
  if (error.name !== 'CastError') return
  const path = (error as { path?: unknown }).path
  if (path === '_id' || path === 'id') {
    return { response: { errors: [{ message: 'Not Found' }] }, status: 404 }
  }
  return { response: { errors: [{ message: `The value given for ${String(path)} is not of the right kind` }] }, status: 400 }
}
