import type { CollectionBeforeOperationHook } from 'payload'

import { can } from '../../../src/policy/roles'

const RELEASE_FIELDS = ['availableLocales', 'withheldLocales'] as const

/**
 * A reader's `select` still loads the fields that say which languages are
 * released (withholdUnreleasedLanguages needs them to hide the others): they
 * are added to a list of wanted fields and never excluded.
 */
export const selectReleaseFields: CollectionBeforeOperationHook<'articles'> = ({ args, operation, overrideAccess, req }) => {
  if (operation !== 'read' || overrideAccess || can(req.user, 'readDrafts')) return args
  const select = 'select' in args ? (args.select as Record<string, unknown> | undefined) : undefined
  if (!select || Object.keys(select).length === 0) return args
  const listsWantedFields = Object.values(select).some((value) => value !== false)
  const adjusted = { ...select }
  for (const field of RELEASE_FIELDS) {
    if (listsWantedFields) adjusted[field] = true
    else delete adjusted[field]
  }
  return { ...args, select: adjusted }
}
