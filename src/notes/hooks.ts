import type { CollectionAfterReadHook, CollectionBeforeChangeHook } from 'payload'

import { type ArticleNote, isEditorState, numberNotes, storedNotes } from './articleNotes'

/** Each language's body of a value read in one language (an editor state) or in all (`{ en, zh }`). */
function bodiesOf(body: unknown): [string | undefined, unknown][] {
  if (isEditorState(body)) return [[undefined, body]]
  if (typeof body !== 'object' || body === null) return []
  return Object.entries(body)
}

/**
 * On every read that carries the body: the markers in it are numbered in
 * order of appearance (src/notes/articleNotes.ts) and `notes` lists the
 * notes with the same numbers and anchors; per language with locale=all.
 * An article without notes gets no `notes` at all, so its answers are what
 * they were before notes existed. Lists (which carry no body) carry none.
 */
export const numberArticleNotes: CollectionAfterReadHook = ({ doc }) => {
  if (!doc || typeof doc !== 'object') return doc
  delete doc.notes
  if (doc.body === undefined || doc.body === null) return doc
  const byLocale: Record<string, ArticleNote[]> = {}
  let single: ArticleNote[] | undefined
  for (const [locale, body] of bodiesOf(doc.body)) {
    const notes = numberNotes(body)
    if (notes.length === 0) continue
    if (locale === undefined) single = notes
    else byLocale[locale] = notes
  }
  if (single) doc.notes = single
  else if (Object.keys(byLocale).length > 0) doc.notes = byLocale
  return doc
}

/**
 * A body saved as it was read (the admin UI, or a client sending back an
 * article) keeps only each note's text; a space typed before a marker goes.
 */
export const storeNotesAsWritten: CollectionBeforeChangeHook = ({ data }) => {
  if (data && typeof data === 'object' && data.body) {
    for (const [, body] of bodiesOf(data.body)) storedNotes(body)
  }
  return data
}
