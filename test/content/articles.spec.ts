import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { projectRoot } from '../../src/lib/projectPaths'
import { countWords, readingMinutes } from '../../src/lib/textStatistics'
import type { Article, Author, Section } from '../../src/payload-types'
import { heading, lexicalBlocks, lexicalDocument, paragraph, type TextBlock } from '../helpers/lexical'
import { invalidFieldPaths, readJson, type ApiErrorBody } from '../helpers/responses'
import { createRoleUsers, type RoleUsers } from '../helpers/roleUsers'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'

let suite: SuiteContext
let users: RoleUsers
let journals: Section
let masterForum: Section
let yuanZheng: Author

type Locale = 'en' | 'zh'
type ArticleInput = Partial<Omit<Article, 'body'>> & { body?: unknown }
type ListBody<T> = { docs: T[]; totalDocs: number }
type GraphqlBody<T> = { data?: T; errors?: { message: string }[] }

/**
 * The legacy page, test/fixtures/legacy/master-forum-us-japan-alliance.txt.
 * What each part is, is written down here by hand; the text of the lead, the
 * paragraphs and the author note is taken from the file as it stands.
 */
const legacyPage = {
  affiliation: 'Institute of American Studies, CASS',
  author: 'Yuan Zheng',
  headings: [
    'I. The Strengthening of the US-Japan Alliance',
    'II.The US-Japan Coordination and Cooperation on Indo-Pacific Strategy',
    'III.The Attitude of Trump Administration on the US-Japan Alliance',
    'IV.The US Factor in the Sino-Japanese Relations',
  ],
  position: 'Director of Department of American Diplomacy',
  receivedAt: '2018-05-15',
  sectionPath: ['Journals', 'Master forum'],
  title: 'The US-Japan Alliance and the Sino-Japanese Relations',
}

/** The page's blocks of text: what the legacy site printed between blank lines. */
const legacyBlocks = fs
  .readFileSync(path.join(projectRoot, 'test', 'fixtures', 'legacy', 'master-forum-us-japan-alliance.txt'), 'utf8')
  .split(/\n(?:[ \t]*\n)+/)

const bylineIndex = legacyBlocks.indexOf(`${legacyPage.title} By ${legacyPage.author}`)
const authorNoteIndex = legacyBlocks.findIndex((block) => block.startsWith('(The author is '))
/** From the byline to the author note: the article itself, without the site's header and footer. */
const legacyArticleBlocks = legacyBlocks.slice(bylineIndex, authorNoteIndex + 1)
const legacyLead = legacyBlocks[bylineIndex + 1]
const legacyBody: TextBlock[] = legacyBlocks
  .slice(bylineIndex + 2, authorNoteIndex)
  .map((text) => (legacyPage.headings.includes(text) ? heading('h2', text) : paragraph(text)))
const legacyAuthorNote = legacyBlocks[authorNoteIndex]

const LEGACY_SLUG = 'the-us-japan-alliance-and-the-sino-japanese-relations'

function editorToken(): string {
  return users.editor.token
}

function localeQuery(locale: Locale | undefined, extra = ''): string {
  const parts = [locale ? `locale=${locale}` : '', extra].filter(Boolean)
  return parts.length ? `?${parts.join('&')}` : ''
}

/** Creates an article over REST as the editor; a draft unless `_status: 'published'` is given. */
async function createArticle(
  data: ArticleInput,
  { locale, token = editorToken() }: { locale?: Locale; token?: string } = {},
): Promise<{ body: { doc: Article } & ApiErrorBody; status: number }> {
  const draft = data._status !== 'published'
  return readJson(
    suite.rest.post(`/api/articles${localeQuery(locale, draft ? 'draft=true' : '')}`, {
      body: { section: masterForum.id, authors: [yuanZheng.id], ...data },
      token,
    }),
  )
}

async function createdArticle(data: ArticleInput, options?: { locale?: Locale }): Promise<Article> {
  const { body, status } = await createArticle(data, options)
  if (status !== 201) throw new Error(`creating the article failed (${status}): ${JSON.stringify(body)}`)
  return body.doc
}

