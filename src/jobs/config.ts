import type { JobsConfig, TaskConfig } from 'payload'

/**
 * Background work run by Payload's jobs queue inside the server process.
 * Each feature registers its tasks here.
 */
const tasks: TaskConfig[] = []

export const jobsConfig: JobsConfig = {
  tasks,
}
