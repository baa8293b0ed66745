import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { Article, Author, Contact, Section } from '../../src/payload-types'
import { JournalContent } from '../helpers/journalContent'
import { readJson } from '../helpers/responses'
import { createRoleUsers, type RoleUsers } from '../helpers/roleUsers'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'
import { setSuiteEnvironment } from '../helpers/suiteEnvironment'

/**
 * The history of every record (docs/history.md): authors, sections, contacts
 * and the site keep versions like articles, each naming who saved it;
 * directory staff see and restore a contact's history, editors that of the
 * journal's records, admins everything; readers (anonymous, the website's
 * key) never see a version; VERSIONS_MAX_PER_DOC bounds how many are kept.
 */

const MAX_VERSIONS = 3

type Saver = null | string | { id: string; name?: string }
type VersionDoc<T> = { id: string; parent?: string; updatedAt: string; version: T & { updatedBy?: Saver } }
type VersionList<T> = { docs: VersionDoc<T>[]; totalDocs: number }
type GraphqlBody = { data?: Record<string, unknown> | null; errors?: { message: string }[] }

let suite: SuiteContext
let users: RoleUsers
let content: JournalContent
let restoreEnvironment: () => void
let websiteKey: string
let author: Author
let section: Section
let article: Article

const savedById = (saver: Saver | undefined): null | string | undefined => (saver && typeof saver === 'object' ? saver.id : saver)

async function versionsOf<T>(collection: 'authors' | 'contacts' | 'sections', id: string, token: string): Promise<VersionDoc<T>[]> {
  const { body, status } = await readJson<VersionList<T>>(
    suite.rest.get(`/api/${collection}/versions?where[parent][equals]=${id}&sort=-updatedAt&depth=1&limit=100`, { token }),
  )
  expect(status).toBe(200)
  return body.docs
}

async function siteVersions(token: string): Promise<VersionDoc<{ siteName?: string }>[]> {
  const { body, status } = await readJson<VersionList<{ siteName?: string }>>(
    suite.rest.get('/api/globals/site/versions?sort=-updatedAt&depth=0&limit=100', { token }),
  )
  expect(status).toBe(200)
  return body.docs
}

async function createContact(token: string, number: string): Promise<Contact> {
  const { body, status } = await readJson<{ doc: Contact }>(
    suite.rest.post('/api/contacts', {
      body: { kind: 'department', name: `Department ${randomUUID().slice(0, 8)}`, organization: 'association', phones: [{ number }] },
      token,
    }),
  )
  expect(status).toBe(201)
  return body.doc
}

beforeAll(async () => {
  restoreEnvironment = setSuiteEnvironment({ VERSIONS_MAX_PER_DOC: String(MAX_VERSIONS) })
  suite = await startPayloadForSuite('record_history')
  users = await createRoleUsers(suite, 'history')
  content = new JournalContent(suite.payload)
  websiteKey = randomUUID()
  const website = await suite.rest.post('/api/users', {
    body: { apiKey: websiteKey, email: 'website@example.org', enableAPIKey: true, name: 'Website', password: randomUUID(), roles: ['website'] },
    token: users.admin.token,
  })
  expect(website.status).toBe(201)
  author = await content.author({ name: 'Li Wei' })
  section = await content.section({ title: 'Master forum' })
  article = await content.article({ authors: [author.id], section: section.id, title: 'An article' })
  await suite.payload.updateGlobal({ slug: 'site', data: { siteName: 'The Association' } })
}, 120_000)

afterAll(async () => {
  await suite?.close()
  restoreEnvironment?.()
})

