/**
 * Roles of the people who work in the admin UI. A `contributor` writes its own
 * article drafts and submits them for review; only editors and admins publish.
 */
export const STAFF_ROLES = ['admin', 'editor', 'contacts', 'contributor'] as const

/**
 * Every role. `website` is the account whose API key the website sends: it
 * reads (drafts too, for preview) and writes nothing; it never signs in.
 */
export const ROLES = [...STAFF_ROLES, 'website'] as const

export type Role = (typeof ROLES)[number]
export type StaffRole = (typeof STAFF_ROLES)[number]

type UserWithRoles = { roles?: null | readonly (Role | string)[] } | null | undefined

/** True when the user has at least one of the given roles. */
export function hasRole(user: UserWithRoles, ...roles: Role[]): boolean {
  return Boolean(user?.roles?.some((role) => (roles as string[]).includes(role)))
}

/** True for the website's account (the role is never combined with another: see collections/Users). */
export function isWebsiteAccount(user: UserWithRoles): boolean {
  return hasRole(user, 'website')
}

/** True for the people who publish: editors and admins. */
export function isPublisher(user: UserWithRoles): boolean {
  return hasRole(user, 'admin', 'editor')
}

/** True for a contributor who is not also an editor or admin. */
export function isContributorOnly(user: UserWithRoles): boolean {
  return hasRole(user, 'contributor') && !isPublisher(user)
}
