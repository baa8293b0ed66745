import { formerAddressesContext } from '../lib/formerAddresses'
import type { Article } from '../payload-types'
import { freeSlug, IMPORT_CONTEXT, isPlannedId, reserveSlug, type ImportContext } from './importContext'
import { bodyBlocks, lexicalBody } from './lexicalBody'
import { PageError } from './pageError'
import { sourceKey } from './sourceKey'
import type { LegacyPage, PageLocale } from './types'

export type ArticleOutcome = { id: string; slug?: string; status: 'created' | 'unchanged' | 'updated' }

type LocalizedData = Pick<Article, 'authorNote' | 'body' | 'lead' | 'legacySource' | 'title'>
type SharedData = Pick<Article, 'authors' | 'receivedAt' | 'section'>
type StoredArticle = Omit<Article, keyof LocalizedData> & { [Field in keyof LocalizedData]?: Partial<Record<PageLocale, Article[Field]>> }

/** The context of the save of a page's text: the importer's own, and the page's old address (src/lib/formerAddresses.ts). */
const pageContext = (page: LegacyPage) => ({ ...IMPORT_CONTEXT, ...formerAddressesContext(page.address ? [page.address] : []) })

/** Midnight UTC of the day received, the way the content model stores a day. */
const receivedAtOf = (day: string) => `${day}T00:00:00.000Z`

function localizedData(page: LegacyPage): LocalizedData {
  return {
    ...(page.authorNote ? { authorNote: page.authorNote.text } : {}),
    body: lexicalBody(page.body) as unknown as Article['body'],
    lead: page.lead.join('\n\n'),
    legacySource: sourceKey(page.sectionPath, page.title),
    title: page.title,
  }
}

function sharedData(pages: readonly LegacyPage[], sectionId: string, authorIds: string[], context: ImportContext): SharedData {
  const days = [...new Set(pages.map((page) => page.authorNote?.receivedAt).filter((day): day is string => Boolean(day)))]
  if (days.length > 1) context.warnings.push(`The pages give different dates received (${days.join(', ')}): ${days[0]} was kept.`)
  return { authors: authorIds, section: sectionId, ...(days[0] ? { receivedAt: receivedAtOf(days[0]) } : {}) }
}

const idOf = (value: unknown) => (value && typeof value === 'object' && 'id' in value ? String(value.id) : String(value ?? ''))

/** The localized fields of the page that differ from the stored article in the page's language. */
function changedLocalized(stored: StoredArticle, data: LocalizedData, locale: PageLocale): string[] {
  const changed: string[] = []
  for (const field of ['title', 'lead', 'authorNote', 'legacySource'] as const) {
    if (data[field] !== undefined && (stored[field]?.[locale] ?? '') !== data[field]) changed.push(field)
  }
  if (JSON.stringify(bodyBlocks(stored.body?.[locale])) !== JSON.stringify(bodyBlocks(data.body))) changed.push('body')
  return changed
}

function changedShared(stored: StoredArticle, data: SharedData): string[] {
  const changed: string[] = []
  if (idOf(stored.section) !== data.section) changed.push('section')
  if ((stored.authors ?? []).map(idOf).join() !== (data.authors as string[]).join()) changed.push('authors')
  if (data.receivedAt && (stored.receivedAt ?? '').slice(0, 10) !== data.receivedAt.slice(0, 10)) changed.push('receivedAt')
  return changed
}

/**
 * The article the page (or each page of a pair) was imported into before,
 * found by the page's identifier in its language. Refuses a pair whose
 * pages went into two different articles. Called before anything is written,
 * so a refused page leaves the database as it was even without transactions.
 */
export async function previouslyImported(context: ImportContext, pages: readonly LegacyPage[]): Promise<string | undefined> {
  const found = new Map<string, LegacyPage>()
  for (const page of pages) {
    const key = sourceKey(page.sectionPath, page.title)
    const { docs } = await context.payload.find({
      collection: 'articles',
      context: IMPORT_CONTEXT,
      depth: 0,
      draft: true,
      limit: 2,
      locale: page.locale,
      pagination: false,
      req: context.req,
      select: { title: true },
      where: { legacySource: { equals: key } },
    })
    if (docs.length > 1) {
      context.warnings.push(`Several articles carry the identifier ${key} (${page.locale}); article ${docs[0].id} was updated.`)
    }
    const id = docs[0] ? String(docs[0].id) : context.planned.get(`article:${page.locale}:${key}`)
    if (id) found.set(id, page)
  }
  if (found.size > 1) {
    const [first, second] = [...found.keys()]
    throw new PageError(
      `These pages were imported before as two separate articles (${first} and ${second}); ` +
        'delete the one to drop and import the pair again, or import the pages on their own.',
    )
  }
  return found.keys().next().value
}

