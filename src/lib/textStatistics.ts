const HAN_CHARACTER = /\p{Script=Han}/gu
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu

/** Reading speeds: English words and Chinese characters per minute. */
const ENGLISH_WORDS_PER_MINUTE = 230
const CHINESE_CHARACTERS_PER_MINUTE = 400

/**
 * Counts what a reader reads: every Chinese character counts as one (Chinese
 * has no spaces between words), and runs of other letters or digits count as
 * one word each.
 */
export function countWords(text: string): number {
  const han = text.match(HAN_CHARACTER)?.length ?? 0
  const rest = text.replace(HAN_CHARACTER, ' ').match(WORD)?.length ?? 0
  return han + rest
}

/** Minutes to read the text, rounded up; 0 for an empty text. */
export function readingMinutes(text: string): number {
  const han = text.match(HAN_CHARACTER)?.length ?? 0
  const words = text.replace(HAN_CHARACTER, ' ').match(WORD)?.length ?? 0
  const minutes = han / CHINESE_CHARACTERS_PER_MINUTE + words / ENGLISH_WORDS_PER_MINUTE
  return minutes === 0 ? 0 : Math.max(1, Math.ceil(minutes))
}
