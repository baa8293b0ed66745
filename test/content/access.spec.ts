import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { Article, Author, Contact, Media, Section } from '../../src/payload-types'
import { JournalContent, smallPng, uploadForm } from '../helpers/journalContent'
import { createRoleUsers, tokenOf, VIEWER_LABELS, VIEWERS, type RoleUsers, type Viewer } from '../helpers/roleUsers'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'

/**
 * Who may do what, cell by cell over REST, for the four kinds of caller:
 *
 * | role      | can                                                                              |
 * | anonymous | read published articles, authors, active sections, visible contacts, media, site |
 * | contacts  | as anonymous, and create, update, delete and read hidden contacts                |
 * | editor    | all content (drafts and publishing included), media and the site; no users       |
 * | admin     | everything, users and their roles included                                       |
 *
 * Every refused write is checked against the database: nothing changed.
 */

let suite: SuiteContext
let users: RoleUsers
let content: JournalContent

let activeSection: Section
let inactiveSection: Section
let author: Author
let publishedArticle: Article
let draftArticle: Article
let visibleContact: Contact
let hiddenContact: Contact
let image: Media

type ListBody<T> = { docs: T[]; totalDocs: number }
type DocBody<T> = { doc: T }
type ErrorBody = { errors: { message: string }[] }

const DIRECTORY_STAFF: readonly Viewer[] = ['contacts', 'editor', 'admin']
const EDITORS: readonly Viewer[] = ['editor', 'admin']
const ADMINS: readonly Viewer[] = ['admin']

const verb = (allowed: boolean) => (allowed ? 'can' : 'cannot')

beforeAll(async () => {
  suite = await startPayloadForSuite('access')
  users = await createRoleUsers(suite, 'access')
  content = new JournalContent(suite.payload)

  activeSection = await content.section({ title: 'Journals' })
  inactiveSection = await content.section({ active: false, title: 'Retired section' })
  image = await content.media('A gradient')
  author = await content.author({ email: 'author@example.org', name: 'Li Wei', photo: image.id })
  publishedArticle = await content.article({ authors: [author.id], section: activeSection.id, title: 'A published article' })
  draftArticle = await content.article({
    _status: 'draft',
    authors: [author.id],
    section: activeSection.id,
    title: 'A draft article',
  })
  visibleContact = await content.contact({ name: 'Editorial office' })
  hiddenContact = await content.contact({ name: 'Internal switchboard', visible: false })
  await suite.payload.updateGlobal({ data: { mainContact: visibleContact.id, siteName: 'The Journal' }, slug: 'site' })
})

afterAll(async () => {
  await suite?.close()
})

async function listIds(path: `/api/${string}`, viewer: Viewer): Promise<string[]> {
  const response = await suite.rest.get(path, { token: tokenOf(users, viewer) })
  expect(response.status).toBe(200)
  const body = (await response.json()) as ListBody<{ id: string }>
  return body.docs.map((doc) => doc.id)
}

/** Asks for one document and expects it served (200) or not found (404, never a hint that it exists). */
async function expectReadable(path: `/api/${string}`, viewer: Viewer, readable: boolean): Promise<void> {
  const response = await suite.rest.get(path, { token: tokenOf(users, viewer) })
  expect(response.status).toBe(readable ? 200 : 404)
}

