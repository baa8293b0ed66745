import type { CollectionBeforeChangeHook } from 'payload'

import { lexicalPlainText } from '../../../src/lib/lexicalPlainText'
import { countWords, readingMinutes } from '../../../src/lib/textStatistics'
import type { Article } from '../../../src/payload-types'

/**
 * Word count and reading time of the language being saved, from its lead and
 * body: Chinese counted by characters, English by words.
 */
export const computeReadingStats: CollectionBeforeChangeHook<Article> = ({ data }) => {
  if (typeof data.lead !== 'string' && typeof data.lead !== 'undefined' && data.lead !== null) return data
  const text = [data.lead ?? '', lexicalPlainText(data.body as never)].join('\n')
  return { ...data, readingTime: readingMinutes(text), wordCount: countWords(text) }
}
