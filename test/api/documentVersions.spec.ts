import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import fs from 'node:fs'
import path from 'node:path'

import { JournalContent } from '../helpers/journalContent'
import { photo, uploadForm } from '../helpers/mediaFiles'
import { createRoleUsers, type RoleUsers } from '../helpers/roleUsers'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'

let suite: SuiteContext
let users: RoleUsers
let content: JournalContent

beforeAll(async () => {
  suite = await startPayloadForSuite('document-versions')
  users = await createRoleUsers(suite, 'versions')
  content = new JournalContent(suite.payload)
})

afterAll(async () => {
  await suite?.close()
})

type ErrorBody = { errors: { message: string }[] }

async function etagOf(path: `/api/${string}`, token: string): Promise<string> {
  const response = await suite.rest.get(path, { token })
  expect(response.status).toBe(200)
  const etag = response.headers.get('etag')
  expect(etag).toMatch(/^"v\d+"$/)
  return etag!
}

const ROUNDS = 5

/** A save as the admin UI's edit form sends it: every field as `_payload`, the version it was loaded at included. */
function adminForm(fields: Record<string, unknown>): FormData {
  const form = new FormData()
  form.append('_payload', JSON.stringify(fields))
  return form
}

type Saved<T = Record<string, unknown>> = { doc: T & { id: string; updatedAt: string } }

const CONFLICT = /Someone else saved this document after you opened it.*Your changes were not saved/

describe('optimistic concurrency over REST', () => {
  it('two editors PATCHing different fields of one author at the same moment both keep their change', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const author = await content.author({ name: `Concurrent ${round}` })
      const path = `/api/authors/${author.id}` as const
      const [first, second] = await Promise.all([
        suite.rest.patch(path, { body: { position: `Director ${round}` }, token: users.editor.token }),
        suite.rest.patch(path, { body: { affiliation: `Institute ${round}` }, token: users.admin.token }),
      ])
      expect([first.status, second.status]).toEqual([200, 200])
      const stored = await suite.payload.findByID({ collection: 'authors', depth: 0, id: author.id })
      expect({ affiliation: stored.affiliation, position: stored.position }).toEqual({ affiliation: `Institute ${round}`, position: `Director ${round}` })
    }
  })

  it('of two PATCHes sent at the same moment with the same If-Match, one is applied and the other gets 412 and changes nothing', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const author = await content.author({ name: `Raced ${round}` })
      const path = `/api/authors/${author.id}` as const
      const etag = await etagOf(path, users.editor.token)
      const answers = await Promise.all([
        suite.rest.patch(path, { body: { position: 'From the editor' }, headers: { 'If-Match': etag }, token: users.editor.token }),
        suite.rest.patch(path, { body: { position: 'From the admin' }, headers: { 'If-Match': etag }, token: users.admin.token }),
      ])
      const statuses = answers.map((answer) => answer.status).sort()
      expect(statuses).toEqual([200, 412])
      const refused = answers.find((answer) => answer.status === 412)!
      expect(((await refused.json()) as ErrorBody).errors[0].message).toMatch(/changed after the version named in If-Match/)
      const applied = answers.find((answer) => answer.status === 200)!
      const { doc } = (await applied.json()) as { doc: { position: string } }
      const stored = await suite.payload.findByID({ collection: 'authors', depth: 0, id: author.id })
      expect(stored.position).toBe(doc.position)
      // The answer of the applied write names the new version: the next write can start from it.
      expect(applied.headers.get('etag')).toBe(await etagOf(path, users.editor.token))
      expect(applied.headers.get('etag')).not.toBe(etag)
    }
  })

  it('an article draft: the version read is the newest draft, a stale If-Match on PATCH or DELETE gets 412, a current one passes', async () => {
    const section = await content.section({ title: 'Versions' })
    const author = await content.author({ name: 'Drafting author' })
    const article = await content.article({ authors: [author.id], section: section.id, title: 'Published title' })
    const path = `/api/articles/${article.id}` as const
    const read = await etagOf(`${path}?draft=true`, users.editor.token)
    await content.draftOf(article.id, 'Someone else’s draft')
    const stale = await suite.rest.patch(`${path}?draft=true`, { body: { title: 'My draft' }, headers: { 'If-Match': read }, token: users.editor.token })
    expect(stale.status).toBe(412)
    const latest = await suite.payload.findByID({ collection: 'articles', depth: 0, draft: true, id: article.id })
    expect(latest.title).toBe('Someone else’s draft')

    const current = await etagOf(`${path}?draft=true`, users.editor.token)
    expect(current).not.toBe(read)
    const saved = await suite.rest.patch(`${path}?draft=true`, { body: { title: 'My draft' }, headers: { 'If-Match': current }, token: users.editor.token })
    expect(saved.status).toBe(200)

    const staleDelete = await suite.rest.delete(path, { headers: { 'If-Match': current }, token: users.admin.token })
    expect(staleDelete.status).toBe(412)
    expect(await suite.payload.count({ collection: 'articles', where: { id: { equals: article.id } } })).toEqual({ totalDocs: 1 })
    const deleted = await suite.rest.delete(path, { headers: { 'If-Match': saved.headers.get('etag')! }, token: users.admin.token })
    expect(deleted.status).toBe(200)
  })

  it('If-Match: * needs the document to exist; weak tags never match; without If-Match a write is unconditional', async () => {
    const author = await content.author({ name: 'Conditions' })
    const path = `/api/authors/${author.id}` as const
    const etag = await etagOf(path, users.editor.token)
    const weak = await suite.rest.patch(path, { body: { position: 'Weak' }, headers: { 'If-Match': `W/${etag}` }, token: users.editor.token })
    expect(weak.status).toBe(412)
    const any = await suite.rest.patch(path, { body: { position: 'Any' }, headers: { 'If-Match': '*' }, token: users.editor.token })
    expect(any.status).toBe(200)
    const plain = await suite.rest.patch(path, { body: { position: 'Plain' }, token: users.editor.token })
    expect(plain.status).toBe(200)
    const listed = await suite.rest.patch(path, { body: { position: 'Listed' }, headers: { 'If-Match': `"v1", ${plain.headers.get('etag')}` }, token: users.editor.token })
    expect(listed.status).toBe(200)
  })

  it('a refused precondition tells nothing to a caller who may not read the document: an anonymous write to a draft gets what it always got', async () => {
    const section = await content.section({ title: 'Hidden' })
    const author = await content.author({ name: 'Hidden author' })
    const draft = await content.article({ _status: 'draft', authors: [author.id], section: section.id, title: 'Unpublished' })
    const response = await suite.rest.patch(`/api/articles/${draft.id}`, { body: { title: 'Defaced' }, headers: { 'If-Match': '"v1"' } })
    expect(response.status).toBe(403)
  })

  it('anonymous public answers keep the ETag of their body, and their 304s', async () => {
    const author = await content.author({ name: 'Public' })
    const response = await suite.rest.get(`/api/authors/${author.id}`)
    expect(response.status).toBe(200)
    const etag = response.headers.get('etag')!
    expect(etag).not.toMatch(/^"v\d+"$/)
    const again = await suite.rest.get(`/api/authors/${author.id}`, { headers: { 'If-None-Match': etag } })
    expect(again.status).toBe(304)
  })
})

