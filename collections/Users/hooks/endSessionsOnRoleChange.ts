import type { CollectionBeforeChangeHook } from 'payload'

import type { User } from '../../../src/payload-types'

const sameRoles = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join()

/**
 * A change of roles ends the account's sessions: every token it signed in
 * with stops working, and it signs in again under its new roles. An admin who
 * changes their own roles keeps the session they made the change from (as
 * Payload does for a password change).
 */
export const endSessionsOnRoleChange: CollectionBeforeChangeHook<User> = ({ data, operation, originalDoc, req }) => {
  if (operation !== 'update' || !originalDoc || !Array.isArray(data.roles)) return data
  if (sameRoles(data.roles, originalDoc.roles ?? [])) return data
  // Payload puts the session of the request's token on the user as `_sid` (not in its types).
  const ownSession =
    req.user?.collection === 'users' && String(req.user.id) === String(originalDoc.id)
      ? (req.user as { _sid?: string })._sid
      : undefined
  const sessions = (data.sessions ?? originalDoc.sessions ?? []).filter((session) => ownSession && session.id === ownSession)
  req.payload.logger.info(`The roles of ${originalDoc.email} changed: ${sessions.length ? 'their other sessions end' : 'their sessions end'}`)
  return { ...data, sessions }
}
