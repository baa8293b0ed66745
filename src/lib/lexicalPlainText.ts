type LexicalNode = { children?: LexicalNode[]; text?: string; type?: string }
type LexicalState = { root?: LexicalNode } | null | undefined

const BLOCK_TYPES = new Set(['heading', 'listitem', 'paragraph', 'quote', 'upload'])

/** The text of a Lexical rich-text value, blocks separated by new lines. */
export function lexicalPlainText(state: LexicalState): string {
  const parts: string[] = []
  const visit = (node: LexicalNode) => {
    if (typeof node.text === 'string') parts.push(node.text)
    node.children?.forEach(visit)
    if (node.type && BLOCK_TYPES.has(node.type)) parts.push('\n')
  }
  if (state?.root) visit(state.root)
  return parts.join('').trim()
}
