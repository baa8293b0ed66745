import { randomBytes } from 'node:crypto'

/**
 * Article bodies with footnotes, as the admin UI saves them: paragraphs of
 * text and footnote markers (the `footnote` inline block), and the markers
 * read back from a body in document order.
 */

type TextPiece = { detail: 0; format: 0; mode: 'normal'; style: ''; text: string; type: 'text'; version: 1 }
type FootnotePiece = { fields: { blockName: ''; blockType: 'footnote'; id: string; text: string }; type: 'inlineBlock'; version: 1 }

/** A footnote marker with its note's text, at the point of a paragraph where it stands. */
export type Footnote = { note: string }

export const footnote = (note: string): Footnote => ({ note })

const piece = (part: Footnote | string): FootnotePiece | TextPiece =>
  typeof part === 'string'
    ? { detail: 0, format: 0, mode: 'normal', style: '', text: part, type: 'text', version: 1 }
    : { fields: { blockName: '', blockType: 'footnote', id: randomBytes(12).toString('hex'), text: part.note }, type: 'inlineBlock', version: 1 }

/** A marker node on its own, to put inside other nodes (a list item, a link). */
export const footnoteNode = (note: string) => piece(footnote(note))

/** A paragraph node of text and footnotes, in the order given. */
export function notedParagraph(...parts: (Footnote | string)[]) {
  return { children: parts.map(piece), direction: 'ltr', format: '', indent: 0, textFormat: 0, textStyle: '', type: 'paragraph', version: 1 }
}

/** A body of paragraphs, each a list of text and footnotes; or other nodes given as they are. */
export function notedBody(...paragraphs: ((Footnote | string)[] | Record<string, unknown>)[]) {
  const children = paragraphs.map((paragraph) => (Array.isArray(paragraph) ? notedParagraph(...paragraph) : paragraph))
  return { root: { children, direction: 'ltr', format: '', indent: 0, type: 'root', version: 1 } }
}

type Node = { children?: Node[]; fields?: Record<string, unknown>; type?: string }

/** The footnote markers of a body in document order: their `fields` as the answer carries them. */
export function markersOf(body: unknown): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = []
  const visit = (node: Node) => {
    if (node.type === 'inlineBlock' && node.fields?.blockType === 'footnote') found.push(node.fields)
    node.children?.forEach(visit)
  }
  const root = (body as { root?: Node } | null | undefined)?.root
  if (root) visit(root)
  return found
}
