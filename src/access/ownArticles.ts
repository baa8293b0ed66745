import type { Access, Where } from 'payload'

import { PUBLISHED } from '../policy/readerVisibility'
import { can } from '../policy/roles'

/** The articles a user created (see collections/Articles/hooks/setCreatedBy.ts). */
export const createdByUser = (userId: number | string): Where => ({ createdBy: { equals: userId } })

/** Editors and admins create articles; so do contributors (as their own drafts). */
export const canCreateArticles: Access = ({ req: { user } }) => can(user, 'writeArticles')

/** Editors and admins edit every article; contributors only the ones they created. */
export const canUpdateArticles: Access = ({ req: { user } }) => {
  if (can(user, 'publish')) return true
  if (user && can(user, 'writeArticles')) return createdByUser(user.id)
  return false
}

/** Editors and admins delete any article; contributors only their own unpublished ones. */
export const canDeleteArticles: Access = ({ req: { user } }) => {
  if (can(user, 'publish')) return true
  if (user && can(user, 'writeArticles')) {
    return { and: [createdByUser(user.id), { _status: { not_equals: 'published' } }] }
  }
  return false
}

/**
 * Version history: editors and admins see all of it, contributors that of
 * their own articles. The constraint applies to the versions collection,
 * where the article's fields sit under `version`.
 */
export const canReadArticleVersions: Access = ({ req: { user } }) => {
  if (can(user, 'publish')) return true
  if (user && can(user, 'writeArticles')) return { 'version.createdBy': { equals: user.id } }
  return false
}

/** Contributors read what is published and their own drafts. */
export const publishedOrOwnDraft = (userId: number | string): Where => ({
  or: [PUBLISHED, createdByUser(userId)],
})
