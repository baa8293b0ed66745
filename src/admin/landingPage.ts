import { can } from '../policy/roles'

/**
 * Where the admin UI opens for a user, when not on the dashboard: contacts
 * staff, who keep the directory and nothing else, go straight to it.
 * Undefined for everyone else (the editors' desk on the dashboard).
 */
export function landingPage(user: unknown, adminRoute: string): string | undefined {
  if (can(user, 'writeArticles')) return undefined
  return can(user, 'editDirectory') ? `${adminRoute}/collections/contacts` : undefined
}
