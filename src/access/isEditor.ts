import type { Access } from 'payload'

import { hasRole } from '../lib/roles'

/** Editors and admins: everyone who may change the journal's content. */
export const isEditor: Access = ({ req: { user } }) => hasRole(user, 'admin', 'editor')
