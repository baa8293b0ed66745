import type { Payload, TypedUser, Where } from 'payload'

import { NOT_BLANK } from '../../collections/Articles/jobs/removeBlankDrafts'
import { scheduledArticleId, SCHEDULE_TASK } from '../../collections/Articles/jobs/scheduledArticles'
import type { Article } from '../payload-types'
import { LOCALES } from '../policy/languages'

/** How many articles each list of the dashboard shows; the rest are a click away in the list view. */
export const DESK_LIST_SIZE = 8

export type DeskArticle = {
  id: string
  missingLocales: string[]
  /** When a scheduled article goes live. */
  scheduledFor: null | string
  title: string
  updatedAt: string
  workflowStatus: string
}

export type DeskList = {
  articles: DeskArticle[]
  /** The admin list view filtered the same way. */
  listUrl: string
  totalDocs: number
}

export type EditorialDesk = {
  awaitingReview: DeskList
  missingTranslations: DeskList
  myDrafts: DeskList
  scheduled: DeskList
}

type DeskQuery = { sort: string; where: Where }

/** The four lists of the editors' dashboard, as filters on articles' latest versions. */
export function deskQueries(userId: number | string): Record<keyof EditorialDesk, DeskQuery> {
  return {
    awaitingReview: { sort: 'updatedAt', where: { workflowStatus: { equals: 'in-review' } } },
    missingTranslations: { sort: '-updatedAt', where: { missingLocales: { in: [...LOCALES] } } },
    myDrafts: {
      sort: '-updatedAt',
      where: { and: [{ createdBy: { equals: userId } }, { workflowStatus: { in: ['draft', 'changes-requested'] } }] },
    },
    scheduled: { sort: 'updatedAt', where: { workflowStatus: { equals: 'scheduled' } } },
  }
}

/** `?where[a][equals]=b`, the form the admin list view (and the REST API) reads filters in. */
function whereQuery(value: unknown, name = 'where'): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => whereQuery(item, `${name}[${index}]`))
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => whereQuery(item, `${name}[${key}]`))
  return [`${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`]
}

async function scheduledDates(payload: Payload, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map()
  const { docs } = await payload.find({
    collection: 'payload-jobs',
    depth: 0,
    limit: 100,
    overrideAccess: true,
    pagination: false,
    sort: 'waitUntil',
    where: {
      and: [
        { taskSlug: { equals: SCHEDULE_TASK } },
        { 'input.type': { equals: 'publish' } },
        { 'input.doc.value': { in: ids } },
        { completedAt: { exists: false } },
      ],
    },
  })
  const dates = new Map<string, string>()
  for (const job of docs) {
    const id = scheduledArticleId(job)
    if (id && job.waitUntil && !dates.has(id)) dates.set(id, job.waitUntil)
  }
  return dates
}

/**
 * What is on an editor's desk: their own unfinished drafts, articles awaiting
 * review, scheduled ones with their date, and articles lacking a language.
 * Read with the user's own access, so a contributor sees only what it may.
 */
export async function editorialDesk({
  adminRoute,
  locale,
  payload,
  user,
}: {
  adminRoute: string
  locale?: string
  payload: Payload
  user: TypedUser
}): Promise<EditorialDesk> {
  const queries = deskQueries(user.id)
  const entries = await Promise.all(
    (Object.keys(queries) as (keyof EditorialDesk)[]).map(async (name) => {
      const { sort, where } = queries[name]
      const found = await payload.find({
        collection: 'articles',
        depth: 0,
        draft: true,
        limit: DESK_LIST_SIZE,
        locale: locale as never,
        overrideAccess: false,
        select: { missingLocales: true, title: true, updatedAt: true, workflowStatus: true },
        sort,
        user,
        // As in the list view (its base filter): drafts made by "Create New" and never written in are not shown.
        where: { and: [where, NOT_BLANK] },
      })
      const articles: DeskArticle[] = (found.docs as Article[]).map((doc) => ({
        id: String(doc.id),
        missingLocales: doc.missingLocales ?? [],
        scheduledFor: null,
        title: doc.title || '(untitled)',
        updatedAt: doc.updatedAt,
        workflowStatus: doc.workflowStatus ?? 'draft',
      }))
      const list: DeskList = {
        articles,
        listUrl: `${adminRoute}/collections/articles?${whereQuery(where).join('&')}`,
        totalDocs: found.totalDocs,
      }
      return [name, list] as const
    }),
  )
  const desk = Object.fromEntries(entries) as EditorialDesk
  const dates = await scheduledDates(payload, desk.scheduled.articles.map((article) => article.id))
  for (const article of desk.scheduled.articles) article.scheduledFor = dates.get(article.id) ?? null
  desk.scheduled.articles.sort((a, b) => (a.scheduledFor ?? '').localeCompare(b.scheduledFor ?? ''))
  return desk
}