/** Saves changes over REST as the editor: published unless `draft` is set. */
async function updateArticle(
  id: string,
  data: ArticleInput,
  { draft = false, locale }: { draft?: boolean; locale?: Locale } = {},
): Promise<{ body: { doc: Article } & ApiErrorBody; status: number }> {
  return readJson(
    suite.rest.patch(`/api/articles/${id}${localeQuery(locale, draft ? 'draft=true' : '')}`, {
      body: data,
      token: editorToken(),
    }),
  )
}

async function updatedArticle(id: string, data: ArticleInput, options?: { draft?: boolean; locale?: Locale }): Promise<Article> {
  const { body, status } = await updateArticle(id, data, options)
  if (status !== 200) throw new Error(`updating the article failed (${status}): ${JSON.stringify(body)}`)
  return body.doc
}

/** Reads an article over REST (anonymously unless a token is given). */
async function readArticle(
  id: string,
  { draft, locale, token }: { draft?: boolean; locale?: Locale; token?: string } = {},
): Promise<{ body: Article & ApiErrorBody; status: number }> {
  return readJson(suite.rest.get(`/api/articles/${id}${localeQuery(locale, draft ? 'draft=true' : '')}`, { token }))
}

async function findArticlesBySlug(slug: string, query = ''): Promise<ListBody<Article>> {
  const { body, status } = await readJson<ListBody<Article>>(
    suite.rest.get(`/api/articles?where[slug][equals]=${encodeURIComponent(slug)}${query ? `&${query}` : ''}`),
  )
  expect(status).toBe(200)
  return body
}

async function countArticles(): Promise<number> {
  return (await suite.payload.count({ collection: 'articles' })).totalDocs
}

beforeAll(async () => {
  suite = await startPayloadForSuite('content-articles')
  users = await createRoleUsers(suite, 'articles')

  const post = async <T>(collection: string, data: Record<string, unknown>): Promise<T> => {
    const { body, status } = await readJson<{ doc: T }>(
      suite.rest.post(`/api/${collection}`, { body: data, token: editorToken() }),
    )
    if (status !== 201) throw new Error(`creating ${collection} failed (${status}): ${JSON.stringify(body)}`)
    return body.doc
  }
  journals = await post<Section>('sections', { slug: 'journals', title: legacyPage.sectionPath[0] })
  masterForum = await post<Section>('sections', { parent: journals.id, slug: 'master-forum', title: legacyPage.sectionPath[1] })
  yuanZheng = await post<Author>('authors', {
    affiliation: legacyPage.affiliation,
    name: legacyPage.author,
    position: legacyPage.position,
  })
})

afterAll(async () => {
  await suite?.close()
})

