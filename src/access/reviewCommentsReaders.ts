import type { FieldAccess } from 'payload'

import { can } from '../policy/roles'

type Reference = number | string | { id: number | string } | null | undefined

const idOf = (value: Reference) => (value && typeof value === 'object' ? value.id : value)

/** Review comments are read by editors and by the contributor who wrote the article, never by readers. */
export const reviewCommentsReaders: FieldAccess = ({ doc, req: { user } }) => {
  if (can(user, 'publish')) return true
  if (!user || !can(user, 'writeArticles')) return false
  const owner = idOf((doc as { createdBy?: Reference } | undefined)?.createdBy)
  return owner !== undefined && owner !== null && String(owner) === String(user.id)
}
