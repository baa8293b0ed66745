import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { Article, Author, Section } from '../../src/payload-types'
import { lexicalDocument } from '../helpers/lexical'
import { invalidFieldPaths, readJson, type ApiErrorBody } from '../helpers/responses'
import { createRoleUsers, type RoleUsers } from '../helpers/roleUsers'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'

let suite: SuiteContext
let users: RoleUsers
let author: Author

type Locale = 'en' | 'zh'
type Breadcrumb = NonNullable<Section['breadcrumbs']>[number]

function editorToken(): string {
  return users.editor.token
}

async function createSection(data: Partial<Section>): Promise<{ body: { doc: Section } & ApiErrorBody; status: number }> {
  return readJson(suite.rest.post('/api/sections', { body: data, token: editorToken() }))
}

async function createdSection(data: Partial<Section>): Promise<Section> {
  const { body, status } = await createSection(data)
  if (status !== 201) throw new Error(`creating the section failed (${status}): ${JSON.stringify(body)}`)
  return body.doc
}

async function renameSection(id: string, title: string, locale: Locale): Promise<Section> {
  const { body, status } = await readJson<{ doc: Section }>(
    suite.rest.patch(`/api/sections/${id}?locale=${locale}`, { body: { title }, token: editorToken() }),
  )
  if (status !== 200) throw new Error(`renaming the section failed (${status}): ${JSON.stringify(body)}`)
  return body.doc
}

/** A section as the website reads it: anonymously, in one language. */
async function readSection(id: string, locale: Locale): Promise<{ body: Section & ApiErrorBody; status: number }> {
  return readJson(suite.rest.get(`/api/sections/${id}?locale=${locale}`))
}

function crumbs(section: Section): Pick<Breadcrumb, 'doc' | 'label' | 'url'>[] {
  return (section.breadcrumbs ?? []).map(({ doc, label, url }) => ({ doc: typeof doc === 'object' ? doc?.id : doc, label, url }))
}

/** Creates an article in the section over REST as the editor: published, or a never-published draft. */
async function createArticleIn(section: Section, title: string, status: 'draft' | 'published'): Promise<Article> {
  const { body, status: httpStatus } = await readJson<{ doc: Article }>(
    suite.rest.post(`/api/articles${status === 'draft' ? '?draft=true' : ''}`, {
      body: {
        _status: status,
        authors: [author.id],
        body: lexicalDocument(['A paragraph.']),
        lead: 'A lead.',
        section: section.id,
        title,
      },
      token: editorToken(),
    }),
  )
  if (httpStatus !== 201) throw new Error(`creating the article failed (${httpStatus}): ${JSON.stringify(body)}`)
  return body.doc
}

async function deleteSection(id: string): Promise<{ body: ApiErrorBody; contentType: null | string; status: number }> {
  const response = await suite.rest.delete(`/api/sections/${id}`, { token: editorToken() })
  const contentType = response.headers.get('content-type')
  const { body, status } = await readJson<ApiErrorBody>(response)
  return { body, contentType, status }
}

async function sectionExists(id: string): Promise<boolean> {
  const { totalDocs } = await suite.payload.count({ collection: 'sections', where: { id: { equals: id } } })
  return totalDocs === 1
}

beforeAll(async () => {
  suite = await startPayloadForSuite('content-sections')
  users = await createRoleUsers(suite, 'sections')
  const { body, status } = await readJson<{ doc: Author }>(
    suite.rest.post('/api/authors', { body: { name: 'Section Test Author' }, token: editorToken() }),
  )
  if (status !== 201) throw new Error(`creating the author failed (${status}): ${JSON.stringify(body)}`)
  author = body.doc
})

afterAll(async () => {
  await suite?.close()
})

