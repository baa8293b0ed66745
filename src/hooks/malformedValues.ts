import type { AfterErrorHook } from 'payload'

type MongooseFieldError = { kind?: unknown; name?: unknown; path?: unknown }

/** Mongoose's own ValidationError (not Payload's, which carries a status): the paths whose values could not be stored. */
function unstorablePaths(error: Error): string[] | undefined {
  const { errors, status } = error as { errors?: unknown; status?: unknown }
  if (error.name !== 'ValidationError' || status !== undefined || !errors || typeof errors !== 'object') return undefined
  const paths = Object.entries(errors as Record<string, MongooseFieldError>)
    .filter(([, fieldError]) => fieldError?.name === 'CastError')
    .map(([path]) => path)
  return paths.length > 0 ? paths : undefined
}

/**
 * A value the database cannot even compare or store means the client asked
 * for something that cannot exist, or sent a value of the wrong kind: an id
 * that is no id (one with a comma reaches the query as a list) is a `404`; a
 * list or an object where the field holds text (which Payload's validation
 * lets through to Mongoose) a `400` naming the field. Never a 500.
 */
export const malformedValues: AfterErrorHook = ({ error }) => {
  const paths = unstorablePaths(error)
  if (paths) {
    return { response: { errors: [{ message: `The value given for ${paths.join(', ')} is not of the right kind` }] }, status: 400 }
  }
  if (error.name !== 'CastError') return
  const path = (error as { path?: unknown }).path
  if (path === '_id' || path === 'id') {
    return { response: { errors: [{ message: 'Not Found' }] }, status: 404 }
  }
  return { response: { errors: [{ message: `The value given for ${String(path)} is not of the right kind` }] }, status: 400 }
}
