import type { CollectionBeforeChangeHook } from 'payload'

import type { Article } from '../../../src/payload-types'

type Reference = Article['createdBy']

const idOf = (value: Reference): number | string | null | undefined =>
  value && typeof value === 'object' ? value.id : value

/**
 * `createdBy` is whoever created the article, and nobody changes it afterwards:
 * whatever a client sends is replaced here.
 */
export const setCreatedBy: CollectionBeforeChangeHook<Article> = ({ data, operation, originalDoc, req }) => {
  if (operation === 'create') return { ...data, createdBy: req.user?.id ?? null }
  return { ...data, createdBy: idOf(originalDoc?.createdBy) ?? null }
}
