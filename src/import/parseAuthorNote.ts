import { parseDate } from './parseDate'
import type { AuthorDetails, AuthorNote, PageLocale } from './types'

/** A paragraph that is the author note: in brackets, about the author(s) or when the article was received. */
export function isAuthorNote(line: string): boolean {
  const text = line.trim()
  if (!/^[(（]/.test(text) || !/[)）]$/.test(text)) return false
  return /^[(（]\s*(The authors?\b|作者|本文)/i.test(text) || /\breceived\b|收稿/i.test(text)
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** "Director of Department of American Diplomacy, Institute of American Studies, CASS" → position and affiliation. */
function englishDetails(printed: string): AuthorDetails {
  const text = printed.trim().replace(/\.$/, '')
  // "with the Institute of …", "from …": an affiliation without a position.
  const only = /^(?:with|from)\s+(.+)$/i.exec(text)
  if (only) return { affiliation: only[1].replace(/^the\s+(?=\p{Lu})/u, '') }
  // Position and affiliation part at the first comma or " at ", whichever comes first.
  const separator = /,\s*|\s+at\s+/i.exec(text)
  let position = text
  let affiliation: string | undefined
  if (separator && separator.index > 0) {
    position = text.slice(0, separator.index)
    affiliation = text.slice(separator.index + separator[0].length)
  }
  position = position.trim().replace(/^(?:a|an|the)\s+/i, '')
  affiliation = affiliation?.trim().replace(/^the\s+(?=\p{Lu})/u, '')
  return { ...(affiliation ? { affiliation } : {}), ...(position ? { position } : {}) }
}

/** Institutions end in one of these; what follows the last of them is the position ("…研究所" + "外交研究室主任"). */
const INSTITUTION_ENDINGS = ['大学', '学院', '研究院', '研究所', '研究中心', '中心', '科学院', '协会', '研究会', '委员会', '基金会', '学会', '联络会', '所', '院', '部', '局', '署']
/** Words that begin a position; the institution ends before the first of them. */
const POSITION_WORDS = ['主任', '研究员', '教授', '讲师', '所长', '院长', '会长', '主席', '秘书长', '主编', '编辑', '博士', '硕士', '研究生', '学者', '专家', '顾问', '大使', '部长', '局长', '处长', '副', '助理', '高级', '特聘', '首席']

/** "中国社会科学院美国研究所外交研究室主任" → affiliation 中国社会科学院美国研究所, position 外交研究室主任. */
function chineseDetails(printed: string): AuthorDetails {
  const text = printed.trim().replace(/[。.]$/, '')
  const firstPositionWord = Math.min(
    ...POSITION_WORDS.map((word) => text.indexOf(word)).filter((index) => index >= 0),
    text.length,
  )
  let end = -1
  for (const ending of INSTITUTION_ENDINGS) {
    let index = text.indexOf(ending)
    while (index >= 0) {
      const after = index + ending.length
      if (after <= firstPositionWord && after < text.length && after > end) end = after
      index = text.indexOf(ending, index + 1)
    }
  }
  if (end <= 0) return { position: text }
  return { affiliation: text.slice(0, end), position: text.slice(end).replace(/^[、，,]/, '') }
}

type Statement = { details: AuthorDetails; subject: 'all' | number }

function englishStatements(text: string, authors: string[]): Statement[] {
  const names = authors.map(escapeRegExp).join('|')
  const start = names ? `The authors?\\b|(?:${names})\\s+(?:is|was)\\b` : 'The authors?\\b'
  const pieces = text.split(new RegExp(`;\\s*|(?<=\\.)\\s+(?=${start})`, 'i'))
  const statements: Statement[] = []
  for (const piece of pieces) {
    const general = /^The authors?\s+(?:is|are|was|were)\s+(?:respectively\s+)?(.+)$/i.exec(piece.trim())
    if (general) {
      statements.push({ details: englishDetails(general[1]), subject: 'all' })
      continue
    }
    const named = names ? new RegExp(`^(${names})\\s+(?:is|was)\\s+(.+)$`, 'i').exec(piece.trim()) : null
    if (named) {
      const index = authors.findIndex((author) => author.toLowerCase() === named[1].toLowerCase())
      statements.push({ details: englishDetails(named[2]), subject: index })
    }
  }
  return statements
}

function chineseStatements(text: string, authors: string[]): Statement[] {
  const names = authors.map(escapeRegExp).join('|')
  const statements: Statement[] = []
  for (const piece of text.split(/[。；;]/)) {
    const general = /^作者(?:均|都)?(?:系|为|是)(.+)$/.exec(piece.trim())
    if (general) {
      statements.push({ details: chineseDetails(general[1]), subject: 'all' })
      continue
    }
    const named = names ? new RegExp(`^(${names})(?:系|为|是)(.+)$`).exec(piece.trim()) : null
    if (named) statements.push({ details: chineseDetails(named[2]), subject: authors.indexOf(named[1]) })
  }
  return statements
}

/** The sentence saying when the article was received, in either language. */
const RECEIVED = [
  /(?:This|The)\s+(?:article|paper|essay|manuscript)\s+was\s+received\s+(?:on\s+)?[^.;]*?\d{4}\s*\.?/i,
  /(?:本文)?收稿(?:日期|时间)?\s*[:：为]?\s*[^。；;）)]*?\d{1,2}\s*日\s*。?/,
  /(?:本文)?收稿(?:日期|时间)?\s*[:：为]?\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s*。?/,
]

/**
 * Reads the author note: "(The author is Director of Department of American
 * Diplomacy, Institute of American Studies, CASS. This article was received
 * on May 15, 2018.)", "(Wang Wei is …; Li Na is ….)", and the Chinese forms
 * "（作者系中国社会科学院美国研究所外交研究室主任。本文收稿日期：2018年5月15日。）",
 * "（王伟系……；李娜系……。）". What it says about "the author(s)" applies to
 * every author of the byline; what it says about a named author, to that one.
 */
export function parseAuthorNote(note: string, authors: string[], locale: PageLocale): AuthorNote {
  let inner = note.trim().replace(/^[(（]\s*/, '').replace(/\s*[)）]$/, '')
  let receivedAt: string | undefined
  for (const pattern of RECEIVED) {
    const found = pattern.exec(inner)
    if (!found) continue
    receivedAt = parseDate(found[0])
    inner = `${inner.slice(0, found.index)} ${inner.slice(found.index + found[0].length)}`.trim()
    break
  }
  inner = inner.replace(/[.。]\s*$/, '')
  const statements = locale === 'zh' ? chineseStatements(inner, authors) : englishStatements(inner, authors)
  const details = new Map<number, AuthorDetails>()
  for (const { details: about, subject } of statements) {
    const indexes = subject === 'all' ? authors.map((_, index) => index) : subject >= 0 ? [subject] : []
    for (const index of indexes) details.set(index, { ...details.get(index), ...about })
  }
  return { authors: details, receivedAt, text: note.trim() }
}
