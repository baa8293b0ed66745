import type { Payload } from 'payload'

import type { Article, Author, Section, Site } from '../../src/payload-types'
import { JournalContent } from './journalContent'
import { lexicalDocument } from './lexical'

/**
 * The small bilingual journal the discovery suites (feeds, sitemap, OAI-PMH,
 * scholarly metadata, citations) read: Journals › Master forum, World
 * affairs and an inactive Archive; Yuan Zheng (袁征) and Li Wei; and the
 * articles below, each in its usual form, which a suite adjusts with
 * overrides and adds its own to:
 *
 *   us-japan-alliance  bilingual, by both, Master forum, 2018-06-01
 *   english-only       English only, by Li Wei, Master forum, 2018-07-01
 *   world-order        World affairs, 2018-05-01, with a newer unpublished draft
 *   archived           in the inactive Archive, 2018-04-01
 *   not-yet            a draft never published
 *
 * Articles go into the seeded sections and authors unless told otherwise,
 * in the order the suite creates them.
 */

/** A one-paragraph article body. */
export const articleBody = (text: string) => lexicalDocument([text]) as Article['body']

/** The title of the newer, unpublished draft of world-order. */
export const NEWER_DRAFT_TITLE = 'World order (revised, unpublished)'

/** The single-language articles, by author and section in the seeded journal. */
const USUAL_ARTICLES = {
  archived: {
    author: 'li',
    body: 'From the archive.',
    lead: 'An article in an inactive section.',
    publishedAt: '2018-04-01T00:00:00.000Z',
    section: 'archive',
    slug: 'archived',
    title: 'Archived',
  },
  englishOnly: {
    author: 'li',
    body: 'Only in English so far.',
    lead: 'An English-only article.',
    publishedAt: '2018-07-01T00:00:00.000Z',
    section: 'masterForum',
    slug: 'english-only',
    title: 'English only',
  },
  neverPublished: { _status: 'draft', author: 'yuan', body: 'Not yet.', lead: 'Unpublished.', section: 'masterForum', slug: 'not-yet', title: 'Not yet published' },
  withDraft: {
    author: 'yuan',
    body: 'World affairs text.',
    lead: 'A world affairs article.',
    publishedAt: '2018-05-01T00:00:00.000Z',
    section: 'worldAffairs',
    slug: 'world-order',
    title: 'World order',
  },
} as const satisfies Record<string, Partial<Pick<Article, '_status' | 'lead' | 'publishedAt' | 'slug' | 'title'>> & { author: keyof JournalAuthors; body: string; section: keyof JournalSections }>

export type JournalSections = { archive: Section; journals: Section; masterForum: Section; worldAffairs: Section }
export type JournalAuthors = { li: Author; yuan: Author }

type AuthorVersions = { en?: Partial<Author>; zh?: Partial<Author> }
type Placement = Partial<Pick<Article, 'authors' | 'section'>>
type Translatable = 'articles' | 'authors' | 'contacts' | 'sections'

export class SeededJournal {
  readonly content: JournalContent
  private seededSections?: JournalSections
  private seededAuthors?: JournalAuthors

  constructor(private readonly payload: Payload) {
    this.content = new JournalContent(payload)
  }

  /** Saves the Chinese version of a document's localized fields. */
  async inChinese(collection: Translatable, id: string, data: Record<string, unknown>): Promise<void> {
    await this.payload.update({ collection, data, id, locale: 'zh', overrideAccess: true })
  }

  /** The site's details in English and in Chinese. */
  async site(en: Partial<Site>, zh: Partial<Site>): Promise<void> {
    await this.payload.updateGlobal({ data: en, overrideAccess: true, slug: 'site' })
    await this.payload.updateGlobal({ data: zh, locale: 'zh', overrideAccess: true, slug: 'site' })
  }

