import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { JournalContent } from '../helpers/journalContent'
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