describe('the admin UI’s saves carry the version the editor loaded', () => {
  it('a form save started from an older version gets 409 with a message for the editor and changes nothing; from the current one it saves', async () => {
    const author = await content.author({ name: 'Form author' })
    const loaded = await suite.payload.findByID({ collection: 'authors', depth: 0, id: author.id })
    const path = `/api/authors/${author.id}?depth=0` as const
    // Someone else's save in between (an API write, or an editor after the lock expired).
    const between = await suite.rest.patch(path, { body: { affiliation: 'Their institute' }, token: users.admin.token })
    expect(between.status).toBe(200)

    const stale = await suite.rest.patch(path, { body: adminForm({ ...loaded, position: 'My position' }), token: users.editor.token })
    expect(stale.status).toBe(409)
    expect(((await stale.json()) as ErrorBody).errors[0].message).toMatch(CONFLICT)
    const stored = await suite.payload.findByID({ collection: 'authors', depth: 0, id: author.id })
    expect({ affiliation: stored.affiliation, position: stored.position ?? null }).toEqual({ affiliation: 'Their institute', position: null })

    const current = await suite.rest.patch(path, { body: adminForm({ ...stored, position: 'My position' }), token: users.editor.token })
    expect(current.status).toBe(200)
    const saved = await suite.payload.findByID({ collection: 'authors', depth: 0, id: author.id })
    expect({ affiliation: saved.affiliation, position: saved.position }).toEqual({ affiliation: 'Their institute', position: 'My position' })
  })

  it('of two form saves sent at the same moment from the same loaded version, one is applied and the other gets 409', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const author = await content.author({ name: `Two forms ${round}` })
      const loaded = await suite.payload.findByID({ collection: 'authors', depth: 0, id: author.id })
      const path = `/api/authors/${author.id}?depth=0` as const
      const answers = await Promise.all([
        suite.rest.patch(path, { body: adminForm({ ...loaded, position: 'Editor’s position' }), token: users.editor.token }),
        suite.rest.patch(path, { body: adminForm({ ...loaded, affiliation: 'Admin’s institute' }), token: users.admin.token }),
      ])
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409])
      const stored = await suite.payload.findByID({ collection: 'authors', depth: 0, id: author.id })
      // Exactly one of the two forms was saved, whole.
      expect([stored.position ?? null, stored.affiliation ?? null].filter(Boolean)).toHaveLength(1)
    }
  })

  it('autosaves of an article draft follow each other: each starts from the version the previous one answered with', async () => {
    const section = await content.section({ title: 'Autosaved' })
    const author = await content.author({ name: 'Autosaving author' })
    const article = await content.article({ _status: 'draft', authors: [author.id], section: section.id, title: 'Autosaved draft' })
    const path = `/api/articles/${article.id}?autosave=true&depth=0&draft=true&fallback-locale=null&locale=en` as const
    let form: Record<string, unknown> = { ...(await suite.payload.findByID({ collection: 'articles', depth: 0, draft: true, id: article.id })) }
    for (const title of ['Autosaved once', 'Autosaved twice', 'Autosaved three times']) {
      const saved = await suite.rest.patch(path, { body: adminForm({ ...form, _status: 'draft', title }), token: users.editor.token })
      expect(saved.status).toBe(200)
      const { doc } = (await saved.json()) as Saved
      expect(saved.headers.get('etag')).toBe(`"v${new Date(doc.updatedAt).getTime()}"`)
      form = { ...form, ...doc }
    }
    // Someone else's draft in between: the next autosave is refused, and their draft stays.
    await content.draftOf(article.id, 'Someone else’s draft')
    const refused = await suite.rest.patch(path, { body: adminForm({ ...form, _status: 'draft', title: 'Autosaved four times' }), token: users.editor.token })
    expect(refused.status).toBe(409)
    const latest = await suite.payload.findByID({ collection: 'articles', depth: 0, draft: true, id: article.id })
    expect(latest.title).toBe('Someone else’s draft')
  })

  it('publishing from the form after autosaves is no conflict, and a version restored is not one either', async () => {
    const section = await content.section({ title: 'Published from the form' })
    const author = await content.author({ name: 'Publishing author' })
    const article = await content.article({ authors: [author.id], section: section.id, title: 'First published title' })
    const autosave = await suite.rest.patch(`/api/articles/${article.id}?autosave=true&depth=0&draft=true&locale=en`, {
      body: adminForm({ ...(await suite.payload.findByID({ collection: 'articles', depth: 0, draft: true, id: article.id })), _status: 'draft', title: 'Second title' }),
      token: users.editor.token,
    })
    expect(autosave.status).toBe(200)
    const { doc } = (await autosave.json()) as Saved
    const published = await suite.rest.patch(`/api/articles/${article.id}?depth=0&locale=en`, { body: adminForm({ ...doc, _status: 'published' }), token: users.editor.token })
    expect(published.status).toBe(200)

    // Restoring an earlier version sends that version's own (older) time: it is a restore, not a stale save.
    const versions = await suite.payload.findVersions({ collection: 'articles', sort: 'createdAt', where: { parent: { equals: article.id } } })
    const first = versions.docs.find((version) => version.version.title === 'First published title')!
    const restored = await suite.rest.post(`/api/articles/versions/${first.id}?depth=0`, { token: users.editor.token })
    expect(restored.status).toBe(200)
  })

  it('a JSON body that names updatedAt is saved unconditionally, as before (the admin’s “Revert to published” sends the published document back so)', async () => {
    const author = await content.author({ name: 'JSON author' })
    const loaded = await suite.payload.findByID({ collection: 'authors', depth: 0, id: author.id })
    await suite.rest.patch(`/api/authors/${author.id}`, { body: { position: 'In between' }, token: users.admin.token })
    const json = await suite.rest.patch(`/api/authors/${author.id}?depth=0`, { body: { ...loaded, position: 'Reverted' }, token: users.editor.token })
    expect(json.status).toBe(200)
  })

  it('an account’s form save is not refused because signing in changed its time (a failed attempt counts, its reset too)', async () => {
    const loaded = await suite.payload.findByID({ collection: 'users', depth: 0, id: users.editor.id })
    const failed = await suite.rest.post('/api/users/login', { body: { email: users.editor.email, password: 'not the editor’s passphrase' } })
    expect(failed.status).toBe(401)
    const now = await suite.payload.findByID({ collection: 'users', depth: 0, id: users.editor.id })
    expect(now.updatedAt).not.toBe(loaded.updatedAt)
    const saved = await suite.rest.patch(`/api/users/${users.editor.id}?depth=0`, { body: adminForm({ name: 'Editor, renamed', updatedAt: loaded.updatedAt }), token: users.editor.token })
    expect(saved.status).toBe(200)
  })

  it('a form save that replaces an uploaded file from an older version gets 409 and the stored file stays', async () => {
    const media = await content.media('Replaced image')
    const loaded = await suite.payload.findByID({ collection: 'media', depth: 0, id: media.id })
    await suite.rest.patch(`/api/media/${media.id}`, { body: { alt: 'Their alt text' }, token: users.admin.token })
    const bytes = await photo({ height: 40, width: 60 }, 'png')
    const stale = await suite.rest.patch(`/api/media/${media.id}?depth=0`, {
      body: uploadForm({ bytes, filename: 'replacement.png', type: 'image/png' }, { ...loaded, alt: 'My alt text' }),
      token: users.editor.token,
    })
    expect(stale.status).toBe(409)
    const stored = await suite.payload.findByID({ collection: 'media', depth: 0, id: media.id })
    expect({ alt: stored.alt, filename: stored.filename }).toEqual({ alt: 'Their alt text', filename: media.filename })
    expect(fs.existsSync(path.join(suite.uploadsDir, media.filename!))).toBe(true)

    // A caller who may not change it gets what it always got, and learns nothing of its version.
    const anonymous = await suite.rest.patch(`/api/media/${media.id}?depth=0`, {
      body: uploadForm({ bytes, filename: 'replacement.png', type: 'image/png' }, { ...loaded, alt: 'Defaced' }),
    })
    expect(anonymous.status).toBe(403)
  })

  it('the site settings: a form save from an older version gets 409', async () => {
    const first = await suite.rest.post('/api/globals/site?depth=0', { body: { siteName: 'Journal' }, token: users.editor.token })
    expect(first.status).toBe(200)
    const loaded = ((await first.json()) as { result: Record<string, unknown> }).result
    await suite.rest.post('/api/globals/site?depth=0', { body: { siteName: 'Their journal' }, token: users.admin.token })
    const stale = await suite.rest.post('/api/globals/site?depth=0', { body: adminForm({ ...loaded, siteName: 'My journal' }), token: users.editor.token })
    expect(stale.status).toBe(409)
    expect(((await stale.json()) as ErrorBody).errors[0].message).toMatch(CONFLICT)
    expect((await suite.payload.findGlobal({ slug: 'site' })).siteName).toBe('Their journal')
  })
})

