import type { TaskConfig } from 'payload'

import type { JobsEnvironment } from '../settings/environment'
import { repairDerivedData } from './repairDerivedData'

export const REPAIR_TASK = 'repairDerivedData' as const

/**
 * The repair of derived data as a job of the default queue, scheduled by
 * DERIVED_DATA_REPAIR_CRON (daily by default): a server that was killed in
 * the middle of a save heals by itself, not only when someone runs
 * `npm run reindex`.
 */
export function repairDerivedDataTask({ repairCron }: Pick<JobsEnvironment, 'repairCron'>): TaskConfig<'repairDerivedData'> {
  return {
    handler: async ({ req }) => {
      const report = await repairDerivedData(req.payload)
      return { output: { repaired: report.searchIndex.rebuilt || report.tombstones.removed + report.tombstones.written > 0 } }
    },
    outputSchema: [{ name: 'repaired', type: 'checkbox' }],
    retries: 1,
    schedule: repairCron ? [{ cron: repairCron, queue: 'default' }] : undefined,
    slug: REPAIR_TASK,
  }
}
