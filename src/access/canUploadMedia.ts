import type { Access } from 'payload'

import { can } from '../policy/roles'

/** Editors and admins upload media; contributors too, for their articles. */
export const canUploadMedia: Access = ({ req: { user } }) => can(user, 'writeArticles')
