import type { GlobalConfig } from 'payload'

import { anyone } from '../src/access/anyone'
import { hiddenFromNonEditors } from '../src/access/hiddenFromNonEditors'
import { isEditor } from '../src/access/isEditor'

export const SITE_SLUG = 'site'

/**
 * Site-wide facts the website shows on every page. Addresses, telephones and
 * e-mail stay in the contact directory (where staff keep them current); the
 * site only points at the directory entry that is the institute's main contact.
 */
export const Site: GlobalConfig<'site'> = {
  slug: SITE_SLUG,
  access: {
    read: anyone,
    readVersions: isEditor,
    update: isEditor,
  },
  admin: {
    components: { elements: { beforeDocumentControls: ['/admin/WritingLanguage#WritingLanguage'] } },
    group: 'Content',
    hidden: hiddenFromNonEditors,
  },
  fields: [
    { name: 'siteName', type: 'text', localized: true, required: true },
    { name: 'journalTitle', type: 'text', localized: true },
    { name: 'description', type: 'textarea', localized: true },
    {
      name: 'mainContact',
      type: 'relationship',
      admin: { description: 'The directory entry with the main address, telephone, fax, website and e-mail.' },
      relationTo: 'contacts',
    },
  ],
  // Who saved each version, and how many are kept: src/history/plugin.ts.
  versions: true,
}