describe('breadcrumbs', () => {
  it('are generated per language: English labels, the Chinese ones once the Chinese titles are set, one URL path', async () => {
    const journals = await createdSection({ slug: 'journals', title: 'Journals' })
    const masterForum = await createdSection({ parent: journals.id, slug: 'master-forum', title: 'Master forum' })

    const english = [
      { doc: journals.id, label: 'Journals', url: '/journals' },
      { doc: masterForum.id, label: 'Master forum', url: '/journals/master-forum' },
    ]
    expect(crumbs((await readSection(masterForum.id, 'en')).body)).toEqual(english)
    expect(crumbs((await readSection(journals.id, 'en')).body)).toEqual([english[0]])

    // The child's Chinese title first: its parent has none yet, so the parent's label falls back to English.
    await renameSection(masterForum.id, '名家论坛', 'zh')
    expect(crumbs((await readSection(masterForum.id, 'zh')).body)).toEqual([
      { doc: journals.id, label: 'Journals', url: '/journals' },
      { doc: masterForum.id, label: '名家论坛', url: '/journals/master-forum' },
    ])

    // Then the parent's: the child's Chinese breadcrumbs follow.
    await renameSection(journals.id, '期刊', 'zh')
    const chinese = [
      { doc: journals.id, label: '期刊', url: '/journals' },
      { doc: masterForum.id, label: '名家论坛', url: '/journals/master-forum' },
    ]
    expect(crumbs((await readSection(masterForum.id, 'zh')).body)).toEqual(chinese)
    expect(crumbs((await readSection(journals.id, 'zh')).body)).toEqual([chinese[0]])

    const englishAgain = await readSection(masterForum.id, 'en')
    expect(englishAgain.body.title).toBe('Master forum')
    expect(crumbs(englishAgain.body)).toEqual(english)
  })

  it('leave an untranslated child untranslated when its parent gets its Chinese title', async () => {
    const parent = await createdSection({ slug: 'regional-studies', title: 'Regional studies' })
    const child = await createdSection({ description: 'Studies of East Asia.', parent: parent.id, slug: 'east-asia', title: 'East Asia' })

    await renameSection(parent.id, '地区研究', 'zh')

    const stored = (await suite.payload.findByID({ collection: 'sections', depth: 0, id: child.id, locale: 'all', overrideAccess: true })) as unknown as {
      breadcrumbs: Record<Locale, Breadcrumb[]>
      description: Partial<Record<Locale, string>>
      title: Partial<Record<Locale, string>>
    }
    expect(stored.title).toEqual({ en: 'East Asia' })
    expect(stored.description.zh).toBeUndefined()
    // Readers of the Chinese site still get the English title, under the parent's Chinese one.
    const chinese = await readSection(child.id, 'zh')
    expect(chinese.body.title).toBe('East Asia')
    expect(crumbs(chinese.body).map((crumb) => crumb.label)).toEqual(['地区研究', 'East Asia'])
  })

  it('follow a section moved under another parent, and a parent\'s new slug, in both languages', async () => {
    const archive = await createdSection({ slug: 'archive', title: 'Archive' })
    await renameSection(archive.id, '档案', 'zh')
    const moving = await createdSection({ slug: 'book-reviews', title: 'Book reviews' })
    await renameSection(moving.id, '书评', 'zh')
    expect(crumbs((await readSection(moving.id, 'en')).body).map((crumb) => crumb.url)).toEqual(['/book-reviews'])

    const { status } = await readJson(
      suite.rest.patch(`/api/sections/${moving.id}`, { body: { parent: archive.id }, token: editorToken() }),
    )
    expect(status).toBe(200)
    expect(crumbs((await readSection(moving.id, 'en')).body)).toEqual([
      { doc: archive.id, label: 'Archive', url: '/archive' },
      { doc: moving.id, label: 'Book reviews', url: '/archive/book-reviews' },
    ])
    expect(crumbs((await readSection(moving.id, 'zh')).body)).toEqual([
      { doc: archive.id, label: '档案', url: '/archive' },
      { doc: moving.id, label: '书评', url: '/archive/book-reviews' },
    ])

    // A new slug for the parent, saved in English, reaches the child's Chinese URL too.
    const renamed = await readJson(
      suite.rest.patch(`/api/sections/${archive.id}`, { body: { slug: 'archives' }, token: editorToken() }),
    )
    expect(renamed.status).toBe(200)
    expect(crumbs((await readSection(archive.id, 'zh')).body)).toEqual([{ doc: archive.id, label: '档案', url: '/archives' }])
    expect(crumbs((await readSection(moving.id, 'zh')).body)).toEqual([
      { doc: archive.id, label: '档案', url: '/archives' },
      { doc: moving.id, label: '书评', url: '/archives/book-reviews' },
    ])
    expect(crumbs((await readSection(moving.id, 'en')).body).map((crumb) => crumb.url)).toEqual(['/archives', '/archives/book-reviews'])
    expect((await readSection(moving.id, 'zh')).body.title).toBe('书评')
    expect((await readSection(moving.id, 'en')).body.title).toBe('Book reviews')
  })
})

describe('slugs', () => {
  it('refuses a second section with a slug already taken, with 400 naming slug, and writes nothing', async () => {
    await createdSection({ slug: 'taken-section-slug', title: 'First holder' })
    const before = (await suite.payload.count({ collection: 'sections' })).totalDocs
    const { body, status } = await createSection({ slug: 'taken-section-slug', title: 'Second holder' })
    expect(status).toBe(400)
    expect(invalidFieldPaths(body)).toEqual(['slug'])
    expect((await suite.payload.count({ collection: 'sections' })).totalDocs).toBe(before)
  })
})

