import type { JobsConfig, PayloadRequest, SanitizedConfig, TaskConfig } from 'payload'

import { removeBlankDraftsTask } from '../../collections/Articles/jobs/removeBlankDrafts'
import { can } from '../policy/roles'
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
  tasks,
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
