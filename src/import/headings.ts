/** I to XXXIX, then a full stop (or the Chinese 、/．), with or without a space: "I. The …", "II.The …". */
const ROMAN_HEADING = /^(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})\s*[.．、]\s*(?=[\p{Lu}\p{N}\p{Script=Han}“"‘'(（])/u
/** 一、 to 二十九、: the Chinese numbering of an article's parts. */
const CHINESE_HEADING = /^[一二三四五六七八九十]{1,3}\s*[、．.]\s*\S/u

/** Longer than this, a numbered line is a paragraph that happens to start with a numeral. */
const MAX_HEADING_LENGTH = 160

/**
 * A numbered section heading of an article: roman numerals ("I. The
 * Strengthening of the US-Japan Alliance", "II.The US-Japan Coordination …")
 * or, in Chinese articles, Chinese numerals ("一、美日同盟的强化").
 */
export function isNumberedHeading(line: string): boolean {
  const text = line.trim()
  if (text.length > MAX_HEADING_LENGTH) return false
  if (/[.。;；:：,，]$/.test(text)) return false
  return ROMAN_HEADING.test(text) || CHINESE_HEADING.test(text)
}
