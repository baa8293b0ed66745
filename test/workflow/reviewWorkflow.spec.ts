import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { Article, Author, Section } from '../../src/payload-types'
import { JournalContent, smallPng, uploadForm } from '../helpers/journalContent'
import { createRoleUsers, type RoleUsers } from '../helpers/roleUsers'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'

/**
 * The review workflow over REST: a contributor writes and submits its own
 * drafts and never publishes; editors send drafts back with a comment or
 * publish them. Every refusal is checked against the database.
 */

let suite: SuiteContext
let users: RoleUsers
let content: JournalContent
let section: Section
let author: Author

type DocBody = { doc: Article }
type ErrorBody = { errors: { message: string }[] }

beforeAll(async () => {
  suite = await startPayloadForSuite('workflow-review')
  users = await createRoleUsers(suite, 'review')
  content = new JournalContent(suite.payload)
  section = await content.section({ title: 'Commentary' })
  author = await content.author({ name: 'Zhang Min' })
})

afterAll(async () => {
  await suite?.close()
})

const stored = (id: string) =>
  suite.payload.findByID({ collection: 'articles', depth: 0, draft: true, id, overrideAccess: true })

async function contributorDraft(title: string): Promise<Article> {
  const response = await suite.rest.post('/api/articles?draft=true', {
    body: { _status: 'draft', authors: [author.id], section: section.id, slug: content.uniqueSlug('draft'), title },
    token: users.contributor.token,
  })
  expect(response.status).toBe(201)
  return ((await response.json()) as DocBody).doc
}

async function errorMessage(response: Response): Promise<string> {
  return ((await response.json()) as ErrorBody).errors.map((error) => error.message).join(' ')
}