describe('reading', () => {
  for (const viewer of VIEWERS) {
    const who = VIEWER_LABELS[viewer]

    it(`${who} can read published articles`, async () => {
      expect(await listIds('/api/articles', viewer)).toContain(publishedArticle.id)
      await expectReadable(`/api/articles/${publishedArticle.id}`, viewer, true)
    })

    const readsDrafts = EDITORS.includes(viewer)
    it(`${who} ${verb(readsDrafts)} read draft articles`, async () => {
      for (const path of ['/api/articles', '/api/articles?draft=true'] as const) {
        const ids = await listIds(path, viewer)
        if (readsDrafts) expect(ids).toContain(draftArticle.id)
        else expect(ids).not.toContain(draftArticle.id)
      }
      await expectReadable(`/api/articles/${draftArticle.id}?draft=true`, viewer, readsDrafts)
      await expectReadable(`/api/articles/${draftArticle.id}`, viewer, readsDrafts)
    })

    it(`${who} ${verb(readsDrafts)} read article versions`, async () => {
      const response = await suite.rest.get('/api/articles/versions', { token: tokenOf(users, viewer) })
      if (readsDrafts) {
        expect(response.status).toBe(200)
        const body = (await response.json()) as ListBody<{ parent: string }>
        expect(body.docs.map((version) => version.parent)).toContain(draftArticle.id)
      } else {
        expect(response.status).toBe(403)
      }
    })

    it(`${who} can read authors' public fields`, async () => {
      expect(await listIds('/api/authors', viewer)).toContain(author.id)
      const response = await suite.rest.get(`/api/authors/${author.id}`, { token: tokenOf(users, viewer) })
      expect(response.status).toBe(200)
      expect(await response.json()).toMatchObject({ name: 'Li Wei', slug: author.slug })
    })

    it(`${who} can read active sections`, async () => {
      expect(await listIds('/api/sections', viewer)).toContain(activeSection.id)
      await expectReadable(`/api/sections/${activeSection.id}`, viewer, true)
    })

    const readsInactive = EDITORS.includes(viewer)
    it(`${who} ${verb(readsInactive)} read inactive sections`, async () => {
      const ids = await listIds('/api/sections', viewer)
      if (readsInactive) expect(ids).toContain(inactiveSection.id)
      else expect(ids).not.toContain(inactiveSection.id)
      await expectReadable(`/api/sections/${inactiveSection.id}`, viewer, readsInactive)
    })

    it(`${who} can read visible contacts`, async () => {
      expect(await listIds('/api/contacts', viewer)).toContain(visibleContact.id)
      await expectReadable(`/api/contacts/${visibleContact.id}`, viewer, true)
    })

    const readsHidden = DIRECTORY_STAFF.includes(viewer)
    it(`${who} ${verb(readsHidden)} read hidden contacts`, async () => {
      const ids = await listIds('/api/contacts', viewer)
      if (readsHidden) expect(ids).toContain(hiddenContact.id)
      else expect(ids).not.toContain(hiddenContact.id)
      await expectReadable(`/api/contacts/${hiddenContact.id}`, viewer, readsHidden)
    })

    it(`${who} can read media and their files`, async () => {
      expect(await listIds('/api/media', viewer)).toContain(image.id)
      await expectReadable(`/api/media/${image.id}`, viewer, true)
      const file = await suite.rest.get(`/api/media/file/${image.filename}`, { token: tokenOf(users, viewer) })
      expect(file.status).toBe(200)
      expect(file.headers.get('content-type')).toBe('image/png')
    })

    it(`${who} can read the site global`, async () => {
      const response = await suite.rest.get('/api/globals/site', { token: tokenOf(users, viewer) })
      expect(response.status).toBe(200)
      expect(await response.json()).toMatchObject({ siteName: 'The Journal' })
    })

    const listsUsers = ADMINS.includes(viewer)
    it(`${who} ${verb(listsUsers)} list other users`, async () => {
      const response = await suite.rest.get('/api/users', { token: tokenOf(users, viewer) })
      if (viewer === 'anonymous') {
        expect(response.status).toBe(403)
        return
      }
      expect(response.status).toBe(200)
      const ids = ((await response.json()) as ListBody<{ id: string }>).docs.map((doc) => doc.id)
      if (listsUsers) {
        expect(ids).toEqual(expect.arrayContaining([users.admin.id, users.editor.id, users.contacts.id]))
      } else {
        // Signed-in users reach their own account and nobody else's.
        expect(ids).toEqual([users[viewer].id])
      }
    })

    it(`${who} ${verb(listsUsers)} read another user's account`, async () => {
      const other = viewer === 'admin' ? users.editor : users.admin
      const response = await suite.rest.get(`/api/users/${other.id}`, { token: tokenOf(users, viewer) })
      if (listsUsers) expect(response.status).toBe(200)
      else expect(response.status).toBe(viewer === 'anonymous' ? 403 : 404)
    })
  }
})

