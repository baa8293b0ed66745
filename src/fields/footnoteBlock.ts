import type { Block } from 'payload'

/** The inline block's slug: `fields.blockType` of a note's node in the stored body. */
export const FOOTNOTE_BLOCK = 'footnote'

/** The longest note, in characters: a note is a sentence or a source, not a second article. */
export const MAX_FOOTNOTE_LENGTH = 4000

/**
 * A footnote, inserted at a point of the article body as an inline block
 * (type "/" in the body, then "Footnote"): the marker stands where the
 * editor put it, the note's own text is this block's `text`. The body is
 * localized, so each language has its own notes. The website gets them
 * numbered in order of appearance, with anchors (src/notes/).
 */
export const footnoteBlock: Block = {
  slug: FOOTNOTE_BLOCK,
  fields: [
    {
      name: 'text',
      type: 'textarea',
      admin: { description: 'The note as readers see it at the end of the article. Numbers are given by the order of the notes in the text.' },
      label: 'Note',
      maxLength: MAX_FOOTNOTE_LENGTH,
      required: true,
    },
  ],
  interfaceName: 'FootnoteBlock',
  labels: { plural: 'Footnotes', singular: 'Footnote' },
}
