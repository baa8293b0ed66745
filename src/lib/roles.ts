export const ROLES = ['admin', 'editor', 'contacts'] as const

export type Role = (typeof ROLES)[number]

type UserWithRoles = { roles?: null | readonly (Role | string)[] } | null | undefined

/** True when the user has at least one of the given roles. */
export function hasRole(user: UserWithRoles, ...roles: Role[]): boolean {
  return Boolean(user?.roles?.some((role) => (roles as string[]).includes(role)))
}