  /**
   * Journals › Master forum, World affairs and an inactive Archive, in that
   * order; Journals and Master forum also get their Chinese titles (期刊,
   * 大家论坛) unless `chinese` is false. `journals` and `journalsInChinese`
   * add to the Journals section.
   */
  async sections({ chinese = true, journals = {}, journalsInChinese = {} }: { chinese?: boolean; journals?: Pick<Section, 'description'>; journalsInChinese?: Pick<Section, 'description'> } = {}): Promise<JournalSections> {
    const journalsSection = await this.content.section({ order: 1, slug: 'journals', title: 'Journals', ...journals })
    const masterForum = await this.content.section({ order: 2, parent: journalsSection.id, slug: 'master-forum', title: 'Master forum' })
    const worldAffairs = await this.content.section({ order: 3, slug: 'world-affairs', title: 'World affairs' })
    const archive = await this.content.section({ active: false, order: 4, slug: 'archive', title: 'Archive' })
    if (chinese) {
      await this.inChinese('sections', journalsSection.id, { ...journalsInChinese, title: '期刊' })
      await this.inChinese('sections', masterForum.id, { title: '大家论坛' })
    }
    this.seededSections = { archive, journals: journalsSection, masterForum, worldAffairs }
    return this.seededSections
  }

  /** An author, with the Chinese version of its localized fields when given. */
  async author(data: Partial<Author> & { name: string }, inChinese?: Partial<Author>): Promise<Author> {
    const author = await this.content.author(data)
    if (inChinese) await this.inChinese('authors', author.id, inChinese)
    return author
  }

  /**
   * Yuan Zheng (in Chinese 袁征, unless `chinese` is false) and Li Wei; `en`
   * and `zh` add to each one's English and Chinese versions.
   */
  async authors({ chinese = true, li = {}, yuan = {} }: { chinese?: boolean; li?: AuthorVersions; yuan?: AuthorVersions } = {}): Promise<JournalAuthors> {
    const yuanZheng = await this.author({ name: 'Yuan Zheng', slug: 'yuan-zheng', ...yuan.en }, chinese ? { name: '袁征', ...yuan.zh } : undefined)
    const liWei = await this.author({ name: 'Li Wei', slug: 'li-wei', ...li.en }, li.zh)
    this.seededAuthors = { li: liWei, yuan: yuanZheng }
    return this.seededAuthors
  }

  /** us-japan-alliance, by Yuan Zheng and Li Wei in Master forum, and its Chinese version. */
  async bilingualArticle({ en = {}, zh = {} }: { en?: Partial<Article>; zh?: Partial<Article> } = {}): Promise<Article> {
    const { li, yuan } = this.authorsSeeded()
    const article = await this.content.article({
      authors: [yuan.id, li.id],
      body: articleBody('The alliance has been strengthened.'),
      lead: 'How the alliance shapes relations between China and Japan.',
      publishedAt: '2018-06-01T00:00:00.000Z',
      section: en.section ?? this.sectionsSeeded().masterForum.id,
      slug: 'us-japan-alliance',
      title: 'The US-Japan Alliance and the Sino-Japanese Relations',
      ...en,
    })
    await this.inChinese('articles', article.id, { body: articleBody('美日同盟得到加强。'), lead: '美日同盟如何影响中日关系。', title: '美日同盟与中日关系', ...zh })
    return article
  }

  /** english-only, by Li Wei in Master forum, never translated. */
  englishOnlyArticle(data: Partial<Article> = {}): Promise<Article> {
    return this.usualArticle('englishOnly', data)
  }

  /** world-order, by Yuan Zheng in World affairs, with a newer unpublished draft (NEWER_DRAFT_TITLE). */
  async articleWithDraft(placement: Placement = {}): Promise<Article> {
    const article = await this.usualArticle('withDraft', placement)
    await this.content.draftOf(article.id, NEWER_DRAFT_TITLE)
    return article
  }

  /** archived, by Li Wei in the inactive Archive. */
  archivedArticle(data: Partial<Article> = {}): Promise<Article> {
    return this.usualArticle('archived', data)
  }

  /** not-yet, by Yuan Zheng in Master forum: a draft never published. */
  neverPublishedArticle(placement: Placement = {}): Promise<Article> {
    return this.usualArticle('neverPublished', placement)
  }

  private usualArticle(name: keyof typeof USUAL_ARTICLES, data: Partial<Article>): Promise<Article> {
    const { author, body, section, ...usual } = USUAL_ARTICLES[name]
    return this.content.article({
      authors: [this.authorsSeeded()[author].id],
      body: articleBody(body),
      ...usual,
      section: data.section ?? this.sectionsSeeded()[section].id,
      ...data,
    })
  }

  private sectionsSeeded(): JournalSections {
    if (!this.seededSections) throw new Error('seed the sections first: journal.sections()')
    return this.seededSections
  }

  private authorsSeeded(): JournalAuthors {
    if (!this.seededAuthors) throw new Error('seed the authors first: journal.authors()')
    return this.seededAuthors
  }
}
