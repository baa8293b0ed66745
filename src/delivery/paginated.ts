import type { PaginatedDocs } from 'payload'

/** A page of results, as the website receives it over REST and GraphQL. */
export type Page<T> = Pick<PaginatedDocs<T>, 'docs' | 'hasNextPage' | 'hasPrevPage' | 'limit' | 'page' | 'totalDocs' | 'totalPages'>

export function pageOf<T>(result: PaginatedDocs<T>): Page<T> {
  const { docs, hasNextPage, hasPrevPage, limit, page, totalDocs, totalPages } = result
  return { docs, hasNextPage, hasPrevPage, limit, page: page ?? 1, totalDocs, totalPages }
}
