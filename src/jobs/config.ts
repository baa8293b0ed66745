import type { JobsConfig, PayloadRequest, TaskConfig } from 'payload'

import { importTask } from '../import/importTask'
import { readJobsEnvironment, readWebhookEnvironment } from '../lib/environment'
import { hasRole } from '../lib/roles'
import { removeBlankDraftsTask } from './removeBlankDrafts'
import { deliverWebhookTask } from '../webhooks/deliverWebhookTask'
import { WEBHOOKS_QUEUE } from '../webhooks/events'

/**
 * Background work run by Payload's jobs queue inside the server process.
 * Each feature registers its tasks here.
 */
const tasks: TaskConfig[] = [deliverWebhookTask(readWebhookEnvironment()), importTask, removeBlankDraftsTask]

/**
 * The queues the server runs by itself, each on its own schedule entry so a
 * long job on one never holds up the others (webhook deliveries wait for
 * nothing but their retry time). JOBS_AUTORUN_CRON sets how often; `off`
 * leaves them to another process. The server starts them with Payload
 * (src/server.ts) and they stop with `payload.destroy()`.
 */
const autoRunQueues = ['default', WEBHOOKS_QUEUE]
const { autoRunCron } = readJobsEnvironment()

const adminOnly = ({ req }: { req: PayloadRequest }): boolean => hasRole(req.user, 'admin')

export const jobsConfig: JobsConfig = {
  // Payload lets any signed-in user queue, run and cancel jobs over the API by default: admins only.
  access: { cancel: adminOnly, queue: adminOnly, run: adminOnly },
  autoRun: autoRunCron ? autoRunQueues.map((queue) => ({ cron: autoRunCron, limit: 10, queue })) : undefined,
  tasks,
}
