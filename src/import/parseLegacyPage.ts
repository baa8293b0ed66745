import type { DecodedPage } from './decodePage'
import { detectLanguage } from './detectLanguage'
import { isNumberedHeading } from './headings'
import { htmlToText } from './htmlToText'
import { breadcrumbOf, isChromeLine, isCopyrightLine, isFooterStart, isHomeCrumb } from './pageChrome'
import { PageError } from './pageError'
import { pageAddress } from './pageAddress'
import { isAuthorNote, parseAuthorNote } from './parseAuthorNote'
import { parseByline, parseBylineLine } from './parseByline'
import { parseDirectoryFooter } from './parseDirectoryFooter'
import { leadNotesWarning, parsePageNotes } from './parseNotes'
import type { BodyBlock, LegacyPage } from './types'

/** A title is a line, not a paragraph: longer than this, or ending like a sentence, it is text. */
const MAX_TITLE_LENGTH = 250

function excerpt(text: string, length = 60): string {
  return text.length > length ? `${text.slice(0, length).trimEnd()}…` : text
}

function ending(text: string, length = 60): string {
  return text.length > length ? `…${text.slice(-length).trimStart()}` : text
}

const normalized = (text: string) => text.toLowerCase().replace(/[\s\u00a0]+/g, ' ').trim()

/** Whether the last crumb is the article itself: its title line, possibly shortened ("The US-Japan Alliance…"). */
function isArticleCrumb(crumb: string, titleLine: string, title: string): boolean {
  const candidate = normalized(crumb)
  const shortened = candidate.replace(/(?:\.{3}|…)$/, '').trim()
  return [titleLine, title].some((line) => {
    const full = normalized(line)
    return full === candidate || (shortened !== candidate && shortened.length >= 8 && full.startsWith(shortened))
  })
}

function looksLikeTitle(line: string): boolean {
  if (line.length > MAX_TITLE_LENGTH) return false
  if (isNumberedHeading(line) || isAuthorNote(line) || isFooterStart(line)) return false
  // Titles may end in a question or exclamation mark, not in a full stop after a long sentence.
  return !(line.length > 120 && /[.。]$/.test(line))
}

/**
 * Reads a saved page of the old site into its parts: the chrome around the
 * article (login links, language switch, breadcrumb, footer) is recognised
 * and left out; the breadcrumb gives the section path; the title line gives
 * the title and the byline; the paragraphs before the first numbered
 * heading are the lead; the headings and paragraphs after it the body, in
 * order and as printed, with the numbered notes at the end of the article
 * put at their markers (src/import/parseNotes.ts); the bracketed note at
 * the end the authors' details and the date the article was received; the
 * footer the contact directory.
 *
 * Throws a PageError saying what is wrong when the page cannot make an
 * article: no breadcrumb, no title, no byline, no text, or a page that stops
 * before its end.
 */
