import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { TypedUser } from 'payload'

import { editorialDesk, type EditorialDesk } from '../../src/admin/editorialDesk'
import type { Article, Author, Section } from '../../src/payload-types'
import { JournalContent } from '../helpers/journalContent'
import { lexicalDocument } from '../helpers/lexical'
import { createRoleUsers, type RoleUser, type RoleUsers } from '../helpers/roleUsers'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'

/**
 * The editors' dashboard lists, from articles in every state made over REST
 * by a contributor and an editor, read with each user's own access.
 */

let suite: SuiteContext
let users: RoleUsers
let content: JournalContent
let section: Section
let author: Author
const made: Record<string, Article> = {}
const scheduledFor = new Date(Date.now() + 86_400_000)

async function createAs(user: RoleUser, title: string, extra: Record<string, unknown> = {}): Promise<Article> {
  const response = await suite.rest.post('/api/articles?draft=true', {
    body: { _status: 'draft', authors: [author.id], section: section.id, slug: content.uniqueSlug('desk'), title, ...extra },
    token: user.token,
  })
  expect(response.status).toBe(201)
  return ((await response.json()) as { doc: Article }).doc
}

async function moveTo(user: RoleUser, id: string, body: Record<string, unknown>): Promise<void> {
  const response = await suite.rest.patch(`/api/articles/${id}?draft=true`, { body: { _status: 'draft', ...body }, token: user.token })
  expect(response.status).toBe(200)
}

async function deskOf(user: RoleUser): Promise<EditorialDesk> {
  const account = await suite.payload.findByID({ collection: 'users', id: user.id, overrideAccess: true })
  return editorialDesk({ adminRoute: '/admin', payload: suite.payload, user: { ...account, collection: 'users' } as TypedUser })
}

const titles = (list: { articles: { title: string }[] }) => list.articles.map((article) => article.title)

beforeAll(async () => {
  suite = await startPayloadForSuite('workflow-desk')
  users = await createRoleUsers(suite, 'desk')
  content = new JournalContent(suite.payload)
  section = await content.section({ title: 'Master forum' })
  author = await content.author({ name: 'Sun Li' })

  made.contributorDraft = await createAs(users.contributor, 'Contributor draft')
  made.submitted = await createAs(users.contributor, 'Submitted for review')
  await moveTo(users.contributor, made.submitted.id, { workflowStatus: 'in-review' })
  made.editorDraft = await createAs(users.editor, 'Editor draft')
  made.toSchedule = await createAs(users.editor, 'Going out tomorrow')
  const scheduled = await suite.rest.post(`/api/articles/${made.toSchedule.id}/schedule`, {
    body: { at: scheduledFor.toISOString(), type: 'publish' },
    token: users.editor.token,
  })
  expect(scheduled.status).toBe(202)
  made.englishOnly = await content.article({
    authors: [author.id],
    body: lexicalDocument(['Body']),
    lead: 'Lead',
    section: section.id,
    title: 'Published in English only',
  })
})

afterAll(async () => {
  await suite?.close()
})

describe('the editors’ dashboard', () => {
  it('shows an editor the articles awaiting review, scheduled with their date, their own drafts and missing translations', async () => {
    const desk = await deskOf(users.editor)
    expect(titles(desk.awaitingReview)).toEqual(['Submitted for review'])
    expect(titles(desk.myDrafts)).toEqual(['Editor draft'])
    expect(titles(desk.scheduled)).toEqual(['Going out tomorrow'])
    expect(desk.scheduled.articles[0].scheduledFor).toBe(scheduledFor.toISOString())
    expect(titles(desk.missingTranslations)).toContain('Published in English only')
    expect(desk.missingTranslations.articles.find((article) => article.title === 'Published in English only')?.missingLocales).toEqual(['zh'])
  })

  it('shows a contributor only what it may read: its own drafts and submissions', async () => {
    const desk = await deskOf(users.contributor)
    expect(titles(desk.myDrafts)).toEqual(['Contributor draft'])
    expect(titles(desk.awaitingReview)).toEqual(['Submitted for review'])
    expect(titles(desk.scheduled)).toEqual([])
    expect(titles(desk.missingTranslations)).not.toContain('Editor draft')
  })

  it('links each list to the list view with the same filter', async () => {
    const desk = await deskOf(users.editor)
    for (const list of [desk.awaitingReview, desk.scheduled, desk.myDrafts, desk.missingTranslations]) {
      const query = list.listUrl.slice(list.listUrl.indexOf('?') + 1)
      expect(list.listUrl.startsWith('/admin/collections/articles?')).toBe(true)
      const response = await suite.rest.get(`/api/articles?draft=true&depth=0&${query}`, { token: users.editor.token })
      expect(response.status).toBe(200)
      expect(((await response.json()) as { totalDocs: number }).totalDocs).toBe(list.totalDocs)
    }
  })
})
