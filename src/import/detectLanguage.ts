import type { PageLocale } from './types'

const HAN = /\p{Script=Han}/gu
const LATIN_LETTER = /\p{Script=Latin}/gu

/**
 * The language a page's article is written in: Chinese when Chinese
 * characters are a good share of its letters (a Chinese character carries
 * about as much as a short English word, and Chinese articles quote English
 * names and acronyms), English otherwise.
 */
export function detectLanguage(text: string): PageLocale {
  const han = text.match(HAN)?.length ?? 0
  const latin = text.match(LATIN_LETTER)?.length ?? 0
  return han * 3 >= latin ? (han > 0 ? 'zh' : 'en') : 'en'
}
