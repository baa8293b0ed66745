import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { Article } from '../../src/payload-types'
import { recordDatabaseCommands, type DatabaseCommand } from '../helpers/databaseCommands'
import { articleBody, SeededJournal, type JournalAuthors, type JournalSections } from '../helpers/seededJournal'
import { createRoleUsers, type RoleUsers } from '../helpers/roleUsers'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'

/**
 * What the website's calls and an editor's saves ask of the database,
 * counted with the driver's command monitoring on the real server. Counts
 * are the same on every run, so a change that makes a call ask for more
 * fails here (bench/README.md lists them beside the reference server's).
 */

let suite: SuiteContext
let users: RoleUsers
let journal: SeededJournal
let sections: JournalSections
let authors: JournalAuthors

beforeAll(async () => {
  suite = await startPayloadForSuite('database_commands', { monitorCommands: true })
  users = await createRoleUsers(suite, 'commands')
  journal = new SeededJournal(suite.payload)
  sections = await journal.sections()
  authors = await journal.authors()
  await journal.bilingualArticle()
  await journal.englishOnlyArticle()
  await journal.articleWithDraft()
}, 60_000)

afterAll(async () => {
  await suite?.close()
})

async function commandsOf(
  method: 'get' | 'patch' | 'post',
  path: `/api/${string}`,
  body?: object,
  { headers, token = method === 'get' ? undefined : users.editor.token }: { headers?: Record<string, string>; token?: string } = {},
): Promise<DatabaseCommand[]> {
  const { commands } = await recordDatabaseCommands(suite.payload, async () => {
    const response = await suite.rest[method](path, { body, headers, token })
    expect({ path, status: response.status }).toEqual({ path, status: method === 'post' ? 201 : 200 })
    await response.arrayBuffer()
  })
  return commands
}

const texts = (commands: DatabaseCommand[]) => commands.map((command) => command.text)

describe('the website’s calls', () => {
  it('an article page: the article, its section and its authors, and no join of the authors’ other articles', async () => {
    // The site's name and share image for `seo` (src/seo/pageSeo.ts): one read.
    expect(texts(await commandsOf('get', '/api/website/articles/us-japan-alliance'))).toEqual(['find articles', 'find sections', 'find authors', 'find globals'])
  })

  it('the home page asks the same few questions however many sections there are', async () => {
    const before = await commandsOf('get', '/api/website/home')
    // newest articles, shown sections, their shelves, the articles on them, the sections and authors those name, and the site for `seo`
    expect(before).toHaveLength(7)
    for (const title of ['Economy', 'Security', 'Culture']) {
      const section = await journal.content.section({ slug: title.toLowerCase(), title })
      await journal.content.article({ authors: [authors.li.id], body: articleBody(`On ${title}.`), section: section.id, title: `${title} today` })
    }
    const after = await commandsOf('get', '/api/website/home')
    expect(texts(after)).toEqual(texts(before))
  })

  it('a section page: the section, its branch and children, a counted page of articles, and what they name', async () => {
    expect(await commandsOf('get', '/api/website/sections/journals')).toHaveLength(8)
  })

  it('an author page: the author, a counted page of articles, and what they name', async () => {
    expect(texts(await commandsOf('get', '/api/website/authors/yuan-zheng'))).toEqual([
      'find authors',
      'aggregate articles',
      'find articles',
      'find sections',
      'find authors',
      'find globals',
    ])
  })

  it('a page shared with the site’s image reads it once more, over REST and GraphQL alike', async () => {
    const image = await journal.content.media('The institute')
    await suite.payload.updateGlobal({ data: { meta: { image: image.id }, siteName: 'Counted journal' }, overrideAccess: true, slug: 'site' })
    const path = '/api/website/articles/us-japan-alliance'
    expect(texts(await commandsOf('get', path))).toEqual(['find articles', 'find sections', 'find authors', 'find globals', 'find media'])
    const { commands } = await recordDatabaseCommands(suite.payload, async () => {
      const response = await suite.rest.graphql('{ WebsiteArticle(slug: "us-japan-alliance") { seo { image { url } } } }')
      expect(await response.json()).toEqual({ data: { WebsiteArticle: { seo: { image: { url: expect.stringContaining('/api/media/file/') } } } } })
    })
    expect(texts(commands)).toEqual(['find articles', 'find globals', 'find media'])
    await suite.payload.updateGlobal({ data: { meta: { image: null } }, overrideAccess: true, slug: 'site' })
  })
})

describe('an editor’s saves', () => {
  let article: Article

  it('creating an article checks its new slug once and fills one shelf', async () => {
    const { commands } = await recordDatabaseCommands(suite.payload, async () => {
      const response = await suite.rest.post('/api/articles?depth=0', {
        body: { _status: 'published', authors: [authors.li.id], body: articleBody('Counted.'), lead: 'A lead.', section: sections.masterForum.id, slug: 'counted', title: 'Counted' },
        token: users.editor.token,
      })
      expect(response.status).toBe(201)
      article = ((await response.json()) as { doc: Article }).doc
    })
    expect(texts(commands).filter((text) => text === 'aggregate articles')).toHaveLength(1)
    expect(texts(commands).filter((text) => text === 'findAndModify section-shelves')).toHaveLength(1)
    // A published page's paths are live: the redirects from them are looked up once (src/redirects/).
    expect(texts(commands).filter((text) => text.endsWith(' redirects'))).toHaveLength(1)
    // The answer's ETag is the version in the saved document: no read of its own (there was one before: 15).
    expect(commands).toHaveLength(15)
  })

  it('adding its Chinese version reads the stored article once before and once after, checks no slug and leaves the shelves alone', async () => {
    const commands = await commandsOf('patch', `/api/articles/${article.id}?depth=0&locale=zh`, {
      _status: 'published',
      body: articleBody('计数。'),
      lead: '导语。',
      title: '计数',
    })
    expect(texts(commands)).not.toContain('aggregate articles')
    expect(texts(commands)).not.toContain('findAndModify section-shelves')
    // The stored article, shared by every hook: once before the save, once after (Payload reads its latest version itself).
    expect(texts(commands).filter((text) => text === 'find articles')).toHaveLength(2)
    // The answer's ETag is the version in the saved document: no read of its own (there was one before: 16).
    expect(commands).toHaveLength(15)
  })

  it('a save with If-Match asks the database for nothing more than the same save without it', async () => {
    const author = await journal.content.author({ name: 'Counted author' })
    const path = `/api/authors/${author.id}?depth=0` as const
    const plain = await commandsOf('patch', path, { position: 'First' })
    const read = await suite.rest.get(path, { token: users.editor.token })
    const conditional = await commandsOf('patch', path, { position: 'Second' }, { headers: { 'If-Match': read.headers.get('etag')! } })
    // The version is checked against the document Payload reads for the save itself.
    expect(texts(conditional)).toEqual(texts(plain))
  })

  it('a directory entry saved with its seed mark unchanged, as the admin form sends it, reads the stored entry once for all hooks', async () => {
    const contact = await journal.content.contact({ name: 'Counted office', seededBy: 'directory-seed' })
    const commands = await commandsOf('patch', `/api/contacts/${contact.id}?depth=0`, { name: 'Counted office, renamed', seededBy: 'directory-seed' }, { token: users.contacts.token })
    // The check of fields the caller may not write shares the stored entry with the change notifications
    // (src/database/storedDocument.ts), and Payload reads it once more itself (each read it on its own before: 3).
    expect(texts(commands).filter((text) => text === 'find contacts')).toHaveLength(2)
  })
})