/** What a test needs to know of a collection to create, change and delete one of its documents. */
type WritableCollection = {
  allowed: readonly Viewer[]
  /** The REST body (JSON, or multipart for uploads) of a new document, marked so it can be found. */
  createBody(marker: string): Promise<FormData | object>
  /** A document made with the Local API for a test to change or delete. */
  fixture(marker: string): Promise<{ id: string }>
  /** Finds the documents carrying a marker. */
  markedWhere(marker: string): Record<string, { equals: string }>
  plural: string
  slug: 'articles' | 'authors' | 'contacts' | 'media' | 'sections' | 'users'
  /** A change, and the field that shows it. */
  update(marker: string): Record<string, unknown>
}

let otherUserSerial = 0

const WRITABLE: WritableCollection[] = [
  {
    allowed: EDITORS,
    createBody: async (marker) => ({ _status: 'published', authors: [author.id], section: activeSection.id, slug: marker, title: marker }),
    fixture: (marker) => content.article({ authors: [author.id], section: activeSection.id, slug: marker, title: marker }),
    markedWhere: (marker) => ({ slug: { equals: marker } }),
    plural: 'articles',
    slug: 'articles',
    update: (marker) => ({ title: `${marker} retitled` }),
  },
  {
    allowed: EDITORS,
    createBody: async (marker) => ({ email: `${marker}@example.org`, name: marker, slug: marker }),
    fixture: (marker) => content.author({ name: marker, slug: marker }),
    markedWhere: (marker) => ({ slug: { equals: marker } }),
    plural: 'authors',
    slug: 'authors',
    update: (marker) => ({ affiliation: `${marker} institute` }),
  },
  {
    allowed: EDITORS,
    createBody: async (marker) => ({ slug: marker, title: marker }),
    fixture: (marker) => content.section({ slug: marker, title: marker }),
    markedWhere: (marker) => ({ slug: { equals: marker } }),
    plural: 'sections',
    slug: 'sections',
    update: () => ({ active: false }),
  },
  {
    allowed: DIRECTORY_STAFF,
    createBody: async (marker) => ({ kind: 'department', name: marker, organization: 'association' }),
    fixture: (marker) => content.contact({ name: marker }),
    markedWhere: (marker) => ({ name: { equals: marker } }),
    plural: 'contacts',
    slug: 'contacts',
    update: () => ({ visible: false }),
  },
  {
    allowed: EDITORS,
    createBody: async (marker) =>
      uploadForm({ bytes: await smallPng(), filename: `${marker}.png`, type: 'image/png' }, { alt: marker }),
    fixture: (marker) => content.media(marker),
    markedWhere: (marker) => ({ alt: { equals: marker } }),
    plural: 'media',
    slug: 'media',
    update: (marker) => ({ caption: `${marker} caption` }),
  },
  {
    allowed: ADMINS,
    createBody: async (marker) => ({ email: `${marker}@example.org`, name: marker, password: `${marker} passphrase`, roles: ['editor'] }),
    fixture: (marker) => {
      otherUserSerial += 1
      return suite.payload.create({
        collection: 'users',
        data: { email: `${marker}-${otherUserSerial}@example.org`, name: marker, password: `${marker} passphrase`, roles: ['editor'] },
        overrideAccess: true,
      })
    },
    markedWhere: (marker) => ({ name: { equals: marker } }),
    plural: 'other users',
    slug: 'users',
    update: (marker) => ({ name: `${marker} renamed` }),
  },
]

async function stored(collection: WritableCollection['slug'], id: string) {
  const found = await suite.payload.find({
    collection,
    depth: 0,
    draft: true,
    overrideAccess: true,
    showHiddenFields: true,
    where: { id: { equals: id } },
  })
  return found.docs[0]
}

async function countMarked(collection: WritableCollection, marker: string): Promise<number> {
  const { totalDocs } = await suite.payload.count({ collection: collection.slug, overrideAccess: true, where: collection.markedWhere(marker) })
  return totalDocs
}

function uploadsListing(): string[] {
  return fs.existsSync(suite.uploadsDir) ? fs.readdirSync(suite.uploadsDir).sort() : []
}

async function expectRefused(response: Response): Promise<void> {
  expect(response.status).toBe(403)
  const body = (await response.json()) as ErrorBody
  expect(body.errors[0].message).toMatch(/not allowed/i)
}

