import type { ArticleRecord } from './articleRecord'
import { citedDate } from './citedDate'

/**
 * A citation key that stays the same as long as the article's slug does:
 * the first author's slug, the cited year and the article's slug, e.g.
 * `yuan-zheng-2018-us-japan-alliance`. Unique, since article slugs are; the
 * same in both languages (both editions are one article with one slug);
 * lower-case letters, digits and hyphens only, so every BibTeX tool accepts it.
 */
export function citationKey(record: Pick<ArticleRecord, 'authors' | 'issue' | 'publishedAt' | 'slug'>): string {
  const parts = [record.authors[0]?.slug, String(citedDate(record).year), record.slug]
  return parts
    .filter((part): part is string => Boolean(part))
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
}
