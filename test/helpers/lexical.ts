/**
 * Lexical rich-text values as the admin UI saves them, built from plain
 * paragraphs and headings, and read back into the same simple blocks.
 */

export type HeadingTag = 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6'

/** One block of text: a paragraph, or a heading of the given level. */
export type TextBlock = { tag: HeadingTag; text: string } | { text: string; tag?: undefined }

type LexicalTextNode = {
  detail: 0
  format: 0
  mode: 'normal'
  style: ''
  text: string
  type: 'text'
  version: 1
}

type LexicalBlockNode = {
  children: LexicalTextNode[]
  direction: 'ltr'
  format: ''
  indent: 0
  tag?: HeadingTag
  textFormat?: 0
  textStyle?: ''
  type: 'heading' | 'paragraph'
  version: 1
}

export type LexicalDocument = {
  root: {
    children: LexicalBlockNode[]
    direction: 'ltr'
    format: ''
    indent: 0
    type: 'root'
    version: 1
  }
}

function textNode(text: string): LexicalTextNode {
  return { detail: 0, format: 0, mode: 'normal', style: '', text, type: 'text', version: 1 }
}

export function paragraph(text: string): TextBlock {
  return { text }
}

export function heading(tag: HeadingTag, text: string): TextBlock {
  return { tag, text }
}

/** A Lexical document with one node per block, the text kept exactly as given. */
export function lexicalDocument(blocks: readonly (string | TextBlock)[]): LexicalDocument {
  const children = blocks.map((entry): LexicalBlockNode => {
    const block = typeof entry === 'string' ? paragraph(entry) : entry
    const common: Omit<LexicalBlockNode, 'type'> = { children: [textNode(block.text)], direction: 'ltr', format: '', indent: 0, version: 1 }
    return block.tag
      ? { ...common, tag: block.tag, type: 'heading' }
      : { ...common, textFormat: 0, textStyle: '', type: 'paragraph' }
  })
  return { root: { children, direction: 'ltr', format: '', indent: 0, type: 'root', version: 1 } }
}

type StoredNode = { children?: StoredNode[]; tag?: string; text?: string; type?: string }

/**
 * The top-level blocks of a stored Lexical value: each heading or paragraph
 * with its text (the text of its text nodes joined), in document order.
 * Other node types come back with their type, so a test sees them too.
 */
export function lexicalBlocks(value: unknown): { tag?: string; text: string; type: string }[] {
  const root = (value as { root?: StoredNode } | null | undefined)?.root
  const textOf = (node: StoredNode): string =>
    typeof node.text === 'string' ? node.text : (node.children ?? []).map(textOf).join('')
  return (root?.children ?? []).map((node) => ({
    ...(node.type === 'heading' ? { tag: node.tag } : {}),
    text: textOf(node),
    type: node.type ?? 'unknown',
  }))
}