describe('deleting a section', () => {
  it('is refused with 409 and a JSON message while a draft article is in it; the section stays', async () => {
    const section = await createdSection({ slug: 'with-a-draft', title: 'With a draft' })
    await createArticleIn(section, 'A draft in the section', 'draft')
    const { body, contentType, status } = await deleteSection(section.id)
    expect(status).toBe(409)
    expect(contentType).toMatch(/application\/json/)
    expect(body.errors?.[0].message).toBe(
      'This section still has 1 article: move or delete them first, or mark the section inactive.',
    )
    expect(await sectionExists(section.id)).toBe(true)
  })

  it('is refused with 409 and a JSON message while a published article is in it; the section stays', async () => {
    const section = await createdSection({ slug: 'with-published', title: 'With published articles' })
    await createArticleIn(section, 'Published in the section', 'published')
    await createArticleIn(section, 'Published there too', 'published')
    const { body, status } = await deleteSection(section.id)
    expect(status).toBe(409)
    expect(body.errors?.[0].message).toBe(
      'This section still has 2 articles: move or delete them first, or mark the section inactive.',
    )
    expect(await sectionExists(section.id)).toBe(true)
    expect((await readSection(section.id, 'en')).status).toBe(200)
  })

  it('is refused with 409 and a JSON message while it has sub-sections; the section stays', async () => {
    const parent = await createdSection({ slug: 'parent-section', title: 'Parent section' })
    await createdSection({ parent: parent.id, slug: 'child-section', title: 'Child section' })
    const { body, status } = await deleteSection(parent.id)
    expect(status).toBe(409)
    expect(body.errors?.[0].message).toBe(
      'This section still has 1 sub-section: move or delete them first, or mark the section inactive.',
    )
    expect(await sectionExists(parent.id)).toBe(true)
  })

  it('is refused while a newer, unpublished draft of an article puts the article in it', async () => {
    const current = await createdSection({ slug: 'current-home', title: 'Current home' })
    const next = await createdSection({ slug: 'next-home', title: 'Next home' })
    const article = await createArticleIn(current, 'Moving to another section', 'published')
    const moved = await readJson(
      suite.rest.patch(`/api/articles/${article.id}?draft=true`, { body: { section: next.id }, token: editorToken() }),
    )
    expect(moved.status).toBe(200)

    const { body, status } = await deleteSection(next.id)
    expect(status).toBe(409)
    expect(body.errors?.[0].message).toMatch(/still has 1 article/)
    expect(await sectionExists(next.id)).toBe(true)

    const published = await readJson(
      suite.rest.patch(`/api/articles/${article.id}`, { body: { _status: 'published' }, token: editorToken() }),
    )
    expect(published.status).toBe(200)
  })

  it('works for a section without articles or sub-sections', async () => {
    const parent = await createdSection({ slug: 'soon-empty-parent', title: 'Soon empty parent' })
    const empty = await createdSection({ parent: parent.id, slug: 'empty-section', title: 'Empty section' })
    const first = await deleteSection(empty.id)
    expect(first.status).toBe(200)
    expect(await sectionExists(empty.id)).toBe(false)
    expect((await readSection(empty.id, 'en')).status).toBe(404)

    const second = await deleteSection(parent.id)
    expect(second.status).toBe(200)
    expect(await sectionExists(parent.id)).toBe(false)
  })
})

describe('inactive sections', () => {
  async function setActive(id: string, active: boolean): Promise<void> {
    const { body, status } = await readJson(suite.rest.patch(`/api/sections/${id}`, { body: { active }, token: editorToken() }))
    if (status !== 200) throw new Error(`updating the section failed (${status}): ${JSON.stringify(body)}`)
  }

  async function anonymousSlugs(): Promise<string[]> {
    const { body } = await readJson<{ docs: Section[] }>(suite.rest.get('/api/sections?limit=100'))
    return body.docs.map((section) => section.slug)
  }

  it('hide their whole branch from readers, breadcrumbs included, until the parent is active again', async () => {
    const archive = await createdSection({ slug: 'closed-archive', title: 'Closed archive' })
    const child = await createdSection({ parent: archive.id, slug: 'closed-archive-reviews', title: 'Reviews' })
    const grandchild = await createdSection({ parent: child.id, slug: 'closed-archive-reviews-2018', title: '2018' })

    await setActive(archive.id, false)
    expect((await readSection(child.id, 'en')).status).toBe(404)
    expect((await readSection(grandchild.id, 'en')).status).toBe(404)
    const hidden = await anonymousSlugs()
    expect(hidden).not.toContain('closed-archive')
    expect(hidden).not.toContain('closed-archive-reviews')
    expect(hidden).not.toContain('closed-archive-reviews-2018')
    const graph = await suite.rest.graphql('{ Sections(limit: 100) { docs { slug breadcrumbs { label } } } }')
    expect(JSON.stringify(await graph.json())).not.toContain('Closed archive')

    const { body: editorView } = await readJson<Section>(
      suite.rest.get(`/api/sections/${grandchild.id}`, { token: editorToken() }),
    )
    expect(editorView.shownToReaders).toBe(false)
    expect(editorView.active).toBe(true)

    await setActive(archive.id, true)
    const { body, status } = await readSection(grandchild.id, 'en')
    expect(status).toBe(200)
    expect(crumbs(body).map((crumb) => crumb.label)).toEqual(['Closed archive', 'Reviews', '2018'])
  })

  it('cannot be shown to readers by setting the flag by hand', async () => {
    const section = await createdSection({ active: false, slug: 'closed-by-hand', title: 'Closed by hand' })
    const { status } = await readJson(
      suite.rest.patch(`/api/sections/${section.id}`, { body: { shownToReaders: true }, token: editorToken() }),
    )
    expect(status).toBe(200)
    expect((await readSection(section.id, 'en')).status).toBe(404)
  })
})
