import type { BodyBlock } from './types'

type TextNode = { detail: 0; format: 0; mode: 'normal'; style: ''; text: string; type: 'text'; version: 1 }

type BlockNode = {
  children: TextNode[]
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

/**
 * The article body as a Lexical editor state, the way the admin UI saves
 * one: each numbered heading an h2 (its numbering kept as printed, part of
 * the text), each paragraph a paragraph, text unchanged.
 */
export function lexicalBody(blocks: readonly BodyBlock[]): LexicalBody {
  const children = blocks.map((block): BlockNode => {
    const common = { children: [textNode(block.text)], direction: 'ltr' as const, format: '' as const, indent: 0 as const, version: 1 as const }
    return block.kind === 'heading'
      ? { ...common, tag: 'h2', type: 'heading' }
      : { ...common, textFormat: 0, textStyle: '', type: 'paragraph' }
  })
  return { root: { children, direction: 'ltr', format: '', indent: 0, type: 'root', version: 1 } }
}

type StoredNode = { children?: StoredNode[]; tag?: string; text?: string; type?: string }

/**
 * A stored body read back as blocks, to tell whether a page changed since it
 * was imported. Anything other than plain paragraphs and h2 headings (an
 * image, a list, another heading level) comes back as a block of its own
 * kind, so it never compares equal to a page's text.
 */
export function bodyBlocks(value: unknown): { kind: string; text: string }[] {
  const root = (value as { root?: StoredNode } | null | undefined)?.root
  const textOf = (node: StoredNode): string => (typeof node.text === 'string' ? node.text : (node.children ?? []).map(textOf).join(''))
  return (root?.children ?? []).map((node) => {
    const plain = (node.children ?? []).every((child) => child.type === 'text')
    if (node.type === 'paragraph' && plain) return { kind: 'paragraph', text: textOf(node) }
    if (node.type === 'heading' && node.tag === 'h2' && plain) return { kind: 'heading', text: textOf(node) }
    return { kind: `other:${node.type ?? 'unknown'}`, text: textOf(node) }
  })
}
