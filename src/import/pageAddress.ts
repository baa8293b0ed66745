import { parse } from 'node-html-parser'

/** The comment a browser writes at the top of a page it saves: `<!-- saved from url=(0060)http://… -->`. */
const SAVED_FROM = /<!--\s*saved from url=\(\d+\)\s*(\S+?)\s*-->/i

/**
 * The address the old site served a saved HTML page at, as the page gives
 * it: its canonical link (`<link rel="canonical">`), else its `og:url`, else
 * the address the browser noted when saving it. Undefined when it gives none
 * (a page saved as text never does).
 */
export function pageAddress(html: string): string | undefined {
  const head = parse(html.slice(0, 64 * 1024), { comment: false })
  for (const link of head.querySelectorAll('link')) {
    const rel = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/)
    const href = link.getAttribute('href')?.trim()
    if (rel.includes('canonical') && href) return href
  }
  for (const meta of head.querySelectorAll('meta')) {
    const property = (meta.getAttribute('property') ?? meta.getAttribute('name') ?? '').toLowerCase()
    const content = meta.getAttribute('content')?.trim()
    if (property === 'og:url' && content) return content
  }
  return SAVED_FROM.exec(html.slice(0, 4096))?.[1]
}
