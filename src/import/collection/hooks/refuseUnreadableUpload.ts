import path from 'node:path'
import { ValidationError, type CollectionBeforeOperationHook } from 'payload'

import { PAGE_EXTENSIONS, readZip, SourceError, ZIP_EXTENSION } from '../../readSources'
import { can } from '../../../policy/roles'

/**
 * Refuses, with a 400 naming the file field, an upload that cannot be a
 * saved page or a zip of them: another kind of file, an empty file, a zip
 * that does not open or holds no pages. The pages themselves are read by the
 * job, which reports each one.
 *
 * Runs before Payload's access check: requests of non-admins are left to it (403).
 */
export const refuseUnreadableUpload: CollectionBeforeOperationHook<'imports'> = async ({ args, collection, operation, req }) => {
  if (operation !== 'create' && operation !== 'update') return args
  const file = req.file
  if (!file || !can(req.user, 'administer')) return args
  const refuse = (message: string) => {
    throw new ValidationError({ collection: collection.slug, errors: [{ message, path: 'file' }], req })
  }
  const extension = path.extname(file.name).toLowerCase()
  if (!PAGE_EXTENSIONS.has(extension) && extension !== ZIP_EXTENSION) {
    refuse(`"${file.name}" is not a saved page: upload a page saved as text (.txt) or HTML (.html, .htm), or a .zip of them`)
  }
  if (file.size === 0) refuse(`"${file.name}" is empty`)
  if (extension === ZIP_EXTENSION) {
    try {
      readZip(file.name, file.data, { listOnly: true })
    } catch (error) {
      refuse(error instanceof SourceError ? error.message : `"${file.name}" cannot be read as a zip archive`)
    }
  }
  return args
}
