import type { CollectionAfterChangeHook } from 'payload'

import { IMPORT_TASK } from '../../importTask'
import type { Import } from '../../../payload-types'

/**
 * Queues the background job that imports an upload's pages. The job joins
 * the request's transaction, so it exists exactly when the upload does.
 */
export const queueImport: CollectionAfterChangeHook<Import> = async ({ doc, operation, req }) => {
  if (operation !== 'create') return doc
  await req.payload.jobs.queue({ input: { importId: String(doc.id) }, req, task: IMPORT_TASK })
  req.payload.logger.info(`Import ${doc.id} (${doc.filename}) queued`)
  return doc
}
