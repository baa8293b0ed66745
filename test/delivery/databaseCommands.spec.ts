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

async function commandsOf(method: 'get' | 'patch' | 'post', path: `/api/${string}`, body?: object): Promise<DatabaseCommand[]> {
  const { commands } = await recordDatabaseCommands(suite.payload, async () => {
    const response = await suite.rest[method](path, { body, token: method === 'get' ? undefined : users.editor.token })
    expect({ path, status: response.status }).toEqual({ path, status: method === 'post' ? 201 : 200 })
    await response.arrayBuffer()
  })
  return commands
}

const texts = (commands: DatabaseCommand[]) => commands.map((command) => command.text)

describe('the website’s calls', () => {
  it('an article page: the article, its section and its authors, and no join of the authors’ other articles', async () => {
    expect(texts(await commandsOf('get', '/api/website/articles/us-japan-alliance'))).toEqual(['find articles', 'find sections', 'find authors'])
  })

  it('the home page asks the same few questions however many sections there are', async () => {
    const before = await commandsOf('get', '/api/website/home')
    // newest articles, shown sections, their shelves, the articles on them, and the sections and authors those name
    expect(before).toHaveLength(6)
    for (const title of ['Economy', 'Security', 'Culture']) {
      const section = await journal.content.section({ slug: title.toLowerCase(), title })
      await journal.content.article({ authors: [authors.li.id], body: articleBody(`On ${title}.`), section: section.id, title: `${title} today` })
    }
    const after = await commandsOf('get', '/api/website/home')
    expect(texts(after)).toEqual(texts(before))
  })

  it('a section page: the section, its branch and children, a counted page of articles, and what they name', async () => {
    expect(await commandsOf('get', '/api/website/sections/journals')).toHaveLength(7)
  })

  it('an author page: the author, a counted page of articles, and what they name', async () => {
    expect(texts(await commandsOf('get', '/api/website/authors/yuan-zheng'))).toEqual([
      'find authors',
      'aggregate articles',
      'find articles',
      'find sections',
      'find authors',
    ])
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
    // One of them reads the new document's version for the answer's ETag (src/http/documentVersions.ts).
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
    // One of them reads the saved document's version for the answer's ETag (src/http/documentVersions.ts).
    expect(commands).toHaveLength(16)
  })
})