describe('contributors', () => {
  it('create drafts that record them as their creator, whatever the client sends', async () => {
    const response = await suite.rest.post('/api/articles?draft=true', {
      body: {
        _status: 'draft',
        authors: [author.id],
        createdBy: users.editor.id,
        section: section.id,
        slug: content.uniqueSlug('own'),
        title: 'My first draft',
      },
      token: users.contributor.token,
    })
    expect(response.status).toBe(201)
    const { doc } = (await response.json()) as DocBody
    const saved = await stored(doc.id)
    expect(saved.createdBy).toBe(users.contributor.id)
    expect(saved.workflowStatus).toBe('draft')
    expect(saved._status).toBe('draft')
  })

  it('cannot publish when creating: 403 with a message, nothing saved', async () => {
    const slug = content.uniqueSlug('published-by-contributor')
    const response = await suite.rest.post('/api/articles', {
      body: { _status: 'published', authors: [author.id], section: section.id, slug, title: 'Straight to print' },
      token: users.contributor.token,
    })
    expect(response.status).toBe(403)
    expect(await errorMessage(response)).toMatch(/Contributors cannot publish/)
    const found = await suite.payload.find({ collection: 'articles', draft: true, overrideAccess: true, where: { slug: { equals: slug } } })
    expect(found.totalDocs).toBe(0)
  })

  it('cannot publish their own draft: 403, the article stays unpublished', async () => {
    const draft = await contributorDraft('Not yet')
    const response = await suite.rest.patch(`/api/articles/${draft.id}`, {
      body: { _status: 'published' },
      token: users.contributor.token,
    })
    expect(response.status).toBe(403)
    expect(await errorMessage(response)).toMatch(/Contributors cannot publish/)
    const saved = await stored(draft.id)
    expect(saved._status).toBe('draft')
    const anonymous = await suite.rest.get(`/api/articles/${draft.id}`)
    expect(anonymous.status).toBe(404)
  })

  it('edit their own drafts but not other people’s articles', async () => {
    const own = await contributorDraft('Own words')
    const edited = await suite.rest.patch(`/api/articles/${own.id}?draft=true`, {
      body: { title: 'Own better words' },
      token: users.contributor.token,
    })
    expect(edited.status).toBe(200)
    expect((await stored(own.id)).title).toBe('Own better words')

    const editorsDraft = await content.article({ _status: 'draft', authors: [author.id], section: section.id, title: 'The editor’s draft' })
    const refused = await suite.rest.patch(`/api/articles/${editorsDraft.id}?draft=true`, {
      body: { title: 'Taken over' },
      token: users.contributor.token,
    })
    expect(refused.status).toBe(403)
    expect((await stored(editorsDraft.id)).title).toBe('The editor’s draft')

    const hidden = await suite.rest.get(`/api/articles/${editorsDraft.id}?draft=true`, { token: users.contributor.token })
    expect(hidden.status).toBe(404)
  })

  it('read published articles and their own drafts, not others’ drafts', async () => {
    const own = await contributorDraft('Listed draft')
    const published = await content.article({ authors: [author.id], section: section.id, title: 'Visible to all' })
    const othersDraft = await content.article({ _status: 'draft', authors: [author.id], section: section.id, title: 'Invisible draft' })
    const response = await suite.rest.get('/api/articles?draft=true&limit=100&depth=0', { token: users.contributor.token })
    expect(response.status).toBe(200)
    const ids = ((await response.json()) as { docs: Article[] }).docs.map((doc) => doc.id)
    expect(ids).toEqual(expect.arrayContaining([own.id, published.id]))
    expect(ids).not.toContain(othersDraft.id)
  })

  it('read the version history of their own articles only', async () => {
    const own = await contributorDraft('Own history')
    const others = await content.article({ _status: 'draft', authors: [author.id], section: section.id, title: 'Someone else’s history' })
    const history = (id: string, token: string) => suite.rest.get(`/api/articles/versions?depth=0&where[parent][equals]=${id}`, { token })

    const ownHistory = await history(own.id, users.contributor.token)
    expect(ownHistory.status).toBe(200)
    expect(((await ownHistory.json()) as { totalDocs: number }).totalDocs).toBeGreaterThan(0)
    const othersHistory = await history(others.id, users.contributor.token)
    expect(othersHistory.status).toBe(200)
    expect(((await othersHistory.json()) as { totalDocs: number }).totalDocs).toBe(0)
    const editorView = await history(others.id, users.editor.token)
    expect(((await editorView.json()) as { totalDocs: number }).totalDocs).toBeGreaterThan(0)
  })

  it('cannot delete published articles, even their own, but may delete their own drafts', async () => {
    const mine = await contributorDraft('To be published')
    await suite.payload.update({ collection: 'articles', data: { _status: 'published' }, id: mine.id, overrideAccess: true })
    const refused = await suite.rest.delete(`/api/articles/${mine.id}`, { token: users.contributor.token })
    expect(refused.status).toBeGreaterThanOrEqual(403)
    expect((await stored(mine.id))._status).toBe('published')

    const scrap = await contributorDraft('Scrap')
    const deleted = await suite.rest.delete(`/api/articles/${scrap.id}`, { token: users.contributor.token })
    expect(deleted.status).toBe(200)
    const left = await suite.payload.find({ collection: 'articles', draft: true, overrideAccess: true, where: { id: { equals: scrap.id } } })
    expect(left.totalDocs).toBe(0)
  })

  it('upload media for their articles', async () => {
    const form = uploadForm({ bytes: await smallPng(), filename: 'figure.png', type: 'image/png' }, { alt: 'A figure' })
    const response = await suite.rest.post('/api/media', { body: form, token: users.contributor.token })
    expect(response.status).toBe(201)
  })

  it('may open the admin UI', async () => {
    const response = await suite.rest.get('/api/users/me', { token: users.contributor.token })
    const { user } = (await response.json()) as { user: { roles: string[] } | null }
    expect(user?.roles).toEqual(['contributor'])
    const access = await suite.rest.get('/api/access', { token: users.contributor.token })
    const permissions = (await access.json()) as { canAccessAdmin: boolean; collections: Record<string, { create: boolean }> }
    expect(permissions.canAccessAdmin).toBe(true)
    expect(permissions.collections.articles.create).toBe(true)
  })
})

