import type { Field } from 'payload'

import { isStaff } from '../access/isStaff'

export const UPDATED_BY = 'updatedBy'

/**
 * Who saved the document last, and so (in the version stored with each save)
 * who saved each version. Set by the CMS on every save, restores included
 * (./recordUpdatedBy.ts): whatever a client sends is replaced. Empty for
 * the CMS's own writes (migrations, scripts, scheduled jobs). Staff read it;
 * readers never do.
 */
export function updatedByField(): Field {
  return {
    name: UPDATED_BY,
    type: 'relationship',
    access: { read: isStaff },
    admin: {
      components: { Field: '/history/SavedByField#SavedByField' },
      description: 'Set by the CMS on every save. Empty: saved by the CMS itself (a migration, a script, a scheduled job).',
      position: 'sidebar',
      readOnly: true,
    },
    label: 'Last saved by',
    relationTo: 'users',
  }
}
