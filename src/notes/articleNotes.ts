import { FOOTNOTE_BLOCK } from '../fields/footnoteBlock'

/** A note as the website gets it: numbered in order of appearance, with the anchors of the note and of its marker. */
export type ArticleNote = {
  /** The id of the note's node in the body: stays the same when notes before it are added or removed. */
  id: string
  /** The note's own anchor (`note-3`): the id of the note in the list at the end of the page. */
  anchor: string
  /** 1, 2, 3… in the order the markers appear in the body. */
  number: number
  /** The marker's anchor (`note-3-ref`): the id of the marker in the text, for the link back. */
  referenceAnchor: string
  text: string
}

/** What a marker carries besides its note's text, filled in on every read and never stored. */
const NUMBERING_KEYS = ['anchor', 'number', 'referenceAnchor'] as const

type LexicalNode = { children?: LexicalNode[]; fields?: Record<string, unknown>; text?: string; type?: string }
type LexicalState = { root?: LexicalNode }

export const noteAnchor = (number: number) => `note-${number}`
export const referenceAnchor = (number: number) => `note-${number}-ref`

function isFootnote(node: LexicalNode): node is LexicalNode & { fields: Record<string, unknown> } {
  return node.type === 'inlineBlock' && typeof node.fields === 'object' && node.fields !== null && node.fields.blockType === FOOTNOTE_BLOCK
}

/** The footnote nodes of a body in document order (depth first, as the text reads). */
function footnoteNodes(state: unknown): (LexicalNode & { fields: Record<string, unknown> })[] {
  const found: (LexicalNode & { fields: Record<string, unknown> })[] = []
  const visit = (node: LexicalNode) => {
    if (isFootnote(node)) found.push(node)
    if (Array.isArray(node.children)) node.children.forEach(visit)
  }
  const root = (state as LexicalState | null | undefined)?.root
  if (root && typeof root === 'object') visit(root)
  return found
}

/** Whether a body value is one editor state (`{ root }`) rather than every language's (`{ en, zh }`, locale=all). */
export function isEditorState(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'root' in value
}

/**
 * Numbers the notes of one language's body in order of appearance: each
 * marker gets its number and both anchors in its `fields`, so that the
 * website renders `<sup id="note-1-ref"><a href="#note-1">1</a></sup>`
 * from the body alone, and the list of notes is returned for the page's end.
 */
export function numberNotes(state: unknown): ArticleNote[] {
  return footnoteNodes(state).map((node, index) => {
    const number = index + 1
    Object.assign(node.fields, { anchor: noteAnchor(number), number, referenceAnchor: referenceAnchor(number) })
    return {
      anchor: noteAnchor(number),
      id: String(node.fields.id ?? ''),
      number,
      referenceAnchor: referenceAnchor(number),
      text: typeof node.fields.text === 'string' ? node.fields.text : '',
    }
  })
}

/** A marker follows the word or punctuation it belongs to: the spaces before it go (the slash menu opens only after a space). */
function attachMarkers(node: LexicalNode): void {
  if (!Array.isArray(node.children)) return
  const children: LexicalNode[] = []
  for (const child of node.children) {
    const before = children.at(-1)
    if (isFootnote(child) && before?.type === 'text' && typeof before.text === 'string' && /\s$/.test(before.text)) {
      before.text = before.text.replace(/\s+$/, '')
      if (before.text === '') children.pop()
    }
    children.push(child)
    attachMarkers(child)
  }
  node.children = children
}

/**
 * A body as it is stored: the numbers and anchors a read filled in are
 * taken out of the markers (a body sent back as read keeps only each note's
 * text), and each marker stands right after the text it belongs to.
 */
export function storedNotes(state: unknown): void {
  const root = (state as LexicalState | null | undefined)?.root
  if (!root || typeof root !== 'object' || footnoteNodes(state).length === 0) return
  for (const node of footnoteNodes(state)) {
    for (const key of NUMBERING_KEYS) delete node.fields[key]
  }
  attachMarkers(root)
}
