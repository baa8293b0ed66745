import { type CollectionBeforeChangeHook, type PayloadRequest } from 'payload'

import { can, writesOwnArticlesOnly } from '../../../src/policy/roles'
import type { Article } from '../../../src/payload-types'
import { ClientError } from '../../../src/http/clientError'

export const WORKFLOW_STATUSES = ['draft', 'in-review', 'changes-requested', 'scheduled', 'published'] as const
/**
 * Set in `context` by collections/Articles/jobs/scheduledArticles.ts, the one caller that marks an
 * article `scheduled` (true) or, its last schedule cancelled, back `in-review` ("cancelled").
 */
export const WORKFLOW_SCHEDULING = 'workflowScheduling'

export type WorkflowStatus = (typeof WORKFLOW_STATUSES)[number]

type ReviewComment = NonNullable<Article['reviewComments']>[number]

const forbidden = (message: string) => new ClientError(message, 403)
const invalid = (message: string) => new ClientError(message, 400)

/** Moves people may ask for; `published` and `scheduled` follow from publishing itself. */
const REQUESTABLE: Record<'changes-requested' | 'draft' | 'in-review', { from: WorkflowStatus[]; publishersOnly: boolean }> = {
  'changes-requested': { from: ['in-review'], publishersOnly: true },
  draft: { from: ['in-review', 'changes-requested', 'published', 'scheduled'], publishersOnly: false },
  'in-review': { from: ['draft', 'changes-requested'], publishersOnly: false },
}

function stampNewComments(comments: ReviewComment[], before: number, req: PayloadRequest): ReviewComment[] {
  const now = new Date().toISOString()
  return comments.map((comment, index) =>
    index < before ? comment : { ...comment, author: req.user?.id ?? null, date: now },
  )
}

/**
 * The review workflow, checked on the server whoever calls: contributors never
 * publish; `draft` → `in-review` (the article's contributor or an editor) →
 * `changes-requested` (editors, with a new review comment) or published.
 * Requests from a signed-in user are checked; Local API calls without one
 * (imports) only get the derived status; scheduled jobs run as the editor
 * who scheduled them.
 */
export const enforceWorkflow: CollectionBeforeChangeHook<Article> = ({ context, data, operation, originalDoc, req }) => {
  const user = req.user
  const before: WorkflowStatus = (operation === 'update' && originalDoc?.workflowStatus) || 'draft'
  const requested = data.workflowStatus ?? before
  const oldComments = (operation === 'update' && originalDoc?.reviewComments) || []
  const comments = data.reviewComments ?? oldComments

  if (user && writesOwnArticlesOnly(user)) {
    if (data._status === 'published') {
      throw forbidden('Contributors cannot publish articles: submit the draft for review (workflowStatus "in-review") and an editor will publish it')
    }
    const unpublishing = originalDoc?._status === 'published' && data._status === 'draft' && req.query?.draft !== 'true'
    if (operation === 'update' && unpublishing) {
      throw forbidden('Contributors cannot unpublish articles: ask an editor')
    }
    if (comments.length !== oldComments.length) {
      throw forbidden('Only editors write review comments')
    }
  }

  if (data._status === 'published') return { ...data, workflowStatus: 'published' }
  if (context[WORKFLOW_SCHEDULING] === true) return { ...data, workflowStatus: 'scheduled' }
  if (context[WORKFLOW_SCHEDULING] === 'cancelled') return { ...data, workflowStatus: 'in-review' }
  // Unpublishing (by hand or by a scheduled job); drafts saved over a published article (`?draft=true`) keep `published`.
  if (before === 'published' && requested === 'published' && data._status === 'draft' && req.query?.draft !== 'true') {
    return { ...data, workflowStatus: 'draft' }
  }

  if (requested !== before && user) {
    if (requested === 'published' || requested === 'scheduled') {
      throw invalid(`workflowStatus "${requested}" follows from publishing or scheduling the article and cannot be set directly`)
    }
    const rule = REQUESTABLE[requested]
    if (rule.publishersOnly && !can(user, 'publish')) {
      throw forbidden(`Only editors may move an article to "${requested}"`)
    }
    if (!rule.from.includes(before)) {
      throw invalid(`An article cannot move from "${before}" to "${requested}"`)
    }
    if (requested === 'changes-requested' && comments.length <= oldComments.length) {
      throw invalid('Sending an article back needs a review comment: add one to reviewComments saying what should change')
    }
  }

  const result = { ...data, workflowStatus: requested }
  if (data.reviewComments && user) result.reviewComments = stampNewComments(data.reviewComments, oldComments.length, req)
  return result
}
