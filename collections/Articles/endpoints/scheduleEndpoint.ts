import { type Endpoint } from 'payload'

import { can } from '../../../src/policy/roles'
import { syncScheduledStatus } from '../jobs/scheduledArticles'
import type { Article } from '../../../src/payload-types'
import { badRequest, ClientError, notFound } from '../../../src/http/clientError'

const SCHEDULE_TYPES = ['publish', 'unpublish'] as const
type ScheduleType = (typeof SCHEDULE_TYPES)[number]

/** The furthest ahead a schedule may be set. */
const MAX_AHEAD_MS = 5 * 366 * 24 * 60 * 60 * 1000

/**
 * POST /api/articles/{id}/schedule with `{ "type": "publish" | "unpublish", "at": ISO date }`:
 * queues Payload's `schedulePublish` job for that moment, as the admin UI's
 * schedule drawer does. Editors and admins only. The job runs as the editor
 * who scheduled it, so the workflow rules apply when it runs too. Scheduling
 * publication marks the article `scheduled` (collections/Articles/jobs/scheduledArticles.ts).
 */
export const articleScheduleEndpoint: Omit<Endpoint, 'root'> = {
  handler: async (req) => {
    const { payload, user } = req
    if (!user) throw new ClientError('Sign in as an editor to schedule articles', 401)
    if (!can(user, 'publish')) {
      throw new ClientError(
        can(user, 'writeArticles')
          ? 'Contributors cannot schedule publishing: submit the article for review and an editor will schedule it'
          : 'Only editors schedule articles', 403)
    }

    const body = (await req.json?.().catch(() => null)) as { at?: unknown; type?: unknown } | null
    const type = (body?.type ?? 'publish') as ScheduleType
    if (!SCHEDULE_TYPES.includes(type)) throw badRequest('type must be "publish" or "unpublish"')
    const at = typeof body?.at === 'string' ? new Date(body.at) : null
    if (!at || Number.isNaN(at.getTime())) throw badRequest('at must be an ISO 8601 date and time, e.g. 2026-05-01T08:00:00Z')
    const now = Date.now()
    if (at.getTime() <= now) throw badRequest('at must be in the future')
    if (at.getTime() - now > MAX_AHEAD_MS) throw badRequest('at must be within five years')

    const id = String(req.routeParams?.id ?? '')
    const article: Article | null = await payload
      .findByID({ collection: 'articles', depth: 0, disableErrors: true, draft: true, id, overrideAccess: false, req })
      .catch(() => null)
    if (!article) throw notFound(`No article with id ${id}`)
    if (type === 'unpublish' && article._status !== 'published') {
      throw badRequest('Only a published article can be scheduled to be unpublished')
    }

    const job = await payload.jobs.queue({
      input: {
        type,
        doc: { relationTo: 'articles', value: article.id },
        user: { relationTo: 'users', value: user.id },
      },
      req,
      task: 'schedulePublish',
      waitUntil: at,
    })

    if (type === 'publish') await syncScheduledStatus(req, String(article.id))

    return Response.json({ at: at.toISOString(), id: article.id, job: job.id, type }, { status: 202 })
  },
  method: 'post',
  path: '/:id/schedule',
}
