import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { TypedUser } from 'payload'

import { editorialDesk } from '../../src/admin/editorialDesk'
import { REMOVE_BLANK_DRAFTS_TASK, removeBlankDrafts } from '../../collections/Articles/jobs/removeBlankDrafts'
import type { Article } from '../../src/payload-types'
import { JournalContent } from '../helpers/journalContent'
import { createRoleUsers, type RoleUser, type RoleUsers } from '../helpers/roleUsers'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'

/**
 * "Create New" in the admin UI stores an empty draft at once (Payload does,
 * for collections with autosave). Such a draft is marked blank until the
 * editor's first change is saved; blank drafts are kept out of the editors'
 * lists and removed after a day. (test/admin/newEditorTour.spec.ts walks the
 * same in Chromium.)
 */

let suite: SuiteContext
let users: RoleUsers
let content: JournalContent

async function accountOf(user: RoleUser): Promise<TypedUser> {
  const account = await suite.payload.findByID({ collection: 'users', id: user.id, overrideAccess: true })
  return { ...account, collection: 'users' } as TypedUser
}

/** What the admin UI's create view does for a collection with autosave: an empty draft, with the editor's own access. */
async function createNew(user: RoleUser): Promise<Article> {
  return suite.payload.create({ collection: 'articles', data: {}, depth: 0, draft: true, fallbackLocale: false, locale: 'en', overrideAccess: false, user: await accountOf(user) })
}

/** The article's latest version as the editor reads it over REST. */
async function latest(id: string): Promise<Article> {
  const response = await suite.rest.get(`/api/articles/${id}?draft=true&depth=0`, { token: users.editor.token })
  expect(response.status).toBe(200)
  return (await response.json()) as Article
}

async function myDraftIds(user: RoleUser): Promise<string[]> {
  const desk = await editorialDesk({ adminRoute: '/admin', payload: suite.payload, user: await accountOf(user) })
  return desk.myDrafts.articles.map((article) => article.id)
}

beforeAll(async () => {
  suite = await startPayloadForSuite('workflow-blank-drafts')
  users = await createRoleUsers(suite, 'blank')
  content = new JournalContent(suite.payload)
})

afterAll(async () => {
  await suite?.close()
})

describe('a draft made by "Create New"', () => {
  it('is blank until the editor’s first change is saved, and only then on the editor’s desk', async () => {
    const draft = await createNew(users.editor)
    expect(await latest(draft.id)).toMatchObject({ _status: 'draft', blankDraft: true })
    expect(await myDraftIds(users.editor)).not.toContain(draft.id)

    // What autosave sends once the editor has typed a title.
    const saved = await suite.rest.patch(`/api/articles/${draft.id}?draft=true&autosave=true&depth=0`, { body: { title: 'The first words' }, token: users.editor.token })
    expect(saved.status).toBe(200)
    expect(await latest(draft.id)).toMatchObject({ blankDraft: false, title: 'The first words' })
    expect(await myDraftIds(users.editor)).toContain(draft.id)
  })

  it('is not blank when made with content', async () => {
    const section = await content.section({ title: 'Journals' })
    const response = await suite.rest.post('/api/articles?draft=true', { body: { _status: 'draft', section: section.id, title: 'Sent with a title' }, token: users.contributor.token })
    expect(response.status).toBe(201)
    const { doc } = (await response.json()) as { doc: Article }
    expect(await latest(doc.id)).toMatchObject({ blankDraft: false })
  })

  it('is never shown to readers, nor is the mark', async () => {
    const draft = await createNew(users.editor)
    expect((await suite.rest.get(`/api/articles/${draft.id}`)).status).toBe(404)
    const section = await content.section({ title: 'Master forum' })
    const author = await content.author({ name: 'Sun Li' })
    const published = await content.article({ authors: [author.id], section: section.id, title: 'Published without the mark' })
    const response = await suite.rest.get(`/api/articles/${published.id}?depth=0`)
    expect(response.status).toBe(200)
    expect(await response.json()).not.toHaveProperty('blankDraft')
  })
})

describe('removing blank drafts', () => {
  it('removes the blank drafts older than the cut-off with their versions, and nothing an editor wrote in', async () => {
    const untouched = await createNew(users.contributor)
    const writtenIn = await createNew(users.contributor)
    const saved = await suite.rest.patch(`/api/articles/${writtenIn.id}?draft=true&autosave=true`, { body: { lead: 'Begun, not titled yet.' }, token: users.contributor.token })
    expect(saved.status).toBe(200)

    // A day after they were left: nothing made just now is old enough yet.
    expect(await removeBlankDrafts(suite.payload)).toBe(0)
    const removed = await removeBlankDrafts(suite.payload, new Date(Date.now() + 1000))
    expect(removed).toBeGreaterThanOrEqual(1)

    const remaining = await suite.payload.find({ collection: 'articles', depth: 0, draft: true, limit: 100, overrideAccess: true, where: { id: { in: [untouched.id, writtenIn.id] } } })
    expect(remaining.docs.map((doc) => doc.id)).toEqual([writtenIn.id])
    const versions = await suite.payload.countVersions({ collection: 'articles', overrideAccess: true, where: { parent: { equals: untouched.id } } })
    expect(versions.totalDocs).toBe(0)
  })

  it('runs every hour on the jobs queue', () => {
    const task = suite.config.jobs.tasks?.find((candidate) => candidate.slug === REMOVE_BLANK_DRAFTS_TASK)
    // Queued once per run however many instances share the database (the schedule's once-only hook, src/database/jobClaims.ts).
    expect(task?.schedule).toEqual([{ cron: '0 17 * * * *', hooks: { beforeSchedule: expect.any(Function) }, queue: 'default' }])
  })
})
