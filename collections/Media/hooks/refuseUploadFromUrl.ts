import { ValidationError, type CollectionBeforeOperationHook } from 'payload'

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Uploading from a URL is off (docs/security.md, "Uploads"). The admin UI's
 * "paste URL" is hidden by `pasteURL: false`, but a create whose body names a
 * `filename` and a `url` without a file would still have the server fetch
 * that URL: this refuses it with a 400 before anything is fetched.
 */
export const refuseUploadFromUrl: CollectionBeforeOperationHook<'media'> = ({ args, collection, operation, req }) => {
  if (operation !== 'create' || req.file) return args
  // Payload strips `url` from the operation's data before this hook; the request body still has it.
  const body = isRecord(req.data) ? req.data : isRecord(args.data) ? args.data : {}
  if (typeof body.url === 'string' && body.url.trim() !== '') {
    throw new ValidationError({
      collection: collection.slug,
      errors: [{ message: 'Uploading from a URL is turned off: download the file and upload it instead', path: 'url' }],
      req,
    })
  }
  return args
}
