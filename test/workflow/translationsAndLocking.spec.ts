import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { Article, Author, Section } from '../../src/payload-types'
import { JournalContent } from '../helpers/journalContent'
import { lexicalDocument } from '../helpers/lexical'
import { createRoleUsers, type RoleUsers } from '../helpers/roleUsers'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'

/**
 * What editors see of missing translations (`missingLocales`, filterable),
 * and document locking: a second editor's save over REST is refused while the
 * first holds the lock.
 */

let suite: SuiteContext
let users: RoleUsers
let content: JournalContent
let section: Section
let author: Author

beforeAll(async () => {
  suite = await startPayloadForSuite('workflow-translations')
  users = await createRoleUsers(suite, 'translations')
  content = new JournalContent(suite.payload)
  section = await content.section({ title: 'Essays' })
  author = await content.author({ name: 'Wang Fang' })
})

afterAll(async () => {
  await suite?.close()
})

const ids = async (response: Response) => ((await response.json()) as { docs: Article[] }).docs.map((doc) => doc.id).sort()

describe('missing translations', () => {
  it('are derived from the text and filterable per language', async () => {
    const englishOnly = await content.article({
      authors: [author.id],
      body: lexicalDocument(['English body']),
      lead: 'English lead',
      section: section.id,
      title: 'English only',
    })
    expect(englishOnly.missingLocales).toEqual(['zh'])

    const both = await content.article({
      authors: [author.id],
      body: lexicalDocument(['English body']),
      lead: 'English lead',
      section: section.id,
      title: 'In both languages',
    })
    await suite.payload.update({
      collection: 'articles',
      data: { body: lexicalDocument(['中文正文']), lead: '中文导语', title: '两种语言' },
      id: both.id,
      locale: 'zh',
      overrideAccess: true,
    })
    const bothSaved = await suite.payload.findByID({ collection: 'articles', depth: 0, id: both.id, overrideAccess: true })
    expect(bothSaved.missingLocales).toEqual([])

    const lackingChinese = await suite.rest.get('/api/articles?depth=0&limit=100&where[missingLocales][in]=zh', { token: users.editor.token })
    expect(lackingChinese.status).toBe(200)
    const lacking = await ids(lackingChinese)
    expect(lacking).toContain(englishOnly.id)
    expect(lacking).not.toContain(both.id)

    const lackingEnglish = await suite.rest.get('/api/articles?depth=0&limit=100&where[missingLocales][in]=en', { token: users.editor.token })
    const lackingEn = await ids(lackingEnglish)
    expect(lackingEn).not.toContain(englishOnly.id)
    expect(lackingEn).not.toContain(both.id)
  })
})

describe('document locking', () => {
  it('refuses a second editor’s save while the first holds the lock, and lets the holder save', async () => {
    const article = await content.article({ authors: [author.id], section: section.id, title: 'Being edited' })
    // What the admin UI records when an editor opens the document.
    await suite.payload.create({
      collection: 'payload-locked-documents',
      data: { document: { relationTo: 'articles', value: article.id }, user: { relationTo: 'users', value: users.editor.id } },
      overrideAccess: true,
    })

    const second = await suite.rest.patch(`/api/articles/${article.id}`, {
      body: { title: 'Overwritten' },
      token: users.admin.token,
    })
    expect(second.status).toBe(423)
    const { errors } = (await second.json()) as { errors: { message: string }[] }
    expect(errors[0].message).toMatch(/locked by another user/)
    const unchanged = await suite.payload.findByID({ collection: 'articles', depth: 0, id: article.id, overrideAccess: true })
    expect(unchanged.title).toBe('Being edited')

    const holder = await suite.rest.patch(`/api/articles/${article.id}`, {
      body: { title: 'Edited by the lock holder' },
      token: users.editor.token,
    })
    expect(holder.status).toBe(200)
    const saved = await suite.payload.findByID({ collection: 'articles', depth: 0, id: article.id, overrideAccess: true })
    expect(saved.title).toBe('Edited by the lock holder')
  })
})
