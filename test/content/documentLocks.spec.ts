import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { Article } from '../../src/payload-types'
import { JournalContent } from '../helpers/journalContent'
import { readJson } from '../helpers/responses'
import { createRoleUsers, type RoleUsers } from '../helpers/roleUsers'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'

/**
 * Who may lock what (Payload's `payload-locked-documents`, which the admin UI
 * writes while a document is open): a user locks, renews and takes over only
 * in their own name, on documents they may edit, and removes only their own
 * locks; admins clear any. Nobody else lists them.
 */

let suite: SuiteContext
let users: RoleUsers
let article: Article
let contributorsArticle: Article

const LOCKS = '/api/payload-locked-documents' as const

type Lock = { id: string }
type ListBody = { docs: Lock[]; totalDocs: number }

beforeAll(async () => {
  suite = await startPayloadForSuite('document_locks')
  users = await createRoleUsers(suite, 'locks')
  const content = new JournalContent(suite.payload)
  const section = await content.section({ title: 'World affairs' })
  const author = await content.author({ name: 'Li Wei' })
  article = await content.article({ authors: [author.id], section: section.id, title: 'Maritime order' })
  const drafted = await readJson<{ doc: Article }>(
    suite.rest.post('/api/articles?draft=true&depth=0', {
      body: { _status: 'draft', authors: [author.id], section: section.id, title: 'A contributor’s draft' },
      token: users.contributor.token,
    }),
  )
  expect(drafted.status).toBe(201)
  contributorsArticle = drafted.body.doc
})

afterAll(async () => {
  await suite?.close()
})

function lockBody(userId: string, articleId = article.id) {
  return { document: { relationTo: 'articles', value: articleId }, user: { relationTo: 'users', value: userId } }
}

async function storedLocks(): Promise<number> {
  return (await suite.payload.count({ collection: 'payload-locked-documents', overrideAccess: true })).totalDocs
}

async function clearLocks(): Promise<void> {
  await suite.payload.delete({ collection: 'payload-locked-documents', overrideAccess: true, where: { id: { exists: true } } })
}

async function editorLock(): Promise<Lock> {
  const created = await readJson<{ doc: Lock }>(suite.rest.post(LOCKS, { body: lockBody(users.editor.id), token: users.editor.token }))
  expect(created.status).toBe(201)
  return created.body.doc
}

describe('locking documents', () => {
  it('contacts staff cannot lock an article, in their own name or an editor’s, so editors’ saves go on', async () => {
    await clearLocks()
    for (const userId of [users.contacts.id, users.editor.id]) {
      const response = await suite.rest.post(LOCKS, { body: lockBody(userId), token: users.contacts.token })
      expect({ status: response.status, userId }).toEqual({ status: 403, userId })
    }
    expect(await storedLocks()).toBe(0)
    const saved = await suite.rest.patch(`/api/articles/${article.id}`, { body: { subtitle: 'Saved while no one holds a lock' }, token: users.editor.token })
    expect(saved.status).toBe(200)
  })

  it('an editor locks an article in their own name only; anonymous callers and the website not at all', async () => {
    await clearLocks()
    expect((await suite.rest.post(LOCKS, { body: lockBody(users.admin.id), token: users.editor.token })).status).toBe(403)
    expect((await suite.rest.post(LOCKS, { body: lockBody(users.editor.id) })).status).toBe(403)
    await editorLock()
    expect(await storedLocks()).toBe(1)
  })

  it('a contributor locks their own draft, not another article', async () => {
    await clearLocks()
    expect((await suite.rest.post(LOCKS, { body: lockBody(users.contributor.id), token: users.contributor.token })).status).toBe(403)
    expect((await suite.rest.post(LOCKS, { body: lockBody(users.contributor.id, contributorsArticle.id), token: users.contributor.token })).status).toBe(201)
  })
})

describe('reading and removing locks', () => {
  it('contacts staff list no locks on articles; editors see who holds one, as the admin UI shows it', async () => {
    await clearLocks()
    await editorLock()
    const asContacts = await readJson<ListBody>(suite.rest.get(LOCKS, { token: users.contacts.token }))
    expect(asContacts.body.totalDocs).toBe(0)
    expect((await suite.rest.get(LOCKS)).status).toBe(403)
    const asAdmin = await readJson<ListBody>(suite.rest.get(LOCKS, { token: users.admin.token }))
    expect(asAdmin.body.totalDocs).toBe(1)
  })

  it('no one but its holder and admins removes a lock', async () => {
    await clearLocks()
    const lock = await editorLock()
    for (const viewer of ['contacts', 'contributor'] as const) {
      const response = await suite.rest.delete(`${LOCKS}/${lock.id}`, { token: users[viewer].token })
      expect({ status: response.status, viewer }).toEqual({ status: expect.any(Number), viewer })
      expect(response.status).toBeGreaterThanOrEqual(403)
      expect(response.status).toBeLessThan(500)
    }
    expect(await storedLocks()).toBe(1)
    expect((await suite.rest.delete(`${LOCKS}/${lock.id}`, { token: users.editor.token })).status).toBe(200)
    const again = await editorLock()
    expect((await suite.rest.delete(`${LOCKS}/${again.id}`, { token: users.admin.token })).status).toBe(200)
    expect(await storedLocks()).toBe(0)
  })

  it('taking over a lock (the admin UI’s “Take over”) is for those who may edit the document, in their own name', async () => {
    await clearLocks()
    const lock = await editorLock()
    const toOwn = (userId: string) => ({ user: { relationTo: 'users', value: userId } })
    expect((await suite.rest.patch(`${LOCKS}/${lock.id}`, { body: toOwn(users.contacts.id), token: users.contacts.token })).status).toBe(403)
    expect((await suite.rest.patch(`${LOCKS}/${lock.id}`, { body: toOwn(users.contributor.id), token: users.contributor.token })).status).toBe(403)
    expect((await suite.rest.patch(`${LOCKS}/${lock.id}`, { body: toOwn(users.contacts.id), token: users.admin.token })).status).toBe(403)
    const takenOver = await readJson<{ doc: { user: { value: string | { id: string } } } }>(
      suite.rest.patch(`${LOCKS}/${lock.id}?depth=0`, { body: toOwn(users.admin.id), token: users.admin.token }),
    )
    expect(takenOver.status).toBe(200)
    expect(takenOver.body.doc.user.value).toBe(users.admin.id)
  })

  it('over GraphQL the same: contacts staff cannot lock an article', async () => {
    await clearLocks()
    const { body } = await readJson<{ data?: unknown; errors?: { message: string }[] }>(
      suite.rest.graphql(
        `mutation { createPayloadLockedDocument(data: { document: { relationTo: articles, value: "${article.id}" }, user: { relationTo: users, value: "${users.editor.id}" } }) { id } }`,
        {},
        { token: users.contacts.token },
      ),
    )
    expect(body.errors?.[0].message).toMatch(/not allowed/i)
    expect(await storedLocks()).toBe(0)
  })
})
