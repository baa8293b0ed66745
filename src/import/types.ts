import type { Contact } from '../payload-types'
import type { Locale } from '../policy/languages'

/**
 * The two languages of the legacy site, whatever languages the journal adds
 * (its pages, bylines and footers are read as English or Chinese); a page's
 * text goes into the one it is written in.
 */
export type PageLocale = Extract<Locale, 'en' | 'zh'>

/** A note of the old page at a point of a block's text: `at` characters in (markers taken out), the note's own text. */
export type BodyNote = { at: number; text: string }

/** A block of the article body: a paragraph, or a numbered section heading (h2), with the notes marked in it. */
export type BodyBlock = { kind: 'heading' | 'paragraph'; notes?: BodyNote[]; text: string }

/** What the author note says about one author of the byline. */
export type AuthorDetails = { affiliation?: string; position?: string }

/** The author note, "(The author is … This article was received on May 15, 2018.)". */
export type AuthorNote = {
  /** Details by byline position; an index missing means the note says nothing about that author. */
  authors: Map<number, AuthorDetails>
  /** The day the manuscript was received, `YYYY-MM-DD`. */
  receivedAt?: string
  /** The note as printed, parentheses included. */
  text: string
}

/** A telephone line as the footer prints it: a number, or the switchboard with an extension. */
export type DirectoryPhone = { extension?: string; number: string }

/**
 * One entry of the contact directory as the page footer prints it, in the
 * shapes of the `contacts` collection.
 */
export type DirectoryListing = {
  address?: string
  email?: string
  fax?: string
  kind: Contact['kind']
  /** Absent for the association: the footer prints its address, not its name. */
  name?: string
  organization: Contact['organization']
  phones: DirectoryPhone[]
  website?: string
}

/** The contact footer of a page, entries in printed order, and what could not be read. */
export type DirectoryFooter = { entries: DirectoryListing[]; unread: string[] }

/** One saved page of the old site, read into its parts. */
export type LegacyPage = {
  /**
   * Where the old site served the page, as the page gives it (its canonical
   * link, og:url, or the address the browser saved it from), else the name
   * of its file: the importer records it as a redirect to the article.
   */
  address?: string
  authorNote?: AuthorNote
  /** Names in byline order, as printed. */
  authors: string[]
  body: BodyBlock[]
  footer?: DirectoryFooter
  /** The paragraph(s) before the first heading, kept as printed. */
  lead: string[]
  locale: PageLocale
  /** Section titles from the breadcrumb, outermost first, without "Home" and the article itself. */
  sectionPath: string[]
  title: string
  /** Things worth an editor's look that did not stop the import. */
  warnings: string[]
}