describe('who saved each version', () => {
  it('a staff member changes a phone number over REST, and an admin sees the version with that user and the old and new number', async () => {
    const contact = await createContact(users.admin.token, '86-10-82005566')
    const changed = await suite.rest.patch(`/api/contacts/${contact.id}`, {
      body: { phones: [{ number: '86-10-82005577' }] },
      token: users.contacts.token,
    })
    expect(changed.status).toBe(200)

    const [newest, older] = await versionsOf<Contact>('contacts', contact.id, users.admin.token)
    expect(newest.version.phones?.map((phone) => phone.number)).toEqual(['86-10-82005577'])
    expect(newest.version.updatedBy).toMatchObject({ id: users.contacts.id, name: users.contacts.name })
    expect(older.version.phones?.map((phone) => phone.number)).toEqual(['86-10-82005566'])
    expect(savedById(older.version.updatedBy)).toBe(users.admin.id)
  })

  it('whatever a client sends as updatedBy, the version names who saved it', async () => {
    const contact = await createContact(users.contacts.token, '86-10-82005501')
    const sent = await suite.rest.patch(`/api/contacts/${contact.id}`, {
      body: { fax: '86-10-82005502', updatedBy: users.admin.id },
      token: users.contacts.token,
    })
    expect(sent.status).toBe(200)
    const [newest] = await versionsOf<Contact>('contacts', contact.id, users.admin.token)
    expect(savedById(newest.version.updatedBy)).toBe(users.contacts.id)
  })

  it('a save by the CMS itself (no one signed in) names no one', async () => {
    const contact = await createContact(users.contacts.token, '86-10-82005511')
    await suite.payload.update({ collection: 'contacts', data: { fax: '86-10-82005512' }, id: contact.id })
    const [newest] = await versionsOf<Contact>('contacts', contact.id, users.admin.token)
    expect(newest.version.updatedBy ?? null).toBeNull()
  })

  it('authors, sections and articles record who saved them too', async () => {
    for (const collection of ['authors', 'sections'] as const) {
      const id = collection === 'authors' ? author.id : section.id
      const body = collection === 'authors' ? { position: 'Research Fellow' } : { description: 'Long essays' }
      expect((await suite.rest.patch(`/api/${collection}/${id}`, { body, token: users.editor.token })).status).toBe(200)
      const [newest] = await versionsOf(collection, id, users.admin.token)
      expect(savedById(newest.version.updatedBy)).toBe(users.editor.id)
    }
    const saved = await suite.rest.patch(`/api/articles/${article.id}`, { body: { subtitle: 'Revised' }, token: users.editor.token })
    expect(saved.status).toBe(200)
    const { body } = await readJson<VersionList<Article>>(
      suite.rest.get(`/api/articles/versions?where[parent][equals]=${article.id}&sort=-updatedAt&depth=0`, { token: users.admin.token }),
    )
    expect(savedById(body.docs[0].version.updatedBy)).toBe(users.editor.id)
  })
})

