import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, GlobalAfterChangeHook } from 'payload'

import { markContentChanged } from '../contentState/contentState'

/** After a document is saved: the content state changes (src/contentState/contentState.ts). */
export const contentChangedAfterChange: CollectionAfterChangeHook = async ({ doc, req }) => {
  await markContentChanged(req.payload, req)
  return doc
}

/** After a document is deleted. */
export const contentChangedAfterDelete: CollectionAfterDeleteHook = async ({ doc, req }) => {
  await markContentChanged(req.payload, req)
  return doc
}

/** After a global (the site settings) is saved. */
export const contentChangedAfterGlobalChange: GlobalAfterChangeHook = async ({ doc, req }) => {
  await markContentChanged(req.payload, req)
  return doc
}
