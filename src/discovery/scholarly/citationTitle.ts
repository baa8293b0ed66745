import { fullTitle } from '../../lib/fullTitle'
import type { ArticleRecord } from './articleRecord'

/** The title a reference gives: the title and the subtitle together (src/lib/fullTitle.ts), or the title alone. */
export function citationTitle(record: Pick<ArticleRecord, 'language' | 'subtitle' | 'title'>): string {
  return fullTitle(record.title, record.subtitle, record.language)
}
