import type { Access, FieldAccess } from 'payload'

import { hasRole } from '../lib/roles'

/** Editors and admins: everyone who may change the journal's content. */
export const isEditor: Access = ({ req: { user } }) => hasRole(user, 'admin', 'editor')

export const isEditorField: FieldAccess = ({ req: { user } }) => hasRole(user, 'admin', 'editor')