describe('the legacy Master forum page', () => {
  let legacyArticle: Article

  it('is what the fixture holds: a byline, a lead, four roman-numeral sections and an author note', () => {
    expect(bylineIndex).toBeGreaterThan(0)
    expect(authorNoteIndex).toBeGreaterThan(bylineIndex + 1)
    expect(legacyBlocks).toContain(`Your location:Home > ${legacyPage.sectionPath.join(' > ')} > ${legacyPage.title} By ${legacyPage.author}`)
    expect(legacyLead).toMatch(/^Premier Li Keqiang paid a visit to Japan recently/)
    expect(legacyBody.filter((block) => block.tag).map((block) => block.text)).toEqual(legacyPage.headings)
    expect(legacyBody[0]).toEqual(heading('h2', legacyPage.headings[0]))
    expect(legacyBody.length).toBeGreaterThan(legacyPage.headings.length * 2)
    expect(legacyAuthorNote).toBe(
      `(The author is ${legacyPage.position}, ${legacyPage.affiliation}. This article was received on May 15, 2018.)`,
    )
  })

  it('round-trips without loss: published by an editor, read back anonymously by slug with every part verbatim', async () => {
    const draft = await createdArticle({
      authorNote: legacyAuthorNote,
      body: lexicalDocument(legacyBody),
      lead: legacyLead,
      receivedAt: legacyPage.receivedAt,
      title: legacyPage.title,
    })
    expect(draft._status).toBe('draft')
    expect(await findArticlesBySlug(LEGACY_SLUG)).toMatchObject({ totalDocs: 0 })

    legacyArticle = await updatedArticle(draft.id, { _status: 'published' })
    expect(legacyArticle._status).toBe('published')

    for (const depth of [1, 2]) {
      const { docs } = await findArticlesBySlug(LEGACY_SLUG, `depth=${depth}`)
      expect(docs).toHaveLength(1)
      const article = docs[0]
      const authors = article.authors as Author[]
      const section = article.section as Section

      expect(article.id).toBe(draft.id)
      expect(article.title).toBe(legacyPage.title)
      expect(article.lead).toBe(legacyLead)
      expect(lexicalBlocks(article.body)).toEqual(
        legacyBody.map((block) => (block.tag ? { tag: 'h2', text: block.text, type: 'heading' } : { text: block.text, type: 'paragraph' })),
      )
      expect(lexicalBlocks(article.body).filter((block) => block.type === 'heading')).toEqual(
        legacyPage.headings.map((text) => ({ tag: 'h2', text, type: 'heading' })),
      )
      expect(article.authorNote).toBe(legacyAuthorNote)
      expect(article.receivedAt).toBe(`${legacyPage.receivedAt}T00:00:00.000Z`)
      expect(
        new Date(article.receivedAt ?? '').toLocaleDateString('en-US', { day: 'numeric', month: 'long', timeZone: 'UTC', year: 'numeric' }),
      ).toBe('May 15, 2018')

      expect(authors).toHaveLength(1)
      expect(authors[0]).toMatchObject({
        affiliation: legacyPage.affiliation,
        id: yuanZheng.id,
        name: legacyPage.author,
        position: legacyPage.position,
      })
      expect(section).toMatchObject({ id: masterForum.id, slug: 'master-forum', title: 'Master forum' })
      expect(section.breadcrumbs?.map((crumb) => crumb.label)).toEqual(legacyPage.sectionPath)
      expect(section.breadcrumbs?.at(-1)?.url).toBe('/journals/master-forum')

      // The page as the legacy site printed it, put together again from what the API returns.
      const byline = `${article.title} By ${authors.map((author) => author.name).join(', ')}`
      const location = `Your location:Home > ${section.breadcrumbs?.map((crumb) => crumb.label).join(' > ')} > ${byline}`
      expect(legacyBlocks).toContain(location)
      expect([byline, article.lead, ...lexicalBlocks(article.body).map((block) => block.text), article.authorNote]).toEqual(
        legacyArticleBlocks,
      )
    }
  })

  it('gets its slug from the English title', () => {
    expect(legacyArticle.slug).toBe(LEGACY_SLUG)
  })

  it('counts the English words of the lead and body, and reads in whole minutes at 230 words a minute', () => {
    const words = countWords([legacyLead, ...legacyBody.map((block) => block.text)].join('\n'))
    expect(words).toBeGreaterThan(2000)
    expect(legacyArticle.wordCount).toBe(words)
    expect(legacyArticle.readingTime).toBe(Math.ceil(words / 230))
  })
})

