import type { ArrayField } from 'payload'

/**
 * `notes`: the article's footnotes in the language served, numbered in
 * order of appearance, with their anchors. Never stored: made from the body
 * on every read (src/notes/hooks.ts), left out when the body has no notes.
 * Editors write notes in the body itself; the admin UI does not show this list.
 */
export const notesField: ArrayField = {
  name: 'notes',
  type: 'array',
  admin: { disabled: true },
  fields: [
    { name: 'number', type: 'number', required: true },
    { name: 'anchor', type: 'text', required: true },
    { name: 'referenceAnchor', type: 'text', required: true },
    { name: 'text', type: 'textarea', required: true },
  ],
  localized: true,
  virtual: true,
}
