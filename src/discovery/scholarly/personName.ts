/**
 * An author's name as citation formats want it. Bylines keep one name string,
 * and its order cannot be told from the string: "Yuan Zheng" is family name
 * first, as Chinese names are in pinyin, while "John Smith" is not. So:
 *
 * - A name written in Chinese characters is split, family name first: a
 *   two-character compound surname (欧阳, 司马, …) when the name starts with one
 *   and has more characters after it, otherwise the first character
 *   (袁征 → 袁 + 征). A transliterated foreign name with a middle dot
 *   (约瑟夫·奈) is given names first, the family name after the last dot.
 * - Any other name is kept whole, as a literal, exactly as the byline prints it.
 */
export type CitationName = { family: string; given: string } | { literal: string }

const HAN_NAME = /^[\p{Script=Han}·•・]+$/u
const NAME_DOTS = /[·•・]/

/** Compound (two-character) Chinese surnames, in simplified characters. */
const COMPOUND_SURNAMES = new Set([
  '万俟', '上官', '东方', '东郭', '令狐', '仲孙', '公孙', '公冶', '单于', '司空', '司寇', '司徒', '司马', '呼延', '夏侯',
  '太史', '太叔', '宇文', '宗政', '尉迟', '慕容', '拓跋', '欧阳', '澹台', '濮阳', '申屠', '百里', '皇甫', '端木', '独孤',
  '诸葛', '赫连', '轩辕', '钟离', '长孙', '闻人', '闾丘', '南宫', '西门', '鲜于',
])

export function citationName(name: string): CitationName {
  const whole = name.trim().replace(/\s+/g, ' ')
  const compact = whole.replace(/ /g, '')
  if (!HAN_NAME.test(compact)) return { literal: whole }
  if (NAME_DOTS.test(compact)) {
    const parts = compact.split(NAME_DOTS).filter(Boolean)
    if (parts.length < 2) return { literal: whole }
    return { family: parts.at(-1) as string, given: parts.slice(0, -1).join('·') }
  }
  const characters = [...compact]
  if (characters.length < 2) return { literal: whole }
  const surnameLength = characters.length > 2 && COMPOUND_SURNAMES.has(characters.slice(0, 2).join('')) ? 2 : 1
  return { family: characters.slice(0, surnameLength).join(''), given: characters.slice(surnameLength).join('') }
}