describe('writing', () => {
  for (const collection of WRITABLE) {
    for (const viewer of VIEWERS) {
      const who = VIEWER_LABELS[viewer]
      const allowed = collection.allowed.includes(viewer)
      const marker = (operation: string) => `${viewer}-${operation}-${collection.slug}`

      it(`${who} ${verb(allowed)} create ${collection.plural}`, async () => {
        const tag = marker('create')
        const totalBefore = (await suite.payload.count({ collection: collection.slug, overrideAccess: true })).totalDocs
        const filesBefore = uploadsListing()
        const response = await suite.rest.post(`/api/${collection.slug}`, {
          body: await collection.createBody(tag),
          token: tokenOf(users, viewer),
        })
        if (allowed) {
          expect(response.status).toBe(201)
          expect(await countMarked(collection, tag)).toBe(1)
        } else {
          await expectRefused(response)
          expect(await countMarked(collection, tag)).toBe(0)
          expect((await suite.payload.count({ collection: collection.slug, overrideAccess: true })).totalDocs).toBe(totalBefore)
          expect(uploadsListing()).toEqual(filesBefore)
        }
      })

      it(`${who} ${verb(allowed)} update ${collection.plural}`, async () => {
        const tag = marker('update')
        const { id } = await collection.fixture(tag)
        const before = await stored(collection.slug, id)
        const change = collection.update(tag)
        const response = await suite.rest.patch(`/api/${collection.slug}/${id}`, { body: change, token: tokenOf(users, viewer) })
        if (allowed) {
          expect(response.status).toBe(200)
          expect(await stored(collection.slug, id)).toMatchObject(change)
        } else {
          await expectRefused(response)
          expect(await stored(collection.slug, id)).toEqual(before)
        }
      })

      it(`${who} ${verb(allowed)} delete ${collection.plural}`, async () => {
        const tag = marker('delete')
        const { id } = await collection.fixture(tag)
        const before = await stored(collection.slug, id)
        const filesBefore = uploadsListing()
        const response = await suite.rest.delete(`/api/${collection.slug}/${id}`, { token: tokenOf(users, viewer) })
        if (allowed) {
          expect(response.status).toBe(200)
          expect(await stored(collection.slug, id)).toBeUndefined()
        } else {
          await expectRefused(response)
          expect(await stored(collection.slug, id)).toEqual(before)
          expect(uploadsListing()).toEqual(filesBefore)
        }
      })
    }
  }

  for (const viewer of VIEWERS) {
    const who = VIEWER_LABELS[viewer]
    const allowed = EDITORS.includes(viewer)

    it(`${who} ${verb(allowed)} save draft articles`, async () => {
      const tag = `${viewer}-draft-articles`
      const response = await suite.rest.post('/api/articles?draft=true', {
        body: { _status: 'draft', authors: [author.id], section: activeSection.id, slug: tag, title: tag },
        token: tokenOf(users, viewer),
      })
      const { totalDocs } = await suite.payload.count({ collection: 'articles', overrideAccess: true, where: { slug: { equals: tag } } })
      if (allowed) {
        expect(response.status).toBe(201)
        expect(totalDocs).toBe(1)
        const { doc } = (await response.json()) as DocBody<Article>
        expect(doc._status).toBe('draft')
        // Saved, not published: the public does not see it.
        await expectReadable(`/api/articles/${doc.id}`, 'anonymous', false)
      } else {
        await expectRefused(response)
        expect(totalDocs).toBe(0)
      }
    })

    it(`${who} ${verb(allowed)} publish articles`, async () => {
      const tag = `${viewer}-publish-articles`
      const draft = await content.article({ _status: 'draft', authors: [author.id], section: activeSection.id, slug: tag, title: tag })
      const before = await stored('articles', draft.id)
      const response = await suite.rest.patch(`/api/articles/${draft.id}`, {
        body: { _status: 'published' },
        token: tokenOf(users, viewer),
      })
      if (allowed) {
        expect(response.status).toBe(200)
        expect(await stored('articles', draft.id)).toMatchObject({ _status: 'published', publishedAt: expect.any(String) })
        await expectReadable(`/api/articles/${draft.id}`, 'anonymous', true)
      } else {
        await expectRefused(response)
        expect(await stored('articles', draft.id)).toEqual(before)
        await expectReadable(`/api/articles/${draft.id}`, 'anonymous', false)
      }
    })

    it(`${who} ${verb(allowed)} update the site global`, async () => {
      const before = await suite.payload.findGlobal({ depth: 0, slug: 'site' })
      const response = await suite.rest.post('/api/globals/site', {
        body: { journalTitle: `Edited by ${viewer}` },
        token: tokenOf(users, viewer),
      })
      if (allowed) {
        expect(response.status).toBe(200)
        expect(await suite.payload.findGlobal({ depth: 0, slug: 'site' })).toMatchObject({ journalTitle: `Edited by ${viewer}` })
      } else {
        await expectRefused(response)
        expect(await suite.payload.findGlobal({ depth: 0, slug: 'site' })).toEqual(before)
      }
    })
  }
})