export function parseLegacyPage(decoded: DecodedPage): LegacyPage {
  let text = decoded.text
  if (decoded.format === 'html') {
    const html = htmlToText(decoded.text)
    if (!html.complete) {
      throw new PageError(
        `The page looks truncated: its HTML stops before </body> (it ends with "${ending(decoded.text.trim(), 40)}"). Save the page again once it has finished loading.`,
      )
    }
    text = html.text
  }
  const lines = text
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/\u00a0/g, ' ').trim())
    .filter(Boolean)
  if (lines.length === 0) throw new PageError('The page has no text.')

  // The header: chrome, then the breadcrumb, then the title line.
  let crumbs: string[] | undefined
  let index = 0
  for (; index < lines.length; index++) {
    const line = lines[index]
    const breadcrumb = breadcrumbOf(line)
    if (breadcrumb) crumbs = breadcrumb
    else if (!isChromeLine(line)) break
  }
  if (!crumbs) {
    throw new PageError(
      'No breadcrumb ("Your location: Home > Journals > …"): the section the article belongs to cannot be told. Is this a saved article page of the old site?',
    )
  }
  const titleLine = lines[index]
  if (titleLine === undefined || isFooterStart(titleLine)) {
    throw new PageError('No title and no article: the page goes from its breadcrumb straight to the footer.')
  }
  if (!looksLikeTitle(titleLine)) {
    throw new PageError(
      `No title: after the breadcrumb the page goes straight into the text ("${excerpt(titleLine)}"), which is not a title line.`,
    )
  }

  const footerStart = lines.findIndex((line, at) => at > index && isFooterStart(line))
  const contentEnd = footerStart < 0 ? lines.length : footerStart
  const content = lines.slice(index + 1, contentEnd).filter((line) => !isChromeLine(line))
  const footerLines = footerStart < 0 ? [] : lines.slice(footerStart).filter((line) => !isCopyrightLine(line) && !isChromeLine(line))

  const { title, authors: bylineAuthors } = parseByline(titleLine)
  let authors = bylineAuthors
  if (authors.length === 0 && content.length > 0) {
    const ownLine = parseBylineLine(content[0])
    if (ownLine) {
      authors = ownLine
      content.shift()
    }
  }
  if (!title) throw new PageError(`No title: the title line "${excerpt(titleLine)}" holds only a byline.`)

  const noteIndex = content.findLastIndex((line) => isAuthorNote(line))
  const noteText = noteIndex >= 0 ? content.splice(noteIndex, 1)[0] : undefined

  if (footerStart < 0 && !noteText) {
    const last = content.at(-1) ?? titleLine
    throw new PageError(
      `The page looks truncated: it stops at "${ending(last)}" with neither the author note nor the site's footer after it. Save the page again once it has finished loading.`,
    )
  }
  if (content.length === 0) throw new PageError(`No article text: nothing between the title "${excerpt(title)}" and the page footer.`)
  if (authors.length === 0) {
    throw new PageError(
      `No byline: the title line "${excerpt(titleLine, 100)}" names no author ("… By Name", "作者：…", "文/…"), and every article needs at least one.`,
    )
  }

  const locale = detectLanguage([title, ...content].join('\n'))
  const pageNotes = parsePageNotes(content)
  const blocks: BodyBlock[] = pageNotes.lines.map((line, at) => {
    const text = pageNotes.texts.get(at) ?? line
    const notes = pageNotes.notes.get(at)
    return { kind: isNumberedHeading(text) ? 'heading' : 'paragraph', text, ...(notes ? { notes } : {}) }
  })
  const firstHeading = blocks.findIndex((block) => block.kind === 'heading')
  const leadCount = firstHeading < 0 ? 1 : firstHeading
  const lead = blocks.slice(0, leadCount).map((block) => block.text)
  const leadNotes = blocks.slice(0, leadCount).flatMap((block) => block.notes ?? [])
  const body = blocks.slice(leadCount)

  const sectionPath = crumbs.filter((crumb, at) => !(at === 0 && isHomeCrumb(crumb)))
  if (sectionPath.length > 0 && isArticleCrumb(sectionPath[sectionPath.length - 1], titleLine, title)) sectionPath.pop()
  if (sectionPath.length === 0) throw new PageError(`The breadcrumb "${crumbs.join(' > ')}" names no section for the article.`)

  const warnings: string[] = [...pageNotes.warnings]
  if (leadNotes.length > 0) warnings.push(leadNotesWarning(leadNotes))
  const authorNote = noteText ? parseAuthorNote(noteText, authors, locale) : undefined
  if (!authorNote) warnings.push('No author note: the authors’ positions and the date received were left as they are.')
  else if (!authorNote.receivedAt) warnings.push('The author note gives no date the article was received.')
  const footer = footerLines.length > 0 ? parseDirectoryFooter(footerLines) : undefined
  for (const piece of footer?.unread ?? []) warnings.push(`Footer text not read into the directory: "${excerpt(piece, 80)}"`)
  if (firstHeading === 0) warnings.push('No lead: the article starts with a heading.')

  const address = decoded.format === 'html' ? pageAddress(decoded.text) : undefined
  return { ...(address ? { address } : {}), authorNote, authors, body, footer, lead, locale, sectionPath, title, warnings }
}
