import type { Access, FieldAccess } from 'payload'

import { can } from '../policy/roles'

/** Editors and admins: everyone who may change the journal's content. */
export const isEditor: Access = ({ req: { user } }) => can(user, 'editJournal')

export const isEditorField: FieldAccess = ({ req: { user } }) => can(user, 'editJournal')
