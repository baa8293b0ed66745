import type { PayloadRequest } from 'payload'

import { ROLES, hasRole } from '../lib/roles'

/** Who may open the admin UI at all: any signed-in user holding a role. */
export const hasAnyRole = ({ req: { user } }: { req: PayloadRequest }): boolean =>
  hasRole(user, ...ROLES)
