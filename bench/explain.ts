import type { Db, Document, Sort } from 'mongodb'

import type { DatasetSummary } from './dataset'
import { parseQuery } from '../src/search/tokenize'
import { REFERENCE_QUERIES } from './referenceQueries'

export type PlanSummary = {
  /** e.g. "IXSCAN section_1 → FETCH → SORT", or "COLLSCAN". */
  plan: string
  /** True when an index answers the filter (no collection scan). */
  usesIndex: boolean
  documentsExamined?: number
  returned?: number
}

/** Stage names of a MongoDB plan tree, outermost last, with index names. */
function stages(plan: Document | undefined): string[] {
  if (!plan) return []
  const inner = [plan.inputStage, ...(plan.inputStages ?? [])].filter(Boolean).flatMap(stages)
  const name = plan.stage === 'IXSCAN' ? `IXSCAN ${plan.indexName}` : String(plan.stage ?? plan.queryPlan?.stage ?? '?')
  return [...inner, name]
}

function summarise(explained: Document): PlanSummary {
  const winning = explained.queryPlanner?.winningPlan
  if (winning && (winning.stage || winning.queryPlan)) {
    const names = stages(winning.queryPlan ?? winning)
    return {
      documentsExamined: explained.executionStats?.totalDocsExamined,
      plan: names.join(' → '),
      returned: explained.executionStats?.nReturned,
      usesIndex: names.some((name) => name.startsWith('IXSCAN') || name === 'IDHACK' || name === 'EXPRESS_IXSCAN') && !names.includes('COLLSCAN'),
    }
  }
  return { plan: 'plan not understood', usesIndex: false }
}

/** What the plan column says where the server has no `explain` (mongo-java-server). */
const NOT_AVAILABLE: PlanSummary = { plan: 'not available on this server (no explain)', usesIndex: false }

/**
 * Asks the database how it runs each website query, with values from the
 * data set (its largest section, an article, an author, search terms).
 */
export async function explainQueries(db: Db, dataset: DatasetSummary, canExplain: boolean): Promise<Record<string, PlanSummary>> {
  const section = await db.collection('sections').findOne({ slug: dataset.largestSection.slug })
  const author = await db.collection('authors').findOne({ slug: dataset.authorSlugs[0] })
  const find = (collection: string, filter: Document, sort?: Sort, limit = 10) =>
    !canExplain ? Promise.resolve(NOT_AVAILABLE) : db.collection(collection).find(filter, { limit, sort }).explain('executionStats').then(summarise, (error: Error) => ({ plan: `explain failed: ${error.message}`, usesIndex: false }))
  const q = REFERENCE_QUERIES
  const entries: [string, Promise<PlanSummary>][] = [
    ['articleBySlug', find(q.articleBySlug.collection, q.articleBySlug.filter(dataset.articleSlugs[0]), undefined, 1)],
    ['homeLatest', find(q.homeLatest.collection, q.homeLatest.filter, q.homeLatest.sort)],
    ['sectionArticles', find(q.sectionArticles.collection, q.sectionArticles.filter(section ? [section._id] : []), q.sectionArticles.sort)],
    ['authorArticles', find(q.authorArticles.collection, q.authorArticles.filter(author?._id ?? ''), q.authorArticles.sort)],
    ['directory', find(q.directory.collection, q.directory.filter, q.directory.sort, 1000)],
    ['searchEntries', find(q.searchEntries.collection, q.searchEntries.filter('en', parseQuery(dataset.searchTerms.en[0]).terms), q.searchEntries.sort, 201)],
    ['feed', find(q.feed.collection, q.feed.filter('en'), q.feed.sort, 20)],
  ]
  const results = await Promise.all(entries.map(([, promise]) => promise))
  return Object.fromEntries(entries.map(([name], index) => [name, results[index]]))
}
