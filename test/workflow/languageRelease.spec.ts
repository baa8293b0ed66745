import { randomUUID } from 'node:crypto'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { Article, Author, Section } from '../../src/payload-types'
import { JournalContent } from '../helpers/journalContent'
import { lexicalDocument } from '../helpers/lexical'
import { createRoleUsers, type RoleUsers } from '../helpers/roleUsers'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'

/**
 * Publishing one language while the other is still being translated: the
 * unfinished (or withheld) text is part of the stored article, but no reader
 * gets it, on any path; editors and the website's preview reads do.
 */

let suite: SuiteContext
let users: RoleUsers
let content: JournalContent
let section: Section
let author: Author
let websiteKey: string

beforeAll(async () => {
  suite = await startPayloadForSuite('workflow-language-release')
  users = await createRoleUsers(suite, 'release')
  content = new JournalContent(suite.payload)
  section = await content.section({ title: 'Master forum' })
  author = await content.author({ name: 'Zhou Ming' })
  websiteKey = randomUUID()
  const account = await suite.rest.post('/api/users', {
    body: { apiKey: websiteKey, email: 'website-release@example.org', enableAPIKey: true, name: 'Website', password: randomUUID(), roles: ['website'] },
    token: users.admin.token,
  })
  expect(account.status).toBe(201)
})

afterAll(async () => {
  await suite?.close()
})

type ReadArticle = Pick<Article, 'contentLocale' | 'lead' | 'title'> & { body?: unknown }

async function readerView(id: string, query: string, headers: Record<string, string> = {}): Promise<ReadArticle> {
  const response = await suite.rest.get(`/api/articles/${id}?depth=0&${query}`, { headers })
  expect(response.status).toBe(200)
  return (await response.json()) as ReadArticle
}

async function editorSaves(id: string, locale: string, body: Record<string, unknown>, { draft }: { draft: boolean }) {
  const response = await suite.rest.patch(`/api/articles/${id}?locale=${locale}${draft ? '&draft=true' : ''}`, {
    body: { ...body, _status: draft ? 'draft' : 'published' },
    token: users.editor.token,
  })
  expect(response.status).toBe(200)
}

async function publishedEnglishArticle(title: string): Promise<Article> {
  return content.article({
    authors: [author.id],
    body: lexicalDocument(['The English body.']),
    lead: 'The English lead.',
    section: section.id,
    title,
  })
}

