import type { CollectionBeforeChangeHook } from 'payload'

import { lexicalPlainText } from '../../../src/lib/lexicalPlainText'
import type { Article } from '../../../src/payload-types'

const hasText = (value: unknown): boolean => typeof value === 'string' && value.trim() !== ''
const hasItems = (value: unknown): boolean => Array.isArray(value) && value.length > 0

/** True when an article holds nothing a person wrote or chose: no title, text, authors, section or image. */
export function isBlankArticle(data: Partial<Article>): boolean {
  return (
    ![data.title, data.subtitle, data.lead, data.authorNote].some(hasText) &&
    !lexicalPlainText(data.body as Parameters<typeof lexicalPlainText>[0]) &&
    !hasItems(data.keywords) &&
    !hasItems(data.authors) &&
    !data.section &&
    !data.featuredImage
  )
}

/**
 * "Create New" in the admin UI stores a draft at once (autosave needs a
 * document to save to). Such a draft is marked blank until the first save
 * after it, which the admin UI makes only once the editor has changed
 * something. Blank drafts are left out of the admin UI's lists and the
 * editorial desk, and removed after a day (collections/Articles/jobs/removeBlankDrafts.ts).
 */
export const markBlankDraft: CollectionBeforeChangeHook<Article> = ({ data, operation }) => ({
  ...data,
  blankDraft: operation === 'create' && data._status !== 'published' && isBlankArticle(data),
})
