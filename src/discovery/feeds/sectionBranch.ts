import type { Payload, TypedLocale } from 'payload'

import type { Section } from '../../payload-types'
import { notFound } from '../../http/clientError'

export type SectionBranch = {
  /** The section and every section below it that readers can see. */
  ids: string[]
  section: Pick<Section, 'breadcrumbs' | 'description' | 'id' | 'slug' | 'title' | 'updatedAt'>
}

/**
 * A section readers can see, with the ids of its whole branch, as the
 * website's section page takes them (src/delivery/sectionPage.ts): a
 * section that is inactive, or below an inactive one, is a 404. Read as an
 * anonymous reader.
 */
export async function sectionBranch(payload: Payload, slug: string, locale: string): Promise<SectionBranch> {
  const found = await payload.find({
    collection: 'sections',
    depth: 0,
    limit: 1,
    locale: locale as TypedLocale,
    overrideAccess: false,
    pagination: false,
    select: { breadcrumbs: true, description: true, slug: true, title: true, updatedAt: true },
    where: { slug: { equals: slug } },
  })
  const section = found.docs[0]
  if (!section) throw notFound(`There is no section "${slug.length > 60 ? `${slug.slice(0, 60)}…` : slug}"`)

  // Every section readers can see whose breadcrumbs pass through this one, itself included.
  const branch = await payload.find({
    collection: 'sections',
    depth: 0,
    overrideAccess: false,
    pagination: false,
    select: { slug: true },
    where: { 'breadcrumbs.doc': { equals: section.id } },
  })
  const ids = [section.id, ...branch.docs.map((doc) => doc.id).filter((id) => id !== section.id)]
  return { ids, section }
}

/** The breadcrumb URL of a section (`/journals/master-forum`), or `/{slug}` before it has breadcrumbs. */
export function sectionPathOf(section: Pick<Section, 'breadcrumbs' | 'slug'>): string {
  const crumbs = section.breadcrumbs ?? []
  return crumbs.at(-1)?.url || `/${section.slug}`
}
