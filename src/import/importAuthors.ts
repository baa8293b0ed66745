import { freeSlug, IMPORT_CONTEXT, isPlannedId, reserveSlug, sameName, type ImportContext } from './importContext'
import type { AuthorDetails, PageLocale } from './types'

/** A page's byline in one language, with what its author note says about each author (by byline position). */
export type Byline = { details: Map<number, AuthorDetails>; locale: PageLocale; names: string[] }

type Localized = Partial<Record<PageLocale, null | string>>
type StoredAuthor = { affiliation?: Localized; id: string; name?: Localized; position?: Localized }

async function findByName(context: ImportContext, name: string, locale: PageLocale): Promise<string | undefined> {
  const { docs } = await context.payload.find({
    collection: 'authors',
    context: IMPORT_CONTEXT,
    depth: 0,
    fallbackLocale: false,
    locale,
    pagination: false,
    req: context.req,
    select: { name: true },
    where: { name: { like: name } },
  })
  const found = docs.find((author) => sameName(author.name, name))
  return found ? String(found.id) : context.planned.get(`author:${locale}:${name.toLowerCase()}`)
}

/**
 * The authors of a page (or a pair of pages), in byline order: each found
 * by name in the page's language, or, for a pair, by the name in the other
 * language, else created. An author that exists keeps what it has: only a
 * missing name, position or affiliation (in the page's language) is filled
 * in from the page.
 */
export async function importAuthors(context: ImportContext, bylines: readonly Byline[]): Promise<string[]> {
  const [primary, ...others] = bylines
  const paired = others.filter((byline) => byline.names.length === primary.names.length)
  for (const byline of others) {
    if (!paired.includes(byline)) {
      context.warnings.push(
        `The ${byline.locale} byline names ${byline.names.length} author(s), the ${primary.locale} one ${primary.names.length}; ` +
          `the ${byline.locale} names were not added to the authors`,
      )
    }
  }

  const ids: string[] = []
  for (const [index, name] of primary.names.entries()) {
    let id = await findByName(context, name, primary.locale)
    for (const byline of paired) id ??= await findByName(context, byline.names[index], byline.locale)
    if (!id) id = await createAuthor(context, primary, index)
    ids.push(id)
  }

  // What each author lacks, in each language of the page(s): one read for all of them.
  const stored = await storedAuthors(context, ids)
  for (const [index, id] of ids.entries()) {
    for (const byline of [primary, ...paired]) {
      const author = stored.get(id)
      const name = byline.names[index]
      const details = byline.details.get(index) ?? {}
      const missing: Record<string, string> = {}
      if (!author?.name?.[byline.locale]) missing.name = name
      if (details.position && !author?.position?.[byline.locale]) missing.position = details.position
      if (details.affiliation && !author?.affiliation?.[byline.locale]) missing.affiliation = details.affiliation
      if (Object.keys(missing).length === 0) continue
      // A new author of this run already has the primary language's values.
      if (!author && byline === primary) continue
      context.changes.push(`author ${name}: added ${Object.keys(missing).join(', ')} (${byline.locale})`)
      if (!context.dryRun && !isPlannedId(id)) {
        await context.payload.update({
          collection: 'authors',
          context: IMPORT_CONTEXT,
          data: missing,
          depth: 0,
          id,
          locale: byline.locale,
          req: context.req,
        })
      }
    }
  }
  return ids
}

async function createAuthor(context: ImportContext, byline: Byline, index: number): Promise<string> {
  const name = byline.names[index]
  const details = byline.details.get(index) ?? {}
  const slug = await freeSlug(context, 'authors', name, 'author')
  const described = [details.position, details.affiliation].filter(Boolean).join(', ')
  context.changes.push(`created author ${name}${described ? ` (${described})` : ''}`)
  if (context.dryRun) {
    reserveSlug(context, 'authors', slug)
    return context.planned.plan(`author:${byline.locale}:${name.toLowerCase()}`, 'author')
  }
  const author = await context.payload.create({
    collection: 'authors',
    context: IMPORT_CONTEXT,
    data: { name, slug, ...details },
    depth: 0,
    locale: byline.locale,
    req: context.req,
  })
  return String(author.id)
}

/** The stored authors in every language, by id: only those that exist (a dry run's new ones do not). */
async function storedAuthors(context: ImportContext, ids: string[]): Promise<Map<string, StoredAuthor>> {
  const existing = ids.filter((id) => !isPlannedId(id))
  if (existing.length === 0) return new Map()
  const { docs } = await context.payload.find({
    collection: 'authors',
    context: IMPORT_CONTEXT,
    depth: 0,
    locale: 'all',
    pagination: false,
    req: context.req,
    select: { affiliation: true, name: true, position: true },
    where: { id: { in: existing } },
  })
  return new Map((docs as unknown as StoredAuthor[]).map((author) => [String(author.id), author]))
}
