import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { createLocalReq, type PayloadRequest } from 'payload'

import { scheduleArticlePublish } from '../../src/admin/scheduleArticlePublish'
import type { Article, Author, Section } from '../../src/payload-types'
import { JournalContent } from '../helpers/journalContent'
import { createRoleUsers, type RoleUsers } from '../helpers/roleUsers'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'

/**
 * Scheduled publishing and unpublishing over REST: an editor schedules, the
 * jobs queue (which the server runs by itself on JOBS_AUTORUN_CRON; run by
 * hand here) publishes or unpublishes once the time has come.
 */

let suite: SuiteContext
let users: RoleUsers
let content: JournalContent
let section: Section
let author: Author

type ErrorBody = { errors: { message: string }[] }

beforeAll(async () => {
  suite = await startPayloadForSuite('workflow-schedule')
  users = await createRoleUsers(suite, 'schedule')
  content = new JournalContent(suite.payload)
  section = await content.section({ title: 'Reports' })
  author = await content.author({ name: 'Chen Jing' })
})

afterAll(async () => {
  await suite?.close()
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString()
const stored = (id: string) => suite.payload.findByID({ collection: 'articles', depth: 0, draft: true, id, overrideAccess: true })

/** A request made by the given user, as the admin UI's server functions receive it. */
async function requestOf(userId: string): Promise<PayloadRequest> {
  const user = await suite.payload.findByID({ collection: 'users', id: userId, overrideAccess: true })
  return createLocalReq({ user: { ...user, collection: 'users' } }, suite.payload)
}

async function pendingSchedules(articleId: string) {
  const { docs } = await suite.payload.find({
    collection: 'payload-jobs',
    overrideAccess: true,
    where: { and: [{ taskSlug: { equals: 'schedulePublish' } }, { 'input.doc.value': { equals: articleId } }, { completedAt: { exists: false } }] },
  })
  return docs
}

function schedule(id: string, body: object, token?: string) {
  return suite.rest.post(`/api/articles/${id}/schedule`, { body, token })
}

async function errorMessage(response: Response): Promise<string> {
  return ((await response.json()) as ErrorBody).errors.map((error) => error.message).join(' ')
}

describe('scheduled publishing', () => {
  it('publishes an article an editor scheduled, once the time has come and the queue runs', async () => {
    const draft = await content.article({ _status: 'draft', authors: [author.id], section: section.id, title: 'Due on Monday' })
    const response = await schedule(draft.id, { at: inSeconds(2), type: 'publish' }, users.editor.token)
    expect(response.status).toBe(202)
    expect((await stored(draft.id)).workflowStatus).toBe('scheduled')

    const listed = await suite.rest.get('/api/articles?draft=true&depth=0&where[workflowStatus][equals]=scheduled', { token: users.editor.token })
    expect(((await listed.json()) as { docs: Article[] }).docs.map((doc) => doc.id)).toEqual([draft.id])

    // Too early: the job waits.
    await suite.payload.jobs.run({ queue: 'default' })
    expect((await suite.rest.get(`/api/articles/${draft.id}`)).status).toBe(404)

    await sleep(2500)
    await suite.payload.jobs.run({ queue: 'default' })
    const published = await suite.rest.get(`/api/articles/${draft.id}?depth=0`)
    expect(published.status).toBe(200)
    expect(((await published.json()) as Article).title).toBe('Due on Monday')
    const saved = await stored(draft.id)
    expect(saved._status).toBe('published')
    expect(saved.workflowStatus).toBe('published')
    expect(saved.publishedAt).toBeTruthy()
  }, 20_000)

  it('shows a schedule made in the schedule drawer as `scheduled`, and a cancelled one back in review', async () => {
    const draft = await content.article({ _status: 'draft', authors: [author.id], section: section.id, title: 'Scheduled from the editor' })
    await suite.payload.update({ collection: 'articles', data: { workflowStatus: 'in-review' }, draft: true, id: draft.id, overrideAccess: true })
    const doc = { relationTo: 'articles' as const, value: draft.id }

    // A contributor's drawer is refused: nothing queued, nothing changed.
    const refused = await scheduleArticlePublish({ date: new Date(Date.now() + 3_600_000), doc, req: await requestOf(users.contributor.id), type: 'publish' } as never)
    expect(refused).toMatchObject({ error: expect.stringMatching(/Only editors schedule/) })
    expect(await pendingSchedules(draft.id)).toHaveLength(0)

    const scheduled = await scheduleArticlePublish({ date: new Date(Date.now() + 3_600_000), doc, req: await requestOf(users.editor.id), type: 'publish' } as never)
    expect(scheduled).not.toHaveProperty('error')
    const [job] = await pendingSchedules(draft.id)
    expect(job).toBeDefined()
    expect((await stored(draft.id)).workflowStatus).toBe('scheduled')

    // Cancelled in the drawer: only the schedule goes, and the article is back among those awaiting review.
    const cancelled = await scheduleArticlePublish({ deleteID: job.id, req: await requestOf(users.editor.id) } as never)
    expect(cancelled).not.toHaveProperty('error')
    expect(await pendingSchedules(draft.id)).toHaveLength(0)
    const { totalDocs } = await suite.payload.count({ collection: 'payload-jobs', overrideAccess: true, where: { taskSlug: { equals: 'schedulePublish' }, 'input.doc': { exists: false } } })
    expect(totalDocs).toBe(0)
    expect(await stored(draft.id)).toMatchObject({ _status: 'draft', workflowStatus: 'in-review' })
  })

  it('unpublishes a published article at the scheduled time', async () => {
    const live = await content.article({ authors: [author.id], section: section.id, title: 'Until Friday' })
    expect((await suite.rest.get(`/api/articles/${live.id}`)).status).toBe(200)
    const response = await schedule(live.id, { at: inSeconds(2), type: 'unpublish' }, users.editor.token)
    expect(response.status).toBe(202)

    await sleep(2500)
    await suite.payload.jobs.run({ queue: 'default' })
    expect((await suite.rest.get(`/api/articles/${live.id}`)).status).toBe(404)
    const saved = await stored(live.id)
    expect(saved._status).toBe('draft')
    expect(saved.workflowStatus).toBe('draft')
  }, 20_000)

  it('refuses contributors with 403 and queues nothing', async () => {
    const draftResponse = await suite.rest.post('/api/articles?draft=true', {
      body: { _status: 'draft', authors: [author.id], section: section.id, slug: content.uniqueSlug('mine'), title: 'Mine to schedule?' },
      token: users.contributor.token,
    })
    const { doc } = (await draftResponse.json()) as { doc: Article }
    const response = await schedule(doc.id, { at: inSeconds(60), type: 'publish' }, users.contributor.token)
    expect(response.status).toBe(403)
    expect(await errorMessage(response)).toMatch(/Contributors cannot schedule/)
    const jobs = await suite.payload.find({
      collection: 'payload-jobs',
      overrideAccess: true,
      where: { 'input.doc.value': { equals: doc.id } },
    })
    expect(jobs.totalDocs).toBe(0)
    expect((await stored(doc.id)).workflowStatus).toBe('draft')
  })

  it('publishes nothing when a schedule queued for a contributor runs', async () => {
    const created = await suite.rest.post('/api/articles?draft=true', {
      body: { _status: 'draft', authors: [author.id], section: section.id, slug: content.uniqueSlug('queued'), title: 'Queued by a contributor' },
      token: users.contributor.token,
    })
    const { doc } = (await created.json()) as { doc: Article }
    // What the admin UI's schedule drawer queues, for the signed-in contributor.
    await suite.payload.jobs.queue({
      input: { type: 'publish', doc: { relationTo: 'articles', value: doc.id }, user: { relationTo: 'users', value: users.contributor.id } },
      task: 'schedulePublish',
      waitUntil: new Date(Date.now() + 500),
    })
    await sleep(800)
    await suite.payload.jobs.run({ queue: 'default' })
    expect((await stored(doc.id))._status).toBe('draft')
    expect((await suite.rest.get(`/api/articles/${doc.id}`)).status).toBe(404)
  }, 20_000)

  it('refuses anonymous callers, bad dates and unknown articles', async () => {
    const draft = await content.article({ _status: 'draft', authors: [author.id], section: section.id, title: 'Undated' })
    expect((await schedule(draft.id, { at: inSeconds(60) })).status).toBe(401)

    const past = await schedule(draft.id, { at: '2001-01-01T00:00:00Z' }, users.editor.token)
    expect(past.status).toBe(400)
    expect(await errorMessage(past)).toMatch(/in the future/)
    const garbled = await schedule(draft.id, { at: 'next Tuesday' }, users.editor.token)
    expect(garbled.status).toBe(400)
    const wrongType = await schedule(draft.id, { at: inSeconds(60), type: 'archive' }, users.editor.token)
    expect(wrongType.status).toBe(400)
    const unpublishDraft = await schedule(draft.id, { at: inSeconds(60), type: 'unpublish' }, users.editor.token)
    expect(unpublishDraft.status).toBe(400)

    const missing = await schedule('6b0000000000000000000000', { at: inSeconds(60) }, users.editor.token)
    expect(missing.status).toBe(404)
    expect((await stored(draft.id)).workflowStatus).toBe('draft')
  })

  it('does not let a contributor unpublish its own published article', async () => {
    const created = await suite.rest.post('/api/articles?draft=true', {
      body: { _status: 'draft', authors: [author.id], section: section.id, slug: content.uniqueSlug('pub'), title: 'Printed' },
      token: users.contributor.token,
    })
    const { doc } = (await created.json()) as { doc: Article }
    await suite.rest.patch(`/api/articles/${doc.id}`, { body: { _status: 'published' }, token: users.editor.token })
    const refused = await suite.rest.patch(`/api/articles/${doc.id}`, { body: { _status: 'draft' }, token: users.contributor.token })
    expect(refused.status).toBe(403)
    expect(await errorMessage(refused)).toMatch(/cannot unpublish/)
    expect((await suite.rest.get(`/api/articles/${doc.id}`)).status).toBe(200)
  })
})