describe('roles', () => {
  async function storedRoles(id: string): Promise<string[] | null | undefined> {
    return (await suite.payload.findByID({ collection: 'users', depth: 0, id, overrideAccess: true })).roles
  }

  for (const viewer of ['editor', 'contacts', 'contributor'] as const) {
    const who = VIEWER_LABELS[viewer]

    it(`${who} cannot raise their own roles`, async () => {
      const { id, token } = users[viewer]
      const response = await suite.rest.patch(`/api/users/${id}`, { body: { name: 'Raised', roles: ['admin'] }, token })
      // Refused whole, naming the field (Payload would drop the field and save the rest with a 200).
      expect(response.status).toBe(403)
      expect(await response.json()).toEqual({ errors: [{ message: 'You are not allowed to change roles' }] })
      expect(await storedRoles(id)).toEqual([viewer])
      expect((await suite.payload.findByID({ collection: 'users', id })).name).not.toBe('Raised')
      // Sending the roles unchanged (as the admin UI does with every field of its form) is no change.
      const unchanged = await suite.rest.patch(`/api/users/${id}`, { body: { name: users[viewer].name, roles: [viewer] }, token })
      expect(unchanged.status).toBe(200)
    })

    it(`${who} cannot raise their own roles with a bulk update`, async () => {
      const { id, token } = users[viewer]
      const response = await suite.rest.patch(`/api/users?${new URLSearchParams({ 'where[id][equals]': id })}`, {
        body: { roles: ['admin'] },
        token,
      })
      expect(response.status).toBe(403)
      expect(await storedRoles(id)).toEqual([viewer])
    })

    it(`${who} cannot raise their own roles over GraphQL`, async () => {
      const { id, token } = users[viewer]
      const response = await suite.rest.graphql(
        'mutation Raise($id: String!) { updateUser(id: $id, data: { roles: [admin] }) { roles } }',
        { id },
        { token },
      )
      const body = (await response.json()) as { data?: { updateUser: null | { roles: string[] } }; errors?: { message: string }[] }
      expect(body.errors?.[0].message).toBe('You are not allowed to change roles')
      expect(body.data?.updateUser ?? null).toBeNull()
      expect(await storedRoles(id)).toEqual([viewer])
    })
  }

  it('a contributor setting their own API key, or directory staff a contact’s seededBy, gets 403 naming the field, and nothing is saved', async () => {
    const key = await suite.rest.patch(`/api/users/${users.contributor.id}`, { body: { apiKey: 'a-key-of-my-own-1234567890', enableAPIKey: true }, token: users.contributor.token })
    expect(key.status).toBe(403)
    expect(await key.json()).toEqual({ errors: [{ message: 'You are not allowed to change enableAPIKey, apiKey' }] })
    const created = await suite.rest.post('/api/contacts', {
      body: { kind: 'office', name: 'Seeded by hand', organization: 'association', seededBy: 'a-migration' },
      token: users.contacts.token,
    })
    expect(created.status).toBe(403)
    expect(await created.json()).toEqual({ errors: [{ message: 'You are not allowed to set seededBy' }] })
    expect((await suite.payload.count({ collection: 'contacts', overrideAccess: true, where: { name: { equals: 'Seeded by hand' } } })).totalDocs).toBe(0)
  })

  it('editors cannot give roles to other users', async () => {
    const response = await suite.rest.patch(`/api/users/${users.contacts.id}`, {
      body: { roles: ['editor'] },
      token: users.editor.token,
    })
    expect(response.status).toBe(403)
    expect(await storedRoles(users.contacts.id)).toEqual(['contacts'])
  })

  it("admins can change another user's roles", async () => {
    const other = await suite.payload.create({
      collection: 'users',
      data: { email: 'promoted@example.org', name: 'Promoted', password: 'a promoted passphrase', roles: ['contacts'] },
      overrideAccess: true,
    })
    const response = await suite.rest.patch(`/api/users/${other.id}`, {
      body: { roles: ['editor'] },
      token: users.admin.token,
    })
    expect(response.status).toBe(200)
    expect(await storedRoles(other.id)).toEqual(['editor'])
  })

  it('a demoted editor loses editing rights at once, with the token they already hold', async () => {
    const password = 'a soon demoted passphrase'
    const demoted = await suite.payload.create({
      collection: 'users',
      data: { email: 'demoted@example.org', name: 'Demoted', password, roles: ['editor'] },
      overrideAccess: true,
    })
    const token = await suite.rest.login('demoted@example.org', password)
    const change = await suite.rest.patch(`/api/users/${demoted.id}`, { body: { roles: ['contacts'] }, token: users.admin.token })
    expect(change.status).toBe(200)
    // The roles are also in the JWT (saveToJWT), but Payload reloads the user on every request.
    const response = await suite.rest.post('/api/sections', { body: { slug: 'after-demotion', title: 'After demotion' }, token })
    await expectRefused(response)
    expect((await suite.payload.count({ collection: 'sections', where: { slug: { equals: 'after-demotion' } } })).totalDocs).toBe(0)
  })
})

