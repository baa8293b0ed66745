import type { PayloadRequest, Where } from 'payload'

import { WORKFLOW_SCHEDULING } from '../hooks/enforceWorkflow'

/** Payload's own task for scheduled publishing and unpublishing. */
export const SCHEDULE_TASK = 'schedulePublish'

/** Pending "publish" schedules of an article. */
function pendingPublication(articleId: string): Where {
  return {
    and: [
      { taskSlug: { equals: SCHEDULE_TASK } },
      { 'input.type': { equals: 'publish' } },
      { 'input.doc.relationTo': { equals: 'articles' } },
      { 'input.doc.value': { equals: articleId } },
      { completedAt: { exists: false } },
    ],
  }
}

/** The article a schedule job is for, if it is one. */
export function scheduledArticleId(job: { input?: unknown; taskSlug?: null | string } | null | undefined): string | undefined {
  if (job?.taskSlug !== SCHEDULE_TASK) return undefined
  const doc = (job.input as { doc?: { relationTo?: string; value?: unknown } } | null | undefined)?.doc
  if (doc?.relationTo !== 'articles' || (typeof doc.value !== 'string' && typeof doc.value !== 'number')) return undefined
  return String(doc.value)
}

/**
 * Keeps an unpublished article's review state in line with its schedules:
 * `scheduled` while a publication is pending, back to `in-review` when the
 * last one is cancelled. Called wherever schedules are made or removed (the
 * schedule endpoint and the admin UI's schedule drawer), so the list view
 * and the dashboard show scheduled articles however they were scheduled.
 */
export async function syncScheduledStatus(req: PayloadRequest, articleId: string): Promise<void> {
  const article = await req.payload.findByID({
    collection: 'articles',
    depth: 0,
    disableErrors: true,
    draft: true,
    id: articleId,
    overrideAccess: true,
    req,
  })
  if (!article || article._status === 'published') return
  const { totalDocs } = await req.payload.count({ collection: 'payload-jobs', overrideAccess: true, req, where: pendingPublication(articleId) })
  const wanted = totalDocs > 0 ? 'scheduled' : article.workflowStatus === 'scheduled' ? 'in-review' : article.workflowStatus
  if (wanted === article.workflowStatus) return
  await req.payload.update({
    collection: 'articles',
    context: { [WORKFLOW_SCHEDULING]: wanted === 'scheduled' ? true : 'cancelled' },
    data: { _status: 'draft', workflowStatus: wanted },
    draft: true,
    id: articleId,
    overrideAccess: true,
    req,
  })
}
