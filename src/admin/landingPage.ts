import { hasRole } from '../lib/roles'

type UserWithRoles = Parameters<typeof hasRole>[0]

/**
 * Where the admin UI opens for a user, when not on the dashboard: contacts
 * staff, who keep the directory and nothing else, go straight to it.
 * Undefined for everyone else (the editors' desk on the dashboard).
 */
export function landingPage(user: UserWithRoles, adminRoute: string): string | undefined {
  if (hasRole(user, 'admin', 'editor', 'contributor')) return undefined
  return hasRole(user, 'contacts') ? `${adminRoute}/collections/contacts` : undefined
}
