import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createLocalReq } from 'payload'

import { rebuildShelves } from '../../src/delivery/shelves/refreshShelves'
import type { Article } from '../../src/payload-types'
import { readJson } from '../helpers/responses'
import { createRoleUsers, type RoleUsers } from '../helpers/roleUsers'
import { articleBody, SeededJournal, type JournalAuthors, type JournalSections } from '../helpers/seededJournal'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'

/**
 * The home page takes each section's newest articles from its shelf
 * (src/delivery/shelves/). Whatever editors do, it must show what asking
 * each section for its newest published articles would: checked after
 * every kind of change against exactly that question, asked as a reader.
 */

let suite: SuiteContext
let users: RoleUsers
let journal: SeededJournal
let sections: JournalSections
let authors: JournalAuthors
let serial = 0

type Home = { sections: { articles: { slug: string }[]; section: { slug: string } }[] }

beforeAll(async () => {
  suite = await startPayloadForSuite('home_shelves')
  users = await createRoleUsers(suite, 'shelves')
  journal = new SeededJournal(suite.payload)
  sections = await journal.sections()
  authors = await journal.authors()
}, 60_000)

afterAll(async () => {
  await suite?.close()
})

async function article(section: string, publishedAt: string, data: Partial<Article> = {}): Promise<Article> {
  serial += 1
  return journal.content.article({
    authors: [authors.li.id],
    body: articleBody(`Article ${serial}.`),
    publishedAt,
    section,
    slug: `shelved-${serial}`,
    title: `Shelved ${serial}`,
    ...data,
  })
}

async function homeAsShown(perSection: number): Promise<Record<string, string[]>> {
  const { body, status } = await readJson<Home>(suite.rest.get(`/api/website/home?perSection=${perSection}`))
  expect(status).toBe(200)
  return Object.fromEntries(body.sections.map(({ articles, section }) => [section.slug, articles.map((doc) => doc.slug)]))
}

/** What the home page must show: each shown section's newest published articles, asked for one by one as a reader. */
async function homeAsAsked(perSection: number): Promise<Record<string, string[]>> {
  const shown = await suite.payload.find({ collection: 'sections', depth: 0, limit: 100, overrideAccess: false, pagination: false, sort: ['order', 'id'] })
  const entries: [string, string[]][] = []
  for (const section of shown.docs) {
    const { docs } = await suite.payload.find({
      collection: 'articles',
      depth: 0,
      limit: perSection,
      overrideAccess: false,
      pagination: false,
      sort: ['-publishedAt', '-id'],
      where: { section: { equals: section.id } },
    })
    if (docs.length) entries.push([section.slug, docs.map((doc) => doc.slug)])
  }
  return Object.fromEntries(entries)
}

async function expectHomeAsAsked(perSection = 3): Promise<void> {
  expect(await homeAsShown(perSection)).toEqual(await homeAsAsked(perSection))
}

describe('the home page’s newest articles of each section', () => {
  let oldest: Article
  let newest: Article

  it('are each section’s newest published ones, whatever perSection asks for', async () => {
    oldest = await article(sections.masterForum.id, '2020-01-01T00:00:00.000Z')
    for (let month = 2; month <= 9; month++) await article(sections.masterForum.id, `2020-0${month}-01T00:00:00.000Z`)
    newest = await article(sections.worldAffairs.id, '2021-01-01T00:00:00.000Z')
    await article(sections.worldAffairs.id, '2020-06-15T00:00:00.000Z', { _status: 'draft' })
    await expectHomeAsAsked(3)
    await expectHomeAsAsked(20)
    expect((await homeAsShown(3))['master-forum']).toHaveLength(3)
  })

  it('follow an article that is unpublished, moved to another section, redated or deleted', async () => {
    await suite.payload.update({ collection: 'articles', data: { _status: 'draft' }, id: newest.id, overrideAccess: true })
    await expectHomeAsAsked()
    await suite.payload.update({ collection: 'articles', data: { _status: 'published' }, id: newest.id, overrideAccess: true })
    await expectHomeAsAsked()

    await suite.payload.update({ collection: 'articles', data: { section: sections.masterForum.id }, id: newest.id, overrideAccess: true })
    await expectHomeAsAsked()
    expect((await homeAsShown(3))['master-forum'][0]).toBe(newest.slug)

    await suite.payload.update({ collection: 'articles', data: { publishedAt: '2030-01-01T00:00:00.000Z' }, id: oldest.id, overrideAccess: true })
    await expectHomeAsAsked()
    expect((await homeAsShown(3))['master-forum'][0]).toBe(oldest.slug)

    await suite.payload.delete({ collection: 'articles', id: oldest.id, overrideAccess: true })
    await expectHomeAsAsked()
  })

  it('stay as they are when an editor saves a draft over a published article, over REST as the admin UI does', async () => {
    const before = await homeAsShown(3)
    const [first] = (await suite.payload.find({ collection: 'articles', limit: 1, sort: '-publishedAt', where: { section: { equals: sections.masterForum.id } } })).docs
    const response = await suite.rest.patch(`/api/articles/${first.id}?draft=true`, {
      body: { publishedAt: '2001-01-01T00:00:00.000Z', title: 'A draft title' },
      token: users.editor.token,
    })
    expect(response.status).toBe(200)
    expect(await homeAsShown(3)).toEqual(before)
    await expectHomeAsAsked()
  })

  it('are the same after the shelves are rebuilt from scratch (the migration)', async () => {
    const before = await homeAsShown(5)
    await suite.payload.db.deleteMany({ collection: 'section-shelves', where: {} })
    await rebuildShelves(await createLocalReq({}, suite.payload))
    expect(await homeAsShown(5)).toEqual(before)
    await expectHomeAsAsked(5)
  })
})
