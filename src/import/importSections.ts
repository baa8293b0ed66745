import { freeSlug, IMPORT_CONTEXT, isPlannedId, reserveSlug, sameName, type ImportContext } from './importContext'
import type { PageLocale } from './types'

type StoredSection = { id: string; parent?: null | string | { id: string }; title?: Partial<Record<PageLocale, null | string>> }

const parentId = (section: StoredSection) =>
  section.parent && typeof section.parent === 'object' ? section.parent.id : (section.parent ?? null)

/**
 * The section a page's breadcrumb leads to ("Journals > Master forum"),
 * found by its title in the page's language under its parent, level by
 * level; a level that does not exist yet is created under the one above it.
 * `titles` may carry the same path in the other language (a pair of pages):
 * a section without a title in that language gets it.
 */
export async function importSectionPath(
  context: ImportContext,
  path: readonly string[],
  locale: PageLocale,
  titles?: { locale: PageLocale; path: readonly string[] },
): Promise<string> {
  const { payload, req } = context
  const { docs } = await payload.find({
    collection: 'sections',
    context: IMPORT_CONTEXT,
    depth: 0,
    locale: 'all',
    pagination: false,
    req,
    select: { parent: true, title: true },
  })
  const sections = docs as unknown as StoredSection[]
  const translated = titles && titles.path.length === path.length ? titles : undefined

  let parent: null | string = null as null | string
  const trail: string[] = []
  for (const [level, title] of path.entries()) {
    trail.push(title)
    const found = sections.find((section) => parentId(section) === parent && sameName(section.title?.[locale], title))
    const plannedKey: string = `section:${parent ?? ''}:${locale}:${title.toLowerCase()}`
    let id: string | undefined = found?.id ?? context.planned.get(plannedKey)

    if (!id) {
      const slug = await freeSlug(context, 'sections', title, 'section')
      context.changes.push(`created section ${trail.join(' › ')}`)
      if (context.dryRun) {
        reserveSlug(context, 'sections', slug)
        id = context.planned.plan(plannedKey, 'section')
      } else {
        const created = await payload.create({
          collection: 'sections',
          context: IMPORT_CONTEXT,
          data: { parent: parent ?? undefined, slug, title },
          depth: 0,
          locale,
          req,
        })
        id = String(created.id)
      }
    }

    const other = translated?.path[level]
    if (translated && other && !(found && found.title?.[translated.locale])) {
      context.changes.push(`${translated.locale} title of section ${trail.join(' › ')}: ${other}`)
      if (!context.dryRun && !isPlannedId(id)) {
        await payload.update({
          collection: 'sections',
          context: IMPORT_CONTEXT,
          data: { title: other },
          depth: 0,
          id,
          locale: translated.locale,
          req,
        })
      }
    }
    parent = id
  }
  if (!parent) throw new Error('a section path needs at least one section')
  return parent
}