describe('comparing and restoring', () => {
  it('directory staff restore a contact’s earlier version, and the restore names them', async () => {
    const contact = await createContact(users.admin.token, '86-10-82005521')
    await suite.rest.patch(`/api/contacts/${contact.id}`, { body: { phones: [{ number: '86-10-82005522' }] }, token: users.editor.token })
    const versions = await versionsOf<Contact>('contacts', contact.id, users.contacts.token)
    const original = versions.find((version) => version.version.phones?.[0]?.number === '86-10-82005521')!

    const restored = await suite.rest.post(`/api/contacts/versions/${original.id}`, { token: users.contacts.token })
    expect(restored.status).toBe(200)

    const { body: now } = await readJson<Contact>(suite.rest.get(`/api/contacts/${contact.id}?depth=0`, { token: users.contacts.token }))
    expect(now.phones?.map((phone) => phone.number)).toEqual(['86-10-82005521'])
    expect(now.updatedBy).toBe(users.contacts.id)
    const [newest] = await versionsOf<Contact>('contacts', contact.id, users.admin.token)
    expect(newest.version.phones?.map((phone) => phone.number)).toEqual(['86-10-82005521'])
    expect(savedById(newest.version.updatedBy)).toBe(users.contacts.id)
  })

  it('directory staff can neither read nor restore an author’s versions', async () => {
    const [version] = await versionsOf<Author>('authors', author.id, users.admin.token)
    expect((await suite.rest.get('/api/authors/versions', { token: users.contacts.token })).status).toBe(403)
    expect((await suite.rest.get(`/api/authors/versions/${version.id}`, { token: users.contacts.token })).status).toBe(403)
    expect((await suite.rest.post(`/api/authors/versions/${version.id}`, { token: users.contacts.token })).status).toBe(403)
    expect((await suite.rest.get('/api/globals/site/versions', { token: users.contacts.token })).status).toBe(403)
  })

  it('editors restore an author’s earlier version, fields empty in it included', async () => {
    const fresh = await content.author({ name: 'Zhang San', position: 'Research Fellow' })
    const [first] = await versionsOf<Author>('authors', fresh.id, users.editor.token)
    const changed = await suite.rest.patch(`/api/authors/${fresh.id}`, {
      body: { affiliation: 'Institute of World Affairs', position: 'Director' },
      token: users.editor.token,
    })
    expect(changed.status).toBe(200)
    const restored = await suite.rest.post(`/api/authors/versions/${first.id}`, { token: users.editor.token })
    expect(restored.status).toBe(200)
    const { body } = await readJson<Author>(suite.rest.get(`/api/authors/${fresh.id}`, { token: users.editor.token }))
    expect([body.position, body.affiliation ?? null]).toEqual(['Research Fellow', null])
  })

  it('an editor restores the site’s earlier version, and the site and its newest version name the editor', async () => {
    const saved = await suite.rest.post('/api/globals/site', { body: { siteName: 'The Renamed Association' }, token: users.admin.token })
    expect(saved.status).toBe(200)
    const versions = await siteVersions(users.editor.token)
    expect(versions[0].version.siteName).toBe('The Renamed Association')
    expect(savedById(versions[0].version.updatedBy)).toBe(users.admin.id)
    const original = versions.find((version) => version.version.siteName === 'The Association')!
    expect(savedById(original.version.updatedBy) ?? null).toBeNull()

    const restored = await suite.rest.post(`/api/globals/site/versions/${original.id}`, { token: users.editor.token })
    expect(restored.status).toBe(200)
    const { body: site } = await readJson<{ siteName: string; updatedBy?: Saver }>(suite.rest.get('/api/globals/site?depth=0', { token: users.editor.token }))
    expect(site).toMatchObject({ siteName: 'The Association', updatedBy: users.editor.id })
    const [newest] = await siteVersions(users.admin.token)
    expect(newest.version.siteName).toBe('The Association')
    expect(savedById(newest.version.updatedBy)).toBe(users.editor.id)
  })
})

describe('VERSIONS_MAX_PER_DOC', () => {
  it(`keeps the newest ${MAX_VERSIONS} versions of a contact`, async () => {
    const contact = await createContact(users.contacts.token, '86-10-82005530')
    for (const last of ['1', '2', '3', '4', '5']) {
      const saved = await suite.rest.patch(`/api/contacts/${contact.id}`, { body: { phones: [{ number: `86-10-8200553${last}` }] }, token: users.contacts.token })
      expect(saved.status).toBe(200)
    }
    const versions = await versionsOf<Contact>('contacts', contact.id, users.admin.token)
    expect(versions.map((version) => version.version.phones?.[0]?.number)).toEqual(['86-10-82005535', '86-10-82005534', '86-10-82005533'])
  })

  it(`keeps the newest ${MAX_VERSIONS} versions of the site`, async () => {
    for (const name of ['One', 'Two', 'Three', 'Four']) {
      expect((await suite.rest.post('/api/globals/site', { body: { siteName: name }, token: users.editor.token })).status).toBe(200)
    }
    expect((await siteVersions(users.admin.token)).map((version) => version.version.siteName)).toEqual(['Four', 'Three', 'Two'])
  })
})

