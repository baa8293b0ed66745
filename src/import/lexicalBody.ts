import { randomBytes } from 'node:crypto'

import { FOOTNOTE_BLOCK } from '../fields/footnoteBlock'
import type { BodyBlock } from './types'

type TextNode = { detail: 0; format: 0; mode: 'normal'; style: ''; text: string; type: 'text'; version: 1 }

/** A footnote marker as the admin UI saves one: the `footnote` inline block holding the note's text. */
type FootnoteNode = { fields: { blockName: ''; blockType: typeof FOOTNOTE_BLOCK; id: string; text: string }; type: 'inlineBlock'; version: 1 }

type BlockNode = {
  children: (FootnoteNode | TextNode)[]
  direction: 'ltr'
  format: ''
  indent: 0
  tag?: 'h2'
  textFormat?: 0
  textStyle?: ''
  type: 'heading' | 'paragraph'
  version: 1
}

/** The editor state Payload's Lexical field stores: a root holding the blocks. */
export type LexicalBody = {
  root: { children: BlockNode[]; direction: 'ltr'; format: ''; indent: 0; type: 'root'; version: 1 }
}

const textNode = (text: string): TextNode => ({ detail: 0, format: 0, mode: 'normal', style: '', text, type: 'text', version: 1 })

const footnoteNode = (text: string): FootnoteNode => ({
  // An id like the admin UI gives a block (24 hexadecimal digits).
  fields: { blockName: '', blockType: FOOTNOTE_BLOCK, id: randomBytes(12).toString('hex'), text },
  type: 'inlineBlock',
  version: 1,
})

/** A block's text and its notes, each note where its marker stood. */
function inlineNodes(block: BodyBlock): (FootnoteNode | TextNode)[] {
  const nodes: (FootnoteNode | TextNode)[] = []
  let from = 0
  for (const note of block.notes ?? []) {
    if (note.at > from) nodes.push(textNode(block.text.slice(from, note.at)))
    nodes.push(footnoteNode(note.text))
    from = note.at
  }
  if (from < block.text.length || nodes.length === 0) nodes.push(textNode(block.text.slice(from)))
  return nodes
}

/**
 * The article body as a Lexical editor state, the way the admin UI saves
 * one: each numbered heading an h2 (its numbering kept as printed, part of
 * the text), each paragraph a paragraph, text unchanged, and each note of
 * the old page a footnote at the point of its marker.
 */
export function lexicalBody(blocks: readonly BodyBlock[]): LexicalBody {
  const children = blocks.map((block): BlockNode => {
    const common = { children: inlineNodes(block), direction: 'ltr' as const, format: '' as const, indent: 0 as const, version: 1 as const }
    return block.kind === 'heading'
      ? { ...common, tag: 'h2', type: 'heading' }
      : { ...common, textFormat: 0, textStyle: '', type: 'paragraph' }
  })
  return { root: { children, direction: 'ltr', format: '', indent: 0, type: 'root', version: 1 } }
}

type StoredNode = { children?: StoredNode[]; fields?: { blockType?: unknown; text?: unknown }; tag?: string; text?: string; type?: string }

const isFootnote = (node: StoredNode) => node.type === 'inlineBlock' && node.fields?.blockType === FOOTNOTE_BLOCK

/**
 * A stored body read back as blocks, to tell whether a page changed since it
 * was imported: a footnote counts by its text and place. Anything other
 * than plain paragraphs and h2 headings of text and footnotes (an image, a
 * list, another heading level) comes back as a block of its own kind, so it
 * never compares equal to a page's text.
 */
export function bodyBlocks(value: unknown): { kind: string; text: string }[] {
  const root = (value as { root?: StoredNode } | null | undefined)?.root
  const textOf = (node: StoredNode): string => {
    if (isFootnote(node)) return `\u0000${String(node.fields?.text ?? '')}\u0000`
    return typeof node.text === 'string' ? node.text : (node.children ?? []).map(textOf).join('')
  }
  return (root?.children ?? []).map((node) => {
    const plain = (node.children ?? []).every((child) => child.type === 'text' || isFootnote(child))
    if (node.type === 'paragraph' && plain) return { kind: 'paragraph', text: textOf(node) }
    if (node.type === 'heading' && node.tag === 'h2' && plain) return { kind: 'heading', text: textOf(node) }
    return { kind: `other:${node.type ?? 'unknown'}`, text: textOf(node) }
  })
}
