import type { OpenApiPart } from '../openapi/parts'

/** The notes' part of the OpenAPI document: the shape of one note (the `Article` schema lists them as `notes`). */
export const notesOpenApi: OpenApiPart = {
  schemas: {
    ArticleNote: {
      description:
        'A footnote of the article body, numbered in order of appearance. The marker in the body (an `inlineBlock` node whose `fields.blockType` is `footnote`) carries the same `number`, `anchor` and `referenceAnchor` in its `fields`.',
      properties: {
        anchor: { description: 'The note\'s anchor, e.g. `note-1`: the id of the note at the end of the page, where the marker links to.', type: 'string' },
        id: { description: 'The id of the marker\'s node in the body; stays the same when notes before it are added or removed.', type: 'string' },
        number: { minimum: 1, type: 'integer' },
        referenceAnchor: { description: 'The marker\'s anchor, e.g. `note-1-ref`: the id of the marker in the text, where the note links back to.', type: 'string' },
        text: { description: 'The note as plain text.', type: 'string' },
      },
      required: ['id', 'number', 'anchor', 'referenceAnchor', 'text'],
      type: 'object',
    },
  },
}
