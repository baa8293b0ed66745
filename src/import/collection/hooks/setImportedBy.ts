import type { CollectionBeforeChangeHook } from 'payload'

import type { Import } from '../../../payload-types'

/** Records who uploaded the pages; a new upload always starts queued. */
export const setImportedBy: CollectionBeforeChangeHook<Import> = ({ data, operation, req }) => {
  if (operation !== 'create') return data
  return { ...data, importedBy: req.user?.collection === 'users' ? req.user.id : data.importedBy, status: 'queued' }
}
