import type { JobsConfig, PayloadRequest, SanitizedConfig, TaskConfig } from 'payload'

import { importTask } from '../import/importTask'
import { readJobsEnvironment, readWebhookEnvironment } from '../lib/environment'
import { can } from '../policy/roles'
import { repairDerivedDataTask } from '../maintenance/repairTask'
import { removeBlankDraftsTask } from './removeBlankDrafts'
import { deliverWebhookTask } from '../webhooks/deliverWebhookTask'
import { WEBHOOKS_QUEUE } from '../webhooks/events'

/**
 * Background work run by Payload's jobs queue inside the server process.
 * Each feature registers its tasks here.
 */
const tasks: TaskConfig[] = [deliverWebhookTask(readWebhookEnvironment()), importTask, removeBlankDraftsTask, repairDerivedDataTask(readJobsEnvironment())]

/**
 * The queues the server runs by itself, each on its own schedule entry so a
 * long job on one never holds up the others (webhook deliveries wait for
 * nothing but their retry time). JOBS_AUTORUN_CRON sets how often; `off`
 * leaves them to another process. The server starts them with Payload
 * (src/server.ts) and they stop with `payload.destroy()`.
 */
const autoRunQueues = ['default', WEBHOOKS_QUEUE]
const { autoRunCron } = readJobsEnvironment()

const adminOnly = ({ req }: { req: PayloadRequest }): boolean => can(req.user, 'administer')

export const jobsConfig: JobsConfig = {
  // Payload lets any signed-in user queue, run and cancel jobs over the API by default: admins only.
  access: { cancel: adminOnly, queue: adminOnly, run: adminOnly },
  autoRun: autoRunCron ? autoRunQueues.map((queue) => ({ cron: autoRunCron, limit: 10, queue })) : undefined,
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
