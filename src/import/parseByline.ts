export type Byline = { authors: string[]; title: string }

/** "Yuan Zheng", "Mary O’Neill-Smith", "Jean-Pierre de la Tour": two to six words, the first capitalised. */
const LATIN_NAME = /^\p{Lu}[\p{L}.'’-]*(?:\s+[\p{L}.'’-]+){1,5}$/u
/** "袁征", "阿卜杜拉·马赫迪": Chinese characters, with the middle dot of transcribed foreign names. */
const CHINESE_NAME = /^[\p{Script=Han}·•]{2,15}$/u

/** " By A", " By A and B", " By A, B and C", " By A, B, and C" at the end of a title line (the last " By "). */
const ENGLISH_BYLINE = /^(.*\S)\s+By\s+(.+?)\s*$/
/** A byline on a line of its own. */
const ENGLISH_BYLINE_LINE = /^By\s+(.+?)\s*$/
/** "作者：袁征", "作者:袁征 李明", "文/袁征", "文／袁征、李明", after the title or on a line of its own. */
const CHINESE_BYLINE = /^(.*?)\s*(?:作\s*者\s*[:：]|撰\s*文\s*[:：]|文\s*[/／])\s*(.+?)\s*$/

function englishNames(printed: string): string[] | undefined {
  const names = printed
    .split(/\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*/)
    .map((name) => name.trim())
    .filter(Boolean)
  return names.length > 0 && names.every((name) => LATIN_NAME.test(name)) ? names : undefined
}

function chineseNames(printed: string): string[] | undefined {
  const names = printed
    .split(/[、，,;；\s]+/)
    .map((name) => name.trim())
    .filter(Boolean)
  return names.length > 0 && names.every((name) => CHINESE_NAME.test(name) || LATIN_NAME.test(name)) ? names : undefined
}

/**
 * Splits a title line into the title and its byline: "The US-Japan Alliance
 * and the Sino-Japanese Relations By Yuan Zheng", "… By A and B", "… By A, B
 * and C", "美日同盟与中日关系 作者：袁征", "… 文/袁征、李明". Without a byline
 * the whole line is the title and `authors` is empty.
 */
export function parseByline(line: string): Byline {
  const chinese = CHINESE_BYLINE.exec(line)
  if (chinese) {
    const authors = chineseNames(chinese[2])
    if (authors) return { authors, title: chinese[1].trim() }
  }
  const english = ENGLISH_BYLINE.exec(line)
  if (english) {
    const authors = englishNames(english[2])
    if (authors) return { authors, title: english[1].trim() }
  }
  return { authors: [], title: line.trim() }
}

/** The authors of a byline printed on a line of its own ("By Yuan Zheng", "作者：袁征"), or undefined. */
export function parseBylineLine(line: string): string[] | undefined {
  const chinese = CHINESE_BYLINE.exec(line)
  if (chinese && !chinese[1]) return chineseNames(chinese[2])
  const english = ENGLISH_BYLINE_LINE.exec(line)
  return english ? englishNames(english[1]) : undefined
}