describe('review', () => {
  it('runs draft → in review → changes requested (with a comment) → in review → published', async () => {
    const draft = await contributorDraft('Under review')

    const submitted = await suite.rest.patch(`/api/articles/${draft.id}?draft=true`, {
      body: { workflowStatus: 'in-review' },
      token: users.contributor.token,
    })
    expect(submitted.status).toBe(200)
    expect((await stored(draft.id)).workflowStatus).toBe('in-review')

    const withoutComment = await suite.rest.patch(`/api/articles/${draft.id}?draft=true`, {
      body: { workflowStatus: 'changes-requested' },
      token: users.editor.token,
    })
    expect(withoutComment.status).toBe(400)
    expect(await errorMessage(withoutComment)).toMatch(/needs a review comment/)
    expect((await stored(draft.id)).workflowStatus).toBe('in-review')

    const sentBack = await suite.rest.patch(`/api/articles/${draft.id}?draft=true`, {
      body: { reviewComments: [{ text: 'Please cite the 2019 survey.' }], workflowStatus: 'changes-requested' },
      token: users.editor.token,
    })
    expect(sentBack.status).toBe(200)
    const returned = await stored(draft.id)
    expect(returned.workflowStatus).toBe('changes-requested')
    expect(returned.reviewComments).toHaveLength(1)
    expect(returned.reviewComments?.[0]).toMatchObject({ author: users.editor.id, text: 'Please cite the 2019 survey.' })
    expect(Date.parse(String(returned.reviewComments?.[0].date))).toBeGreaterThan(Date.now() - 60_000)

    const ownView = await suite.rest.get(`/api/articles/${draft.id}?draft=true&depth=0`, { token: users.contributor.token })
    expect(((await ownView.json()) as Article).reviewComments?.[0].text).toBe('Please cite the 2019 survey.')

    const resubmitted = await suite.rest.patch(`/api/articles/${draft.id}?draft=true`, {
      body: { title: 'Under review, with the survey', workflowStatus: 'in-review' },
      token: users.contributor.token,
    })
    expect(resubmitted.status).toBe(200)

    const published = await suite.rest.patch(`/api/articles/${draft.id}`, {
      body: { _status: 'published' },
      token: users.editor.token,
    })
    expect(published.status).toBe(200)
    const live = await stored(draft.id)
    expect(live._status).toBe('published')
    expect(live.workflowStatus).toBe('published')

    const publicView = await suite.rest.get(`/api/articles/${draft.id}?depth=0`)
    expect(publicView.status).toBe(200)
    const publicDoc = (await publicView.json()) as Article
    expect(publicDoc.title).toBe('Under review, with the survey')
    expect(publicDoc.reviewComments ?? []).toEqual([])
    expect(publicDoc).not.toHaveProperty('createdBy')
  })

  it('lets only editors send an article back', async () => {
    const draft = await contributorDraft('Self-review')
    await suite.rest.patch(`/api/articles/${draft.id}?draft=true`, { body: { workflowStatus: 'in-review' }, token: users.contributor.token })
    const refused = await suite.rest.patch(`/api/articles/${draft.id}?draft=true`, {
      body: { reviewComments: [{ text: 'Looks fine to me' }], workflowStatus: 'changes-requested' },
      token: users.contributor.token,
    })
    expect(refused.status).toBe(403)
    const saved = await stored(draft.id)
    expect(saved.workflowStatus).toBe('in-review')
    expect(saved.reviewComments ?? []).toHaveLength(0)
  })

  it('refuses moves that skip a step, and setting published or scheduled directly', async () => {
    const draft = await contributorDraft('Out of order')
    const skip = await suite.rest.patch(`/api/articles/${draft.id}?draft=true`, {
      body: { reviewComments: [{ text: 'Redo' }], workflowStatus: 'changes-requested' },
      token: users.editor.token,
    })
    expect(skip.status).toBe(400)
    expect(await errorMessage(skip)).toMatch(/cannot move from "draft" to "changes-requested"/)

    for (const status of ['published', 'scheduled']) {
      const direct = await suite.rest.patch(`/api/articles/${draft.id}?draft=true`, {
        body: { workflowStatus: status },
        token: users.editor.token,
      })
      expect(direct.status).toBe(400)
    }
    expect((await stored(draft.id)).workflowStatus).toBe('draft')
  })

  it('keeps review comments from readers, contacts staff and contributors who did not write the article', async () => {
    const draft = await content.article({ _status: 'draft', authors: [author.id], section: section.id, title: 'Commented' })
    await suite.payload.update({
      collection: 'articles',
      data: { _status: 'published', reviewComments: [{ text: 'Internal note' }] },
      id: draft.id,
      overrideAccess: true,
    })
    // Payload answers an unreadable array field with an empty array: no comment reaches them.
    const anonymous = await suite.rest.get(`/api/articles/${draft.id}?depth=0`)
    expect(anonymous.status).toBe(200)
    const anonymousBody = await anonymous.text()
    expect(anonymousBody).toContain('Commented')
    expect(anonymousBody).not.toContain('Internal note')
    for (const viewer of ['contacts', 'contributor'] as const) {
      const response = await suite.rest.get(`/api/articles/${draft.id}?depth=0`, { token: users[viewer].token })
      expect(await response.text()).not.toContain('Internal note')
    }
    const editor = await suite.rest.get(`/api/articles/${draft.id}?depth=0`, { token: users.editor.token })
    expect(((await editor.json()) as Article).reviewComments?.[0].text).toBe('Internal note')
  })

  it('can filter the list by review state', async () => {
    const draft = await contributorDraft('Filter me')
    await suite.rest.patch(`/api/articles/${draft.id}?draft=true`, { body: { workflowStatus: 'in-review' }, token: users.contributor.token })
    const response = await suite.rest.get('/api/articles?draft=true&depth=0&limit=100&where[workflowStatus][equals]=in-review', {
      token: users.editor.token,
    })
    const docs = ((await response.json()) as { docs: Article[] }).docs
    expect(docs.map((doc) => doc.id)).toContain(draft.id)
    expect(docs.every((doc) => doc.workflowStatus === 'in-review')).toBe(true)
  })
})