describe('slugs', () => {
  it('gives an article created in Chinese with only a Chinese title the pinyin of the title', async () => {
    const { body, status } = await createArticle({ title: '美日同盟' }, { locale: 'zh' })
    expect(status).toBe(201)
    expect(body.doc.slug).toBe('mei-ri-tong-meng')
    const english = await readArticle(body.doc.id, { locale: 'en', token: editorToken() })
    expect(english.body.slug).toBe('mei-ri-tong-meng')
  })

  it('never leaves an article without a slug: a title with nothing to make one from is refused with 400 naming slug', async () => {
    const before = await countArticles()
    const { body, status } = await createArticle({ title: '!!! — ???' })
    expect(status).toBe(400)
    expect(invalidFieldPaths(body)).toEqual(['slug'])
    expect(body.errors?.[0].data?.errors?.[0].message).toMatch(/slug is required/)
    expect(await countArticles()).toBe(before)
  })

  it('lets an editor start a new article: the admin UI autosaves an empty draft before there is a title or slug', async () => {
    const first = await readJson<{ doc: Article }>(
      suite.rest.post('/api/articles?draft=true&autosave=true', { body: { _status: 'draft' }, token: editorToken() }),
    )
    expect(first.status).toBe(201)
    expect(first.body.doc.slug ?? null).toBeNull()
    const second = await readJson<{ doc: Article }>(
      suite.rest.post('/api/articles?draft=true&autosave=true', { body: { _status: 'draft' }, token: editorToken() }),
    )
    expect(second.status).toBe(201)
    const publish = await readJson<ApiErrorBody>(
      suite.rest.patch(`/api/articles/${first.body.doc.id}`, { body: { _status: 'published' }, token: editorToken() }),
    )
    expect(publish.status).toBe(400)
  })

  it('keeps the slug when an editor clears it', async () => {
    const article = await createdArticle({ title: 'Clearing a slug' })
    expect(article.slug).toBe('clearing-a-slug')
    const cleared = await updateArticle(article.id, { slug: '' }, { draft: true })
    expect(cleared.status).toBe(200)
    expect(cleared.body.doc.slug).toBe('clearing-a-slug')
  })

  it('lets an editor change the slug, and readers find the article by the new one', async () => {
    const article = await createdArticle({ _status: 'published', title: 'A slug to be changed' })
    expect(article.slug).toBe('a-slug-to-be-changed')
    const changed = await updatedArticle(article.id, { slug: 'a-better-slug' })
    expect(changed.slug).toBe('a-better-slug')
    expect((await findArticlesBySlug('a-better-slug')).docs.map((doc) => doc.id)).toEqual([article.id])
    expect((await findArticlesBySlug('a-slug-to-be-changed')).totalDocs).toBe(0)
  })

  it("refuses a slug another article has with 400 naming slug, and writes nothing", async () => {
    const taken = await createdArticle({ title: 'A slug taken first' })
    const before = await countArticles()

    const duplicate = await createArticle({ slug: taken.slug, title: 'Another article' })
    expect(duplicate.status).toBe(400)
    expect(invalidFieldPaths(duplicate.body)).toEqual(['slug'])
    expect(duplicate.body.errors?.[0].data?.errors?.[0].message).toBe(
      'Another article already has the slug "a-slug-taken-first": choose a different one',
    )
    expect(await countArticles()).toBe(before)

    const sameTitle = await createArticle({ title: 'A slug taken first' })
    expect(sameTitle.status).toBe(400)
    expect(invalidFieldPaths(sameTitle.body)).toEqual(['slug'])
    expect(await countArticles()).toBe(before)

    const other = await createdArticle({ _status: 'published', title: 'A slug of its own' })
    const renamed = await updateArticle(other.id, { slug: taken.slug })
    expect(renamed.status).toBe(400)
    expect(invalidFieldPaths(renamed.body)).toEqual(['slug'])
    const stored = await readArticle(other.id, { draft: true, token: editorToken() })
    expect(stored.body.slug).toBe('a-slug-of-its-own')
  })

  it('refuses a malformed slug ("Not A Slug!") with 400 naming slug, and writes nothing', async () => {
    const before = await countArticles()
    const created = await createArticle({ slug: 'Not A Slug!', title: 'Malformed slug' })
    expect(created.status).toBe(400)
    expect(invalidFieldPaths(created.body)).toEqual(['slug'])
    expect(created.body.errors?.[0].data?.errors?.[0].message).toMatch(/lower-case/)
    expect(await countArticles()).toBe(before)

    const article = await createdArticle({ title: 'Well-formed slug' })
    const changed = await updateArticle(article.id, { slug: 'Not A Slug!' }, { draft: true })
    expect(changed.status).toBe(400)
    expect(invalidFieldPaths(changed.body)).toEqual(['slug'])
    expect((await readArticle(article.id, { draft: true, token: editorToken() })).body.slug).toBe('well-formed-slug')
  })

  it('refuses a second author whose name makes a slug already taken, with 400 naming slug', async () => {
    const before = (await suite.payload.count({ collection: 'authors' })).totalDocs
    const { body, status } = await readJson<ApiErrorBody>(
      suite.rest.post('/api/authors', { body: { name: legacyPage.author }, token: editorToken() }),
    )
    expect(status).toBe(400)
    expect(invalidFieldPaths(body)).toEqual(['slug'])
    expect((await suite.payload.count({ collection: 'authors' })).totalDocs).toBe(before)
  })
})