/**
 * The article of a page, or of an English and a Chinese page of the same
 * article (`pages` has the language to create it in first): created when the
 * page was never imported (`existingId`, from previouslyImported, is empty); else updated in place when the page says
 * something the article does not (text, section, authors, date received),
 * left alone when it says nothing new. New and changed articles are drafts
 * unless the run publishes; a change to a published article becomes a newer
 * draft, and the published version stays until an editor publishes it.
 */
export async function importArticle(
  context: ImportContext,
  pages: readonly LegacyPage[],
  sectionId: string,
  authorIds: string[],
  existingId: string | undefined,
): Promise<ArticleOutcome> {
  const { dryRun, payload, publish, req } = context
  const shared = sharedData(pages, sectionId, authorIds, context)
  const status = publish ? 'published' : 'draft'
  const languages = pages.map((page) => page.locale).join(', ')

  if (!existingId) {
    const [first, ...rest] = pages
    const slug = await freeSlug(context, 'articles', first.title, 'article')
    context.changes.push(`created article "${first.title}" (${languages}${publish ? ', published' : ', draft'})`)
    if (dryRun) {
      reserveSlug(context, 'articles', slug)
      let id = ''
      for (const page of pages) id = context.planned.plan(`article:${page.locale}:${sourceKey(page.sectionPath, page.title)}`, 'article')
      return { id, slug, status: 'created' }
    }
    const created = await payload.create({
      collection: 'articles',
      context: pageContext(first),
      data: { ...shared, ...localizedData(first), _status: status, slug },
      depth: 0,
      draft: !publish,
      locale: first.locale,
      req,
    })
    for (const page of rest) {
      await payload.update({
        collection: 'articles',
        context: pageContext(page),
        data: { ...localizedData(page), _status: status },
        depth: 0,
        draft: !publish,
        id: created.id,
        locale: page.locale,
        req,
      })
    }
    return { id: String(created.id), slug, status: 'created' }
  }

  if (isPlannedId(existingId)) return { id: existingId, status: 'unchanged' }
  const stored = (await payload.findByID({
    collection: 'articles',
    context: IMPORT_CONTEXT,
    depth: 0,
    draft: true,
    id: existingId,
    locale: 'all',
    req,
  })) as unknown as StoredArticle
  const sharedChanges = changedShared(stored, shared)
  const publishing = publish && stored._status !== 'published'
  const perPage = pages.map((page) => ({ changed: changedLocalized(stored, localizedData(page), page.locale), page }))
  const changes = [
    ...sharedChanges,
    ...perPage.flatMap(({ changed, page }) => changed.map((field) => `${field} (${page.locale})`)),
    ...(publishing ? ['published'] : []),
  ]
  if (changes.length === 0) return { id: existingId, slug: stored.slug ?? undefined, status: 'unchanged' }

  context.changes.push(`updated article "${pages[0].title}": ${changes.join(', ')}`)
  if (!publish && stored._status === 'published') {
    context.warnings.push('The article is published: the imported changes were saved as a newer draft for an editor to check and publish.')
  }
  if (!dryRun) {
    let sharedPending = sharedChanges.length > 0 || publishing
    for (const { changed, page } of perPage) {
      if (changed.length === 0 && !sharedPending) continue
      await payload.update({
        collection: 'articles',
        context: pageContext(page),
        data: { ...(sharedPending ? shared : {}), ...localizedData(page), _status: status },
        depth: 0,
        draft: !publish,
        id: existingId,
        locale: page.locale,
        req,
      })
      sharedPending = false
    }
  }
  return { id: existingId, slug: stored.slug ?? undefined, status: 'updated' }
}
