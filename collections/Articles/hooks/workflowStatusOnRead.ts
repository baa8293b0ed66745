import type { FieldHook } from 'payload'

import type { Article } from '../../../src/payload-types'

/**
 * Articles saved before the review workflow existed have no stored
 * `workflowStatus`: they read as `published` or `draft` after their `_status`
 * until their next save stores one (see enforceWorkflow.ts).
 */
export const workflowStatusOnRead: FieldHook<Article, Article['workflowStatus']> = ({ siblingData, value }) => {
  if (value) return value
  return (siblingData as Partial<Article> | undefined)?._status === 'published' ? 'published' : 'draft'
}
