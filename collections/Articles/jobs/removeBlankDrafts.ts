import type { Payload, TaskConfig, Where } from 'payload'

/** How long a blank draft is kept: an editor who opened "Create New" and left the tab open can still start writing. */
export const BLANK_DRAFT_LIFETIME_MS = 24 * 60 * 60 * 1000

export const REMOVE_BLANK_DRAFTS_TASK = 'removeBlankDrafts'

/** Drafts made by "Create New" and never saved since (see collections/Articles/hooks/markBlankDraft.ts). */
export const NOT_BLANK: Where = { blankDraft: { not_equals: true } }

/**
 * Deletes the articles whose latest version is a blank draft last saved
 * before `before` (a day ago by default), with their versions; returns how
 * many. Drafts are saved as versions only, so the latest version is what
 * counts, not the article's own record. Run hourly by the jobs queue.
 */
export async function removeBlankDrafts(payload: Payload, before = new Date(Date.now() - BLANK_DRAFT_LIFETIME_MS)): Promise<number> {
  let removed = 0
  for (;;) {
    const { docs } = await payload.find({
      collection: 'articles',
      depth: 0,
      draft: true,
      limit: 100,
      overrideAccess: true,
      select: { blankDraft: true },
      where: { and: [{ blankDraft: { equals: true } }, { updatedAt: { less_than: before.toISOString() } }] },
    })
    if (docs.length === 0) break
    const { docs: deleted, errors } = await payload.delete({
      collection: 'articles',
      depth: 0,
      overrideAccess: true,
      select: { blankDraft: true },
      where: { id: { in: docs.map((doc) => doc.id) } },
    })
    for (const error of errors) payload.logger.warn(`Could not remove the blank draft ${error.id}: ${error.message}`)
    removed += deleted.length
    if (deleted.length === 0) break
  }
  if (removed > 0) payload.logger.info(`Removed ${removed} blank article draft(s) made by "Create New" and never written in`)
  return removed
}

/** The hourly task of the jobs queue (src/jobs/config.ts). */
export const removeBlankDraftsTask: TaskConfig = {
  slug: REMOVE_BLANK_DRAFTS_TASK,
  handler: async ({ req }) => {
    await removeBlankDrafts(req.payload)
    return { output: {} }
  },
  retries: 0,
  // At minute 17 of every hour (seconds first).
  schedule: [{ cron: '0 17 * * * *', queue: 'default' }],
}
