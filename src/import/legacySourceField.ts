import type { TextField } from 'payload'

import { isEditorField } from '../access/isEditor'
import { nobodyField } from '../access/nobody'

/**
 * The page of the old site an article's text was imported from, per
 * language (its section path and title, see src/import/sourceKey.ts). The
 * importer finds the article by it when the page is imported again, so a
 * second run changes nothing and a corrected page updates its article.
 * Written by the importer only; editors see it, readers do not.
 */
export const legacySourceField: TextField = {
  name: 'legacySource',
  type: 'text',
  access: { create: nobodyField, read: isEditorField, update: nobodyField },
  admin: {
    condition: (data) => Boolean(data?.legacySource),
    description: 'The page of the old site this language was imported from. Importing that page again updates this article.',
    position: 'sidebar',
    readOnly: true,
  },
  index: true,
  label: 'Imported from',
  localized: true,
}
