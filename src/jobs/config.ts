import type { JobsConfig, PayloadRequest, SanitizedConfig, TaskConfig } from 'payload'

import { removeBlankDraftsTask } from '../../collections/Articles/jobs/removeBlankDrafts'
import { can } from '../policy/roles'
import { claimScheduleSlot, JOB_CLAIM_FIELDS } from '../database/jobClaims'
import { repairDerivedDataTask } from '../maintenance/repairTask'
import { readJobsEnvironment } from '../settings/environment'

/**
 * Background work run by Payload's jobs queue inside the server process: the
 * journal's own tasks here; each capability's plugin adds its own (webhook
 * deliveries, imports) with its queue.
 */
const tasks: TaskConfig[] = [removeBlankDraftsTask, repairDerivedDataTask(readJobsEnvironment())]

/**
 * The default queue runs by itself every JOBS_AUTORUN_CRON; `off` leaves
 * queued jobs to another process. The server starts the schedule with
 * Payload (src/boot/bootPayload.ts, `cron`) and it stops with `payload.destroy()`.
 */
const { autoRunCron } = readJobsEnvironment()

const adminOnly = ({ req }: { req: PayloadRequest }): boolean => can(req.user, 'administer')

export const jobsConfig: JobsConfig = {
  // Payload lets any signed-in user queue, run and cancel jobs over the API by default: admins only.
  access: { cancel: adminOnly, queue: adminOnly, run: adminOnly },
  autoRun: autoRunCron ? [{ cron: autoRunCron, limit: 10, queue: 'default' }] : undefined,
  // Which process runs a job, and its heartbeat (src/database/jobClaims.ts: jobs run once on several servers).
  jobsCollectionOverrides: ({ defaultJobsCollection }) => ({
    ...defaultJobsCollection,
    fields: [...defaultJobsCollection.fields, ...JOB_CLAIM_FIELDS],
  }),
  tasks,
}

type ScheduleConfig = NonNullable<TaskConfig['schedule']>[number]
type BeforeScheduleFn = NonNullable<NonNullable<ScheduleConfig['hooks']>['beforeSchedule']>

/**
 * Queues one run of a schedule however many servers reach it on the same
 * tick: Payload's own check (no job of the task waiting or running), then
 * the slot taken in the database by the first server to insert it.
 */
function scheduledOnce(schedule: ScheduleConfig): ScheduleConfig {
  const own = schedule.hooks?.beforeSchedule
  const beforeSchedule: BeforeScheduleFn = async (args) => {
    const decision = await (own ?? args.defaultBeforeSchedule)(args)
    if (!decision.shouldSchedule) return decision
    const { queueable } = args
    const slug = queueable.taskConfig?.slug ?? queueable.workflowConfig?.slug ?? 'unnamed'
    const at = (decision.waitUntil ?? queueable.waitUntil ?? new Date()).toISOString()
    const won = await claimScheduleSlot(args.req.payload, `${schedule.queue}:${slug}:${at}`)
    return won ? decision : { ...decision, shouldSchedule: false }
  }
  return { ...schedule, hooks: { ...schedule.hooks, beforeSchedule } }
}

/**
 * Every cron schedule of the jobs queue (the journal's and every plugin's)
 * queues each run once, with several servers on one database.
 */
export function scheduleOnceEverywhere(config: SanitizedConfig): SanitizedConfig {
  for (const task of config.jobs.tasks ?? []) {
    if (task.schedule) task.schedule = task.schedule.map(scheduledOnce)
  }
  for (const workflow of config.jobs.workflows ?? []) {
    if (workflow.schedule) workflow.schedule = workflow.schedule.map(scheduledOnce)
  }
  return config
}

/**
 * Scheduled tasks make Payload add the `payload-jobs-stats` global (when each
 * schedule last queued its job), open by default to every signed-in account,
 * for reading and writing: admins only, like the jobs themselves.
 */
export function restrictJobStats(config: SanitizedConfig): SanitizedConfig {
  for (const global of config.globals) {
    if (global.slug !== 'payload-jobs-stats') continue
    global.access = { ...global.access, read: adminOnly, readVersions: adminOnly, update: adminOnly }
  }
  return config
}
