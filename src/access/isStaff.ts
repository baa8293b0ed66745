import type { PayloadRequest } from 'payload'

import { STAFF_ROLES, hasRole } from '../lib/roles'

/** Who may open the admin UI at all: a signed-in user with a staff role (never the website's account). */
export const isStaff = ({ req: { user } }: { req: PayloadRequest }): boolean => hasRole(user, ...STAFF_ROLES)
