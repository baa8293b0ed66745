import sharp from 'sharp'
import { ValidationError, type CollectionBeforeOperationHook } from 'payload'

/**
 * Decodes an uploaded image completely before Payload stores it, so a corrupt
 * or truncated file is refused with a 400 naming the file field, and nothing
 * reaches the uploads folder.
 */
export const refuseUnreadableImage: CollectionBeforeOperationHook<'media'> = async ({ args, collection, operation, req }) => {
  if (operation !== 'create' && operation !== 'update') return args
  const file = req.file
  if (!file) return args
  const input = file.tempFilePath ?? file.data
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
