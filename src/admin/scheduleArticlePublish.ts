import type { ServerFunction } from 'payload'
import { schedulePublishHandler, type SchedulePublishHandlerArgs } from '@payloadcms/ui/utilities/schedulePublishHandler'

import { scheduledArticleId, SCHEDULE_TASK, syncScheduledStatus } from '../../collections/Articles/jobs/scheduledArticles'
import { can } from '../policy/roles'

/**
 * The admin UI's schedule drawer ("schedule-publish" server function) with the
 * journal's rules around Payload's own handler: only editors and admins
 * schedule (a contributor submits for review instead), cancelling a schedule
 * only removes it, and the article's review state follows its schedules
 * (`scheduled`, or back `in-review` when the last one is cancelled).
 */
export const scheduleArticlePublish: ServerFunction<SchedulePublishHandlerArgs> = async (args) => {
  const { deleteID, doc, req } = args
  if (!can(req.user, 'publish')) {
    return { error: 'Only editors schedule publishing: submit the article for review and an editor will schedule it' }
  }

  if (deleteID !== undefined && !doc) {
    const job = await req.payload.findByID({ collection: 'payload-jobs', depth: 0, disableErrors: true, id: deleteID, overrideAccess: true, req })
    if (!job || job.taskSlug !== SCHEDULE_TASK) return { error: `There is no schedule ${deleteID}` }
    await req.payload.delete({ collection: 'payload-jobs', id: deleteID, overrideAccess: true, req })
    const articleId = scheduledArticleId(job)
    if (articleId) await syncScheduledStatus(req, articleId)
    return { message: req.i18n.t('general:deletedSuccessfully') }
  }

  const result = await schedulePublishHandler(args)
  if (doc?.relationTo === 'articles' && doc.value !== undefined) await syncScheduledStatus(req, String(doc.value))
  return result
}
