import { PUBLISHED } from '../../policy/readerVisibility'
import type { Article } from '../../payload-types'
import { articlesPerFile, type SitemapContext } from './sitemapContext'

/**
 * Oldest first, the id breaking ties: new articles land in the last file,
 * so the earlier files (and their lastmod) stay as they were.
 */
export const OLDEST_FIRST = ['publishedAt', 'id']

/** Articles read per query when the whole list is walked through. */
const BATCH = 2000

export type ArticleFacts = Pick<Article, 'authors' | 'id' | 'section' | 'updatedAt'>

/** What the sitemap index and the section and author sitemaps need to know of the published articles. */
export type ArticleScan = {
  /** Per author id, the newest update among their published articles. */
  authorUpdates: Map<string, string>
  /** Per article sitemap file (the first is file 1), the newest update among its articles. */
  fileUpdates: string[]
  /** Per section id, the newest update among the published articles filed directly in it. */
  sectionUpdates: Map<string, string>
}

function later(a: string | undefined, b: string): string {
  return a !== undefined && Date.parse(a) >= Date.parse(b) ? a : b
}

function idOf(value: unknown): string | undefined {
  if (typeof value === 'string' || typeof value === 'number') return String(value)
  if (value && typeof value === 'object' && 'id' in value) return idOf((value as { id: unknown }).id)
  return undefined
}

/**
 * Walks through every published article (as an anonymous reader, a few
 * fields each, in sitemap order) and gathers the newest update per article
 * file, per section and per author.
 */
export async function scanPublishedArticles(context: SitemapContext): Promise<ArticleScan> {
  const perFile = articlesPerFile(context)
  const scan: ArticleScan = { authorUpdates: new Map(), fileUpdates: [], sectionUpdates: new Map() }
  let position = 0
  for (let page = 1; ; page += 1) {
    const result = await context.payload.find({
      collection: 'articles',
      depth: 0,
      limit: BATCH,
      overrideAccess: false,
      page,
      select: { authors: true, section: true, updatedAt: true },
      sort: OLDEST_FIRST,
      where: PUBLISHED,
    })
    for (const article of result.docs as ArticleFacts[]) {
      const file = Math.floor(position / perFile)
      scan.fileUpdates[file] = later(scan.fileUpdates[file], article.updatedAt)
      const section = idOf(article.section)
      if (section) scan.sectionUpdates.set(section, later(scan.sectionUpdates.get(section), article.updatedAt))
      for (const author of article.authors ?? []) {
        const id = idOf(author)
        if (id) scan.authorUpdates.set(id, later(scan.authorUpdates.get(id), article.updatedAt))
      }
      position += 1
    }
    if (!result.hasNextPage) break
  }
  return scan
}
