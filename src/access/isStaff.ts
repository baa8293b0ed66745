import type { PayloadRequest } from 'payload'

import { can } from '../policy/roles'

/** Who may open the admin UI at all: a signed-in user with a staff role (never the website's account). */
export const isStaff = ({ req: { user } }: { req: PayloadRequest }): boolean => can(user, 'useAdmin')