describe('readers never see versions', () => {
  const READERS = [{ who: 'anonymous visitors' }, { who: 'the website’s API key' }]
  const readerHeaders = (index: number): Record<string, string> => (index === 0 ? {} : { Authorization: `users API-Key ${websiteKey}` })

  READERS.forEach(({ who }, index) => {
    it(`${who} get 403 on every collection’s and the site’s versions over REST`, async () => {
      const headers = readerHeaders(index)
      const contact = await createContact(users.admin.token, '86-10-82005540')
      const [contactVersion] = await versionsOf<Contact>('contacts', contact.id, users.admin.token)
      const [authorVersion] = await versionsOf<Author>('authors', author.id, users.admin.token)
      const [sectionVersion] = await versionsOf<Section>('sections', section.id, users.admin.token)
      const [siteVersion] = await siteVersions(users.admin.token)
      const paths = [
        '/api/articles/versions',
        '/api/authors/versions',
        `/api/authors/versions/${authorVersion.id}`,
        '/api/sections/versions',
        `/api/sections/versions/${sectionVersion.id}`,
        '/api/contacts/versions',
        `/api/contacts/versions/${contactVersion.id}`,
        '/api/globals/site/versions',
        `/api/globals/site/versions/${siteVersion.id}`,
      ] as const
      for (const path of paths) {
        const response = await suite.rest.get(path, { headers })
        expect({ path, status: response.status }).toEqual({ path, status: 403 })
      }
      for (const path of [`/api/contacts/versions/${contactVersion.id}`, `/api/globals/site/versions/${siteVersion.id}`] as const) {
        const response = await suite.rest.post(path, { headers })
        expect({ path, status: response.status }).toEqual({ path, status: 403 })
      }
    })

    it(`${who} get no versions over GraphQL`, async () => {
      const headers = readerHeaders(index)
      const queries = [
        '{ versionsArticles { docs { id } } }',
        '{ versionsAuthors { docs { id version { name } } } }',
        '{ versionsSections { docs { id } } }',
        '{ versionsContacts { docs { id version { phones { number } } } } }',
        '{ versionsSite { docs { id } } }',
      ]
      for (const query of queries) {
        const { body } = await readJson<GraphqlBody>(suite.rest.graphql(query, {}, { headers }))
        const [name] = Object.keys(body.data ?? {})
        expect([query, body.errors?.[0]?.message]).toEqual([query, expect.stringMatching(/not allowed/i)])
        if (name) expect(body.data?.[name]).toBeNull()
      }
    })

    it(`${who} cannot restore a version over GraphQL`, async () => {
      const headers = readerHeaders(index)
      const contact = await createContact(users.admin.token, '86-10-82005545')
      const [version] = await versionsOf<Contact>('contacts', contact.id, users.admin.token)
      const { body } = await readJson<GraphqlBody>(suite.rest.graphql(`mutation { restoreVersionContact(id: "${version.id}") { id } }`, {}, { headers }))
      expect(body.errors?.[0]?.message).toMatch(/not allowed/i)
      expect(body.data?.restoreVersionContact ?? null).toBeNull()
    })

    it(`${who} never read updatedBy`, async () => {
      const headers = readerHeaders(index)
      const contact = await createContact(users.contacts.token, '86-10-82005550')
      for (const path of [`/api/contacts/${contact.id}`, `/api/authors/${author.id}`, `/api/sections/${section.id}`, '/api/globals/site'] as const) {
        const { body, status } = await readJson(suite.rest.get(path, { headers }))
        expect([path, status, 'updatedBy' in body]).toEqual([path, 200, false])
      }
      const { body } = await readJson<GraphqlBody>(suite.rest.graphql(`{ Contact(id: "${contact.id}") { name updatedBy { id } } }`, {}, { headers }))
      expect((body.data?.Contact as { updatedBy?: unknown } | null)?.updatedBy ?? null).toBeNull()
    })
  })

  it('staff read updatedBy on the records they may edit', async () => {
    const contact = await createContact(users.contacts.token, '86-10-82005560')
    const { body } = await readJson<Contact>(suite.rest.get(`/api/contacts/${contact.id}?depth=0`, { token: users.contacts.token }))
    expect(body.updatedBy).toBe(users.contacts.id)
  })
})
