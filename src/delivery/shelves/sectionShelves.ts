import type { CollectionConfig } from 'payload'

import { hiddenFromNonAdmins } from '../../access/hiddenFromNonAdmins'
import { participation } from '../../lib/collectionParticipation'
import { keptByTheCms } from '../../access/keptByTheCms'

export const SECTION_SHELVES_SLUG = 'section-shelves'

/** Shelves are written by the CMS only (./refreshShelves.ts). */
/**
 * One shelf per section: the ids of its newest published articles, newest
 * first (at most MAX_PER_SECTION), kept current by hooks on articles. The
 * home page reads every section's newest articles from the shelves in one
 * query, however many sections there are, and then the articles themselves
 * in one more, through Payload and the readers' access as always: a shelf
 * only says which articles to ask for. Admins may read the shelves; nobody
 * edits them.
 */
export const SectionShelves: CollectionConfig<'section-shelves'> = {
  // Derived from articles, whose own saves already change the content state.
  custom: participation({ readerContent: false }),
  slug: SECTION_SHELVES_SLUG,
  access: keptByTheCms,
  admin: {
    description: "Each section's newest published articles, kept by the CMS for the home page.",
    group: 'Administration',
    hidden: hiddenFromNonAdmins,
  },
  // Not part of the public GraphQL schema: the website asks for the home page (WebsiteHome).
  graphQL: false,
  fields: [
    { name: 'section', type: 'relationship', relationTo: 'sections', required: true, unique: true },
    { name: 'articles', type: 'text', admin: { description: 'Article ids, newest first.' }, hasMany: true },
  ],
}
