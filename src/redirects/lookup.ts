import type { PayloadRequest } from 'payload'

import { badRequest, notFound } from '../http/clientError'
import { REDIRECTS_SLUG, type StoredRedirect } from './bookkeeping'
import { targetPath } from './targets'
import { normalizeWebsitePath, PathProblem } from './websitePath'

/** The answer of the website's redirect call. */
export type WebsiteRedirect = {
  /** The path asked for, in its one spelling. */
  from: string
  status: 301 | 302
  /** Where it leads now: a path on the website. */
  to: string
}

/**
 * Where a path of the website leads now: the redirect from it (the path
 * normalized first, src/redirects/websitePath.ts), with a document target
 * resolved to the page's current path if readers can see it. 404 when
 * nothing leads anywhere from there: no redirect, a page readers cannot see,
 * or one that is at that path itself again. Two database reads at most.
 */
export async function findRedirect(req: PayloadRequest, path: unknown): Promise<WebsiteRedirect> {
  if (path === undefined || path === null || path === '') throw badRequest('path is required, e.g. ?path=/en/articles/old-name')
  let from: string
  try {
    from = normalizeWebsitePath(path)
  } catch (error) {
    if (error instanceof PathProblem) throw badRequest(`path: ${error.message}`)
    throw error
  }
  const { docs } = await req.payload.find({
    collection: REDIRECTS_SLUG,
    depth: 0,
    limit: 1,
    // Readers never read the collection itself, only this answer.
    overrideAccess: true,
    pagination: false,
    req,
    select: { from: true, to: true, type: true },
    where: { from: { equals: from } },
  })
  const redirect = docs[0] as StoredRedirect | undefined
  if (!redirect) throw notFound(`There is no redirect from ${from}`)
  const to = await targetPath(req, redirect.to, { asReader: true })
  if (!to || to === from) throw notFound(`There is no redirect from ${from}: the page it led to is not published`)
  return { from, status: redirect.type === '302' ? 302 : 301, to }
}
