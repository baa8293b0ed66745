import type { Document, Filter, ObjectId, Sort } from 'mongodb'

/**
 * The filters the website's pages run, written for the MongoDB driver: the
 * reference server answers with them, and the benchmark asks the database
 * to explain them (which index answers each, or a collection scan).
 */
const PUBLISHED = { _status: 'published' }

export const REFERENCE_QUERIES = {
  articleBySlug: { collection: 'articles', filter: (slug: string): Filter<Document> => ({ slug, ...PUBLISHED }) },
  authorArticles: {
    collection: 'articles',
    filter: (authorId: ObjectId | string): Filter<Document> => ({ authors: { $in: [authorId] }, ...PUBLISHED }),
    sort: { publishedAt: -1, _id: -1 } as Sort,
  },
  authorBySlug: { collection: 'authors', filter: (slug: string): Filter<Document> => ({ slug }) },
  directory: { collection: 'contacts', filter: { visible: true } as Filter<Document>, sort: { order: 1, _id: 1 } as Sort },
  feed: {
    collection: 'articles',
    filter: (locale: string): Filter<Document> => ({ availableLocales: { $in: [locale] }, ...PUBLISHED }),
    sort: { publishedAt: -1, _id: -1 } as Sort,
  },
  homeLatest: { collection: 'articles', filter: { ...PUBLISHED } as Filter<Document>, sort: { publishedAt: -1, _id: -1 } as Sort },
  searchEntries: {
    collection: 'search-entries',
    filter: (language: string, terms: string[]): Filter<Document> => ({ kind: 'article', language, terms: { $all: terms } }),
    sort: { publishedAt: -1 } as Sort,
  },
  sectionArticles: {
    collection: 'articles',
    filter: (sectionIds: (ObjectId | string)[]): Filter<Document> => ({ section: { $in: sectionIds }, ...PUBLISHED }),
    sort: { publishedAt: -1, _id: -1 } as Sort,
  },
  sectionBranch: { collection: 'sections', filter: (sectionId: ObjectId | string): Filter<Document> => ({ 'breadcrumbs.doc': sectionId, shownToReaders: true }) },
  sectionBySlug: { collection: 'sections', filter: (slug: string): Filter<Document> => ({ shownToReaders: true, slug }) },
  shownSections: { collection: 'sections', filter: { shownToReaders: true } as Filter<Document>, sort: { order: 1, _id: 1 } as Sort },
} as const
