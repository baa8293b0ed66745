import sharp from 'sharp'
import { ValidationError, type CollectionBeforeOperationHook } from 'payload'

/**
 * Decodes an uploaded image completely before Payload stores it, so a corrupt
 * or truncated file is refused with a 400 naming the file field, and nothing
 * reaches the uploads folder.
 *
 * This hook runs before Payload's access check, so it leaves anonymous
 * requests alone: those are refused with 403 without decoding anything.
 */
export const refuseUnreadableImage: CollectionBeforeOperationHook<'media'> = async ({ args, collection, operation, req }) => {
  if (operation !== 'create' && operation !== 'update') return args
  const file = req.file
  if (!file || !req.user) return args
  // Without useTempFiles, Payload sets tempFilePath to '' and keeps the bytes in data.
  const input = file.tempFilePath || file.data
  try {
    await sharp(input, { failOn: 'error', limitInputPixels: 100_000_000 }).stats()
  } catch {
    throw new ValidationError({
      collection: collection.slug,
      errors: [
        {
          message: `"${file.name}" is not a readable image: upload a JPEG, PNG, WebP, AVIF or GIF file`,
          path: 'file',
        },
      ],
      req,
    })
  }
  return args
}