describe('word count and reading time', () => {
  it('counts English words and Chinese characters, one each, in mixed text', () => {
    expect(countWords('')).toBe(0)
    expect(countWords('  \n ')).toBe(0)
    expect(countWords('The US-Japan alliance, in 2018.')).toBe(5)
    expect(countWords('China’s rise')).toBe(2)
    expect(countWords('美日同盟与中日关系')).toBe(9)
    expect(countWords('美日同盟，中日关系。')).toBe(8)
    expect(countWords('美日同盟 and the US-Japan alliance')).toBe(8)
    expect(countWords('中国China')).toBe(3)
  })

  it('reads 230 English words or 400 Chinese characters a minute, rounded up, at least one minute for any text', () => {
    expect(readingMinutes('')).toBe(0)
    expect(readingMinutes('Word')).toBe(1)
    expect(readingMinutes('美')).toBe(1)
    expect(readingMinutes(Array(230).fill('word').join(' '))).toBe(1)
    expect(readingMinutes(Array(231).fill('word').join(' '))).toBe(2)
    expect(readingMinutes('中'.repeat(400))).toBe(1)
    expect(readingMinutes('中'.repeat(401))).toBe(2)
    expect(readingMinutes(`${'中'.repeat(200)} ${Array(115).fill('word').join(' ')}`)).toBe(1)
    expect(readingMinutes(`${'中'.repeat(200)} ${Array(116).fill('word').join(' ')}`)).toBe(2)
  })

  it('keeps word count and reading time per language: Chinese counted by characters, without touching the English', async () => {
    const article = await createdArticle({
      body: lexicalDocument([heading('h2', 'I. Origins'), 'It began in 1951.']),
      lead: 'The US-Japan alliance is strengthening.',
      title: 'Counting words in two languages',
    })
    // lead 5 words + heading 2 + paragraph 4
    expect(article).toMatchObject({ readingTime: 1, wordCount: 11 })

    const chinese = await updatedArticle(
      article.id,
      { body: lexicalDocument(['中日关系正在改善。']), lead: '美日同盟与中日关系', title: '两种语言的字数' },
      { draft: true, locale: 'zh' },
    )
    // lead 9 characters + body 8 (punctuation is not counted)
    expect(chinese).toMatchObject({ readingTime: 1, wordCount: 9 + 8 })

    const english = await readArticle(article.id, { draft: true, locale: 'en', token: editorToken() })
    expect(english.body).toMatchObject({ readingTime: 1, wordCount: 11 })
    const zh = await readArticle(article.id, { draft: true, locale: 'zh', token: editorToken() })
    expect(zh.body).toMatchObject({ readingTime: 1, wordCount: 17 })
  })

  it('keeps the counts when a save does not resend the text (publishing, a new subtitle)', async () => {
    const article = await createdArticle({
      body: lexicalDocument(['One two three four.']),
      lead: 'Five six.',
      title: 'Counts survive a publication',
    })
    expect(article.wordCount).toBe(6)

    const published = await updatedArticle(article.id, { _status: 'published' })
    expect(published).toMatchObject({ readingTime: 1, wordCount: 6 })
    const subtitled = await updatedArticle(article.id, { subtitle: 'A subtitle' })
    expect(subtitled).toMatchObject({ readingTime: 1, wordCount: 6 })
    await updatedArticle(article.id, { title: '标题' }, { locale: 'zh' })
    expect((await readArticle(article.id, { locale: 'en' })).body).toMatchObject({ readingTime: 1, wordCount: 6 })
  })
})