describe('locked-out accounts', () => {
  /** An account locked by too many wrong passwords (Payload's default: 5), as a password guesser leaves it. */
  async function lockedOutAccount(label: string): Promise<{ email: string; id: string; password: string }> {
    const email = `${label}@example.org`
    const password = `the right passphrase of ${label}`
    const { id } = await suite.payload.create({
      collection: 'users',
      data: { email, name: label, password, roles: ['editor'] },
      overrideAccess: true,
    })
    const attempts = suite.payload.collections.users.config.auth.maxLoginAttempts
    for (let attempt = 0; attempt < attempts; attempt++) {
      await suite.rest.post('/api/users/login', { body: { email, password: 'a wrong guess' } })
    }
    const rightPassword = await suite.rest.post('/api/users/login', { body: { email, password } })
    if (rightPassword.status !== 401) throw new Error(`${email} is not locked out (${rightPassword.status})`)
    return { email, id, password }
  }

  async function lockState(id: string) {
    const user = await suite.payload.findByID({ collection: 'users', id, overrideAccess: true, showHiddenFields: true })
    return { lockUntil: user.lockUntil, loginAttempts: user.loginAttempts }
  }

  for (const viewer of VIEWERS) {
    const who = VIEWER_LABELS[viewer]
    const allowed = ADMINS.includes(viewer)

    it(`${who} ${verb(allowed)} unlock a locked-out account`, async () => {
      const account = await lockedOutAccount(`locked-for-${viewer}`)
      const before = await lockState(account.id)
      expect(before.lockUntil).toEqual(expect.any(String))
      const response = await suite.rest.post('/api/users/unlock', { body: { email: account.email }, token: tokenOf(users, viewer) })
      const login = () => suite.rest.post('/api/users/login', { body: { email: account.email, password: account.password } })
      if (allowed) {
        expect(response.status).toBe(200)
        expect((await login()).status).toBe(200)
      } else {
        await expectRefused(response)
        expect(await lockState(account.id)).toEqual(before)
        expect((await login()).status).toBe(401)
      }
    })
  }

  it('staff cannot tell from unlocking whether an address has an account', async () => {
    const known = await suite.rest.post('/api/users/unlock', { body: { email: users.admin.email }, token: users.contacts.token })
    const unknown = await suite.rest.post('/api/users/unlock', { body: { email: 'nobody-at-all@example.org' }, token: users.contacts.token })
    expect([known.status, await known.json()]).toEqual([unknown.status, await unknown.json()])
  })
})