describe('GraphQL mutations', () => {
  it('an update whose data names updatedAt is refused when that is no longer the stored version, and saved when it is', async () => {
    const author = await content.author({ name: 'GraphQL author' })
    const mutation = 'mutation ($id: String!, $data: mutationAuthorUpdateInput!) { updateAuthor(id: $id, data: $data) { position updatedAt } }'
    const loaded = await suite.payload.findByID({ collection: 'authors', depth: 0, id: author.id })
    await suite.rest.patch(`/api/authors/${author.id}`, { body: { affiliation: 'In between' }, token: users.admin.token })
    const stale = await suite.rest.graphql(mutation, { data: { position: 'Stale', updatedAt: loaded.updatedAt }, id: author.id }, { token: users.editor.token })
    const staleBody = (await stale.json()) as { data?: { updateAuthor: unknown }; errors?: { extensions?: { statusCode?: number }; message: string }[] }
    expect(staleBody.errors?.[0].message).toMatch(CONFLICT)
    expect(staleBody.errors?.[0].extensions?.statusCode).toBe(409)
    expect(staleBody.data?.updateAuthor ?? null).toBeNull()
    expect((await suite.payload.findByID({ collection: 'authors', depth: 0, id: author.id })).position ?? null).toBeNull()

    const current = await suite.payload.findByID({ collection: 'authors', depth: 0, id: author.id })
    const saved = await suite.rest.graphql(mutation, { data: { position: 'Current', updatedAt: current.updatedAt }, id: author.id }, { token: users.editor.token })
    const savedBody = (await saved.json()) as { data: { updateAuthor: { position: string } }; errors?: unknown }
    expect(savedBody.errors).toBeUndefined()
    expect(savedBody.data.updateAuthor.position).toBe('Current')
  })

  it('the site settings: an update whose data names an older updatedAt is refused', async () => {
    const mutation = 'mutation ($data: mutationSiteInput!) { updateSite(data: $data) { siteName updatedAt } }'
    const first = (await (await suite.rest.graphql(mutation, { data: { siteName: 'GraphQL journal' } }, { token: users.editor.token })).json()) as {
      data: { updateSite: { updatedAt: string } }
    }
    const loaded = first.data.updateSite.updatedAt
    await suite.rest.graphql(mutation, { data: { siteName: 'Their GraphQL journal' } }, { token: users.admin.token })
    const stale = (await (await suite.rest.graphql(mutation, { data: { siteName: 'My GraphQL journal', updatedAt: loaded } }, { token: users.editor.token })).json()) as {
      errors?: { message: string }[]
    }
    expect(stale.errors?.[0].message).toMatch(CONFLICT)
    expect((await suite.payload.findGlobal({ slug: 'site' })).siteName).toBe('Their GraphQL journal')
  })
})