describe('availableLocales', () => {
  it("lists ['en'] for an article written only in English, and ['en', 'zh'] once a complete Chinese version is added", async () => {
    const article = await createdArticle({
      _status: 'published',
      body: lexicalDocument(['An English body.']),
      lead: 'An English lead.',
      title: 'Written in English first',
    })
    expect(article.availableLocales).toEqual(['en'])

    const chinese = await updatedArticle(
      article.id,
      { body: lexicalDocument(['中文正文。']), lead: '中文导语。', title: '先用英文写成' },
      { locale: 'zh' },
    )
    expect(chinese.availableLocales).toEqual(['en', 'zh'])
    expect(chinese).toMatchObject({ lead: '中文导语。', title: '先用英文写成' })

    const english = await readArticle(article.id, { locale: 'en' })
    expect(english.body).toMatchObject({ availableLocales: ['en', 'zh'], lead: 'An English lead.', title: 'Written in English first' })
    const zh = await readArticle(article.id, { locale: 'zh' })
    expect(zh.body).toMatchObject({ availableLocales: ['en', 'zh'], lead: '中文导语。', title: '先用英文写成' })
  })

  it('does not count a Chinese version without a body', async () => {
    const article = await createdArticle({
      _status: 'published',
      body: lexicalDocument(['An English body.']),
      lead: 'An English lead.',
      title: 'Chinese without a body',
    })
    const chinese = await updatedArticle(article.id, { lead: '只有导语。', title: '没有正文' }, { locale: 'zh' })
    expect(chinese.availableLocales).toEqual(['en'])
    expect((await readArticle(article.id, { locale: 'zh' })).body.availableLocales).toEqual(['en'])
  })

  it('lists no language while the English is incomplete (no lead or body yet)', async () => {
    const article = await createdArticle({ title: 'Only a title so far' })
    expect(article.availableLocales).toEqual([])
    const withLead = await updatedArticle(article.id, { lead: 'A lead, still no body.' }, { draft: true })
    expect(withLead.availableLocales).toEqual([])
    const complete = await updatedArticle(article.id, { body: lexicalDocument(['And now a body.']) }, { draft: true })
    expect(complete.availableLocales).toEqual(['en'])
  })

  it("falls back to the English text when read in Chinese, while availableLocales still says ['en']", async () => {
    const article = await createdArticle({
      _status: 'published',
      body: lexicalDocument(['English only.']),
      lead: 'An English-only lead.',
      title: 'English only',
    })
    const { body, status } = await readArticle(article.id, { locale: 'zh' })
    expect(status).toBe(200)
    expect(body).toMatchObject({ availableLocales: ['en'], lead: 'An English-only lead.', title: 'English only' })
    expect(lexicalBlocks(body.body)).toEqual([{ text: 'English only.', type: 'paragraph' }])
  })
})

describe('publishedAt', () => {
  it('is empty on drafts, set on first publication and kept on later publications', async () => {
    const draft = await createdArticle({ title: 'Publication dates' })
    expect(draft.publishedAt ?? null).toBeNull()
    const draftSaved = await updatedArticle(draft.id, { lead: 'Still a draft.' }, { draft: true })
    expect(draftSaved.publishedAt ?? null).toBeNull()

    const before = Date.now()
    const first = await updatedArticle(draft.id, { _status: 'published' })
    const after = Date.now()
    expect(first.publishedAt).toEqual(expect.any(String))
    const publishedAt = first.publishedAt as string
    expect(new Date(publishedAt).getTime()).toBeGreaterThanOrEqual(before - 1000)
    expect(new Date(publishedAt).getTime()).toBeLessThanOrEqual(after + 1000)

    await new Promise((resolve) => setTimeout(resolve, 20))
    const newDraft = await updatedArticle(draft.id, { title: 'Publication dates, revised' }, { draft: true })
    expect(newDraft.publishedAt).toBe(publishedAt)
    const second = await updatedArticle(draft.id, { _status: 'published' })
    expect(second.title).toBe('Publication dates, revised')
    expect(second.publishedAt).toBe(publishedAt)
    const third = await updatedArticle(draft.id, { _status: 'published', lead: 'Republished with a lead.' })
    expect(third.publishedAt).toBe(publishedAt)
    expect((await readArticle(draft.id)).body.publishedAt).toBe(publishedAt)
  })

  it('is set when an article is published as it is created', async () => {
    const article = await createdArticle({ _status: 'published', title: 'Published at once' })
    expect(article.publishedAt).toEqual(expect.any(String))
  })
})

