import type { CollectionBeforeChangeHook } from 'payload'

import type { Article } from '../../../src/payload-types'

/** `publishedAt` is the moment of first publication; later publications keep it. */
export const setPublishedAt: CollectionBeforeChangeHook<Article> = ({ data, originalDoc }) => {
  if (data._status !== 'published') return data
  if (data.publishedAt || originalDoc?.publishedAt) return data
  return { ...data, publishedAt: new Date().toISOString() }
}
