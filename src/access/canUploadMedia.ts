import type { Access } from 'payload'

import { hasRole } from '../lib/roles'

/** Editors and admins upload media; contributors too, for their articles. */
export const canUploadMedia: Access = ({ req: { user } }) => hasRole(user, 'admin', 'editor', 'contributor')