describe('readers see only published versions', () => {
  let draftOnly: Article
  let published: Article

  beforeAll(async () => {
    draftOnly = await createdArticle({
      body: lexicalDocument(['Draft body.']),
      lead: 'Draft-only lead.',
      title: 'Never published',
    })
    published = await createdArticle({
      _status: 'published',
      body: lexicalDocument(['Published body.']),
      lead: 'Published lead.',
      title: 'Published text',
    })
    await updatedArticle(
      published.id,
      { body: lexicalDocument(['Unpublished body.']), lead: 'Unpublished lead.', title: 'Unpublished draft text' },
      { draft: true },
    )
  })

  async function anonymousList(query = ''): Promise<Article[]> {
    const { body, status } = await readJson<ListBody<Article>>(suite.rest.get(`/api/articles?limit=100${query}`))
    expect(status).toBe(200)
    return body.docs
  }

  it('an anonymous REST list, with or without draft=true, leaves out a never-published article and shows the published text', async () => {
    for (const query of ['', '&draft=true']) {
      const docs = await anonymousList(query)
      expect(docs.map((doc) => doc.id)).not.toContain(draftOnly.id)
      expect(docs.every((doc) => doc._status === 'published')).toBe(true)
      const shown = docs.find((doc) => doc.id === published.id)
      expect(shown).toMatchObject({ lead: 'Published lead.', title: 'Published text' })
      expect(lexicalBlocks(shown?.body)).toEqual([{ text: 'Published body.', type: 'paragraph' }])
    }
  })

  it('an anonymous REST read by id, with or without draft=true, is 404 for a never-published article and the published text otherwise', async () => {
    for (const draft of [false, true]) {
      const hidden = await readArticle(draftOnly.id, { draft })
      expect(hidden.status).toBe(404)
      expect(JSON.stringify(hidden.body)).not.toContain('Draft-only lead.')

      const shown = await readArticle(published.id, { draft })
      expect(shown.status).toBe(200)
      expect(shown.body).toMatchObject({ _status: 'published', lead: 'Published lead.', title: 'Published text' })
    }
  })

  it('anonymous GraphQL Articles and Article, with or without draft: true, never return the draft text', async () => {
    for (const draft of [false, true]) {
      const list = await readJson<GraphqlBody<{ Articles: { docs: { id: string; lead: string; title: string }[] } }>>(
        suite.rest.graphql(`query ($draft: Boolean) { Articles(draft: $draft, limit: 100) { docs { id title lead } } }`, { draft }),
      )
      expect(list.body.errors).toBeUndefined()
      const docs = list.body.data?.Articles.docs ?? []
      expect(docs.map((doc) => doc.id)).not.toContain(draftOnly.id)
      expect(docs.find((doc) => doc.id === published.id)).toEqual({ id: published.id, lead: 'Published lead.', title: 'Published text' })

      const hidden = await readJson<GraphqlBody<{ Article: null | { title: string } }>>(
        suite.rest.graphql(`query ($id: String!, $draft: Boolean) { Article(id: $id, draft: $draft) { title lead } }`, {
          draft,
          id: draftOnly.id,
        }),
      )
      expect(hidden.body.data?.Article ?? null).toBeNull()
      expect(JSON.stringify(hidden.body)).not.toContain('Draft-only lead.')

      const shown = await readJson<GraphqlBody<{ Article: { lead: string; title: string } }>>(
        suite.rest.graphql(`query ($id: String!, $draft: Boolean) { Article(id: $id, draft: $draft) { title lead } }`, {
          draft,
          id: published.id,
        }),
      )
      expect(shown.body.errors).toBeUndefined()
      expect(shown.body.data?.Article).toEqual({ lead: 'Published lead.', title: 'Published text' })
    }
  })

  it('an editor reading with draft=true gets the newer draft, and the published text without it', async () => {
    const draftRead = await readArticle(published.id, { draft: true, token: editorToken() })
    expect(draftRead.body).toMatchObject({ _status: 'draft', lead: 'Unpublished lead.', title: 'Unpublished draft text' })
    const publishedRead = await readArticle(published.id, { token: editorToken() })
    expect(publishedRead.body).toMatchObject({ _status: 'published', lead: 'Published lead.', title: 'Published text' })
    const neverPublished = await readArticle(draftOnly.id, { draft: true, token: editorToken() })
    expect(neverPublished.body).toMatchObject({ _status: 'draft', title: 'Never published' })

    const list = await readJson<ListBody<Article>>(
      suite.rest.get('/api/articles?draft=true&limit=100', { token: editorToken() }),
    )
    expect(list.body.docs.find((doc) => doc.id === published.id)?.title).toBe('Unpublished draft text')
    expect(list.body.docs.map((doc) => doc.id)).toContain(draftOnly.id)

    const graphql = await readJson<GraphqlBody<{ Article: { title: string } }>>(
      suite.rest.graphql(`query ($id: String!) { Article(id: $id, draft: true) { title } }`, { id: published.id }, { token: editorToken() }),
    )
    expect(graphql.body.data?.Article.title).toBe('Unpublished draft text')
  })
})
