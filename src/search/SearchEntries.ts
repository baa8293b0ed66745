import type { CollectionConfig } from 'payload'

import { hiddenFromNonAdmins } from '../access/hiddenFromNonAdmins'
import { keptByTheCms } from '../access/keptByTheCms'

export const SEARCH_ENTRIES_SLUG = 'search-entries'

/** Entries are written by the CMS only (src/search/indexWriter.ts). */
/**
 * The search index (src/search/, docs/search.md): one entry per published
 * article or author and language, with the terms it is found by, their
 * weights, and what a result shows. Kept current by hooks, rebuilt by
 * `npm run reindex`. Admins may read it to see why something is or is not
 * found; nobody edits it, and readers search through /api/search.
 */
export const SearchEntries: CollectionConfig<'search-entries'> = {
  slug: SEARCH_ENTRIES_SLUG,
  access: keptByTheCms,
  admin: {
    defaultColumns: ['title', 'kind', 'language', 'publishedAt', 'indexedAt'],
    description: 'The search index, kept by the CMS: one entry per published article or author and language.',
    group: 'Administration',
    hidden: hiddenFromNonAdmins,
    listSearchableFields: ['title', 'slug', 'docId'],
    useAsTitle: 'title',
  },
  defaultSort: '-publishedAt',
  // Not part of the public GraphQL schema: readers use the Search query (src/search/graphqlQueries.ts).
  graphQL: false,
  fields: [
    { name: 'key', type: 'text', admin: { description: 'kind:document:language' }, required: true, unique: true },
    {
      name: 'kind',
      type: 'select',
      options: [
        { label: 'Article', value: 'article' },
        { label: 'Author', value: 'author' },
      ],
      required: true,
    },
    { name: 'docId', type: 'text', index: true, label: 'Document', required: true },
    { name: 'language', type: 'text', required: true },
    { name: 'sectionId', type: 'text', label: 'Section' },
    { name: 'publishedAt', type: 'date' },
    { name: 'title', type: 'text' },
    { name: 'slug', type: 'text' },
    { name: 'authors', type: 'json', admin: { description: 'Name and slug of each author, in byline order.' } },
    {
      name: 'terms',
      type: 'text',
      admin: { description: 'Every term the entry is found by: stemmed words and CJK character pairs.' },
      hasMany: true,
    },
    {
      name: 'keyTerms',
      type: 'text',
      admin: { description: 'The terms of the title, subtitle, keywords and names.' },
      hasMany: true,
    },
    { name: 'weights', type: 'json', admin: { description: 'Weight of each term found outside the body (a body term weighs 1).' } },
    { name: 'text', type: 'textarea', admin: { description: 'The plain text snippets are cut from.' } },
    { name: 'indexedAt', type: 'date' },
  ],
  indexes: [
    { fields: ['terms', 'kind', 'language', 'publishedAt'] },
    { fields: ['keyTerms', 'kind', 'language', 'publishedAt'] },
  ],
  timestamps: false,
}
