import type { ArticleRecord } from './articleRecord'

/**
 * The title a reference gives: the title and the subtitle together, joined as
 * each language does it ("Title: Subtitle"; "标题——副标题"), or the title
 * alone. JSON-LD keeps them apart (`headline`, `alternativeHeadline`).
 */
export function citationTitle(record: Pick<ArticleRecord, 'language' | 'subtitle' | 'title'>): string {
  if (!record.subtitle) return record.title
  if (record.language === 'zh') return `${record.title}——${record.subtitle}`
  return /[:?!.]$/.test(record.title) ? `${record.title} ${record.subtitle}` : `${record.title}: ${record.subtitle}`
}