describe('an article published in English while its Chinese translation is in progress', () => {
  it('keeps a half-written translation, published along with an English correction, from every reader', async () => {
    const article = await publishedEnglishArticle('Alliance politics')
    // The translator saves what is done so far: a title and a lead, no body yet.
    await editorSaves(article.id, 'zh', { lead: '未完成的导语', title: '未完成的译文' }, { draft: true })
    // An editor publishes a correction to the English text: the latest draft, Chinese included, is what gets published.
    await editorSaves(article.id, 'en', { lead: 'The corrected English lead.' }, { draft: false })

    const stored = await suite.payload.findByID({ collection: 'articles', depth: 0, id: article.id, locale: 'all', overrideAccess: true })
    expect(stored.title).toMatchObject({ zh: '未完成的译文' })
    expect(stored._status).toBe('published')
    expect(stored.availableLocales).toEqual(['en'])

    const rest = await readerView(article.id, 'locale=zh')
    expect(rest).toMatchObject({ contentLocale: 'en', lead: 'The corrected English lead.', title: 'Alliance politics' })

    const website = await suite.rest.get(`/api/website/articles/${article.slug}?locale=zh`)
    expect(website.status).toBe(200)
    expect(await website.json()).toMatchObject({ contentLocale: 'en', title: 'Alliance politics' })

    const graphql = await suite.rest.graphql('query ($id: String!) { Article(id: $id, locale: zh) { title lead contentLocale } }', { id: article.id })
    expect(await graphql.json()).toEqual({ data: { Article: { contentLocale: 'en', lead: 'The corrected English lead.', title: 'Alliance politics' } } })

    const everyLanguage = (await readerView(article.id, 'locale=all')) as unknown as { lead: Record<string, string>; title: Record<string, string> }
    expect(Object.keys(everyLanguage.title)).toEqual(['en'])
    expect(Object.keys(everyLanguage.lead)).toEqual(['en'])

    // A reader who turns fallbacks off gets nothing rather than the unfinished text.
    const noFallback = await readerView(article.id, 'locale=zh&fallback-locale=none')
    expect(noFallback.title ?? null).toBeNull()

    // A `select` cannot leave out what decides the language.
    const selected = await suite.rest.get(`/api/articles?locale=zh&depth=0&select[title]=true&where[id][equals]=${article.id}`)
    const { docs } = (await selected.json()) as { docs: ReadArticle[] }
    expect(docs[0].title).toBe('Alliance politics')

    // The people translating it see their work.
    const editor = await suite.rest.get(`/api/articles/${article.id}?depth=0&locale=zh`, { token: users.editor.token })
    expect(await editor.json()).toMatchObject({ title: '未完成的译文' })
  })

  it('withholds a complete translation until an editor releases it, then serves it everywhere', async () => {
    const article = await publishedEnglishArticle('Maritime order')
    await editorSaves(
      article.id,
      'zh',
      { body: lexicalDocument(['海洋秩序的正文']), lead: '海洋秩序导语', title: '海洋秩序', withheldLocales: ['zh'] },
      { draft: false },
    )
    const withheld = await suite.payload.findByID({ collection: 'articles', depth: 0, id: article.id, overrideAccess: true })
    expect(withheld.availableLocales).toEqual(['en'])
    expect(withheld.missingLocales).toEqual(['zh'])

    expect(await readerView(article.id, 'locale=zh')).toMatchObject({ contentLocale: 'en', title: 'Maritime order' })
    // The website's key reads what the public reads, and the unreleased text only when it previews drafts.
    const key = { Authorization: `users API-Key ${websiteKey}` }
    expect(await readerView(article.id, 'locale=zh', key)).toMatchObject({ contentLocale: 'en', title: 'Maritime order' })
    expect(await readerView(article.id, 'locale=zh&draft=true', key)).toMatchObject({ title: '海洋秩序' })
    // Readers never learn what is withheld.
    expect(await readerView(article.id, 'locale=en')).not.toHaveProperty('withheldLocales')

    const chineseSearch = async () => {
      const response = await suite.rest.get(`/api/search?q=${encodeURIComponent('海洋秩序')}&locale=zh`)
      expect(response.status).toBe(200)
      return ((await response.json()) as { docs: { title?: string }[] }).docs.map((hit) => hit.title)
    }
    expect(await chineseSearch()).toEqual([])

    await editorSaves(article.id, 'zh', { withheldLocales: [] }, { draft: false })
    const released = await suite.payload.findByID({ collection: 'articles', depth: 0, id: article.id, overrideAccess: true })
    expect(released.availableLocales).toEqual(['en', 'zh'])
    expect(released.missingLocales).toEqual([])
    expect(await readerView(article.id, 'locale=zh')).toMatchObject({ contentLocale: 'zh', lead: '海洋秩序导语', title: '海洋秩序' })
    expect(await chineseSearch()).toContain('海洋秩序')
  })

  it('lets contributors and editors filter articles by a withheld language', async () => {
    const article = await publishedEnglishArticle('Withheld for review')
    await editorSaves(article.id, 'en', { withheldLocales: ['zh'] }, { draft: false })
    const response = await suite.rest.get('/api/articles?depth=0&limit=100&where[withheldLocales][in]=zh', { token: users.editor.token })
    expect(response.status).toBe(200)
    const { docs } = (await response.json()) as { docs: Article[] }
    expect(docs.map((doc) => doc.id)).toContain(article.id)
  })
})
