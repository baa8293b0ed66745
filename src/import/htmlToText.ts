import { HTMLElement, NodeType, parse, type Node } from 'node-html-parser'

/** Elements whose content is never page text. */
const SKIPPED = new Set(['head', 'script', 'style', 'noscript', 'template', 'iframe', 'object', 'svg', 'canvas', 'select', 'button'])

/** Elements that start a new line of text, as a browser lays them out and saves them as text. */
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'html', 'li', 'main',
  'nav', 'ol', 'p', 'pre', 'section', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
])

export type HtmlText = {
  /** False when the markup stops before `</body>` or `</html>`: the page was saved or copied incompletely. */
  complete: boolean
  /** The page's text, one line per block, the way a browser saves the page as text. */
  text: string
}

/**
 * The text of a saved HTML page, laid out as the browser's "Save as… Text"
 * does (one line per paragraph, heading or table row, entities decoded, runs
 * of white space as one space), so that the HTML and the text of the same
 * page read into the same article.
 */
export function htmlToText(html: string): HtmlText {
  // The parser would keep a doctype or an XML declaration as text.
  const markup = html.replace(/<!doctype[^>]*>/gi, '').replace(/<\?xml[^>]*\?>/gi, '')
  const root = parse(markup, { blockTextElements: { pre: true, script: false, style: false }, comment: false })
  const lines: string[] = []
  let current = ''
  const breakLine = () => {
    if (current.trim()) lines.push(current.trim())
    current = ''
  }
  const visit = (node: Node) => {
    if (node.nodeType === NodeType.TEXT_NODE) {
      current += node.text.replace(/[\s\u00a0]+/g, ' ')
      return
    }
    if (!(node instanceof HTMLElement)) return
    const tag = node.tagName?.toLowerCase() ?? ''
    if (SKIPPED.has(tag)) return
    if (tag === 'br') return breakLine()
    const block = BLOCKS.has(tag)
    if (block) breakLine()
    node.childNodes.forEach(visit)
    if (block) breakLine()
  }
  visit(root)
  breakLine()
  return { complete: /<\/(body|html)\s*>/i.test(html), text: lines.join('\n\n') }
}
