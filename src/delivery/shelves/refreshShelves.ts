import type { PayloadRequest } from 'payload'

import { PUBLISHED } from '../../policy/readerVisibility'
import { newestFirst } from '../articleSummaries'
import { MAX_PER_SECTION } from '../../policy/readerQuery'
import { SECTION_SHELVES_SLUG } from './sectionShelves'

/**
 * Puts each section's newest published articles (at most MAX_PER_SECTION)
 * on its shelf: one query per section, one write. Runs with the request, in
 * its transaction where the database has them.
 */
export async function refreshShelves(req: PayloadRequest, sectionIds: Iterable<number | string>): Promise<void> {
  for (const sectionId of new Set([...sectionIds].map(String))) {
    const newest = await req.payload.find({
      collection: 'articles',
      depth: 0,
      limit: MAX_PER_SECTION,
      overrideAccess: true,
      pagination: false,
      req,
      select: { publishedAt: true },
      sort: newestFirst,
      where: { and: [{ section: { equals: sectionId } }, PUBLISHED] },
    })
    await req.payload.db.upsert({
      collection: SECTION_SHELVES_SLUG,
      data: { articles: newest.docs.map((doc) => String(doc.id)), section: sectionId },
      req,
      where: { section: { equals: sectionId } },
    })
  }
}

/** Removes a section's shelf (the section is gone). */
export async function removeShelf(req: PayloadRequest, sectionId: number | string): Promise<void> {
  await req.payload.db.deleteMany({ collection: SECTION_SHELVES_SLUG, req, where: { section: { equals: sectionId } } })
}

/** Every section's shelf, made anew (a migration; a repair). */
export async function rebuildShelves(req: PayloadRequest): Promise<number> {
  const { docs } = await req.payload.find({ collection: 'sections', depth: 0, limit: 0, overrideAccess: true, pagination: false, req, select: { slug: true } })
  await refreshShelves(req, docs.map((section) => section.id))
  await req.payload.db.deleteMany({
    collection: SECTION_SHELVES_SLUG,
    req,
    where: { section: { not_in: docs.map((section) => section.id) } },
  })
  return docs.length
}
