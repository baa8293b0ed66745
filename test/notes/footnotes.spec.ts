import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { ObjectId } from 'mongodb'

import { nativeDatabase } from '../../src/database/payloadInternals'
import type { Article } from '../../src/payload-types'
import { footnote, footnoteNode, markersOf, notedBody } from '../helpers/footnotes'
import { JournalContent } from '../helpers/journalContent'
import { lexicalDocument } from '../helpers/lexical'
import { invalidFieldPaths, readJson, type ApiErrorBody } from '../helpers/responses'
import { createRoleUsers, type RoleUsers } from '../helpers/roleUsers'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'

/**
 * Footnotes in the article body (docs/content-model.md#footnotes): inserted
 * over the API as the `footnote` inline block, numbered in order of
 * appearance in each language, delivered by the website's article call
 * (REST and GraphQL) as `notes` with anchors that match the markers in the
 * body, and kept out of what else is made of an article.
 */

let suite: SuiteContext
let users: RoleUsers
let content: JournalContent
let sectionId: string
let authorId: string
let noted: Article

type Note = { anchor: string; id: string; number: number; referenceAnchor: string; text: string }
type WebsiteArticle = { body: unknown; notes?: Note[] | Record<string, Note[]>; wordCount?: number }

/** Words that appear only in notes, so that any answer carrying note text shows it. */
const EN_NOTES = [
  'Joint Statement, Tokyo, 27 April 2015 (zephyrine source).',
  'See the Guidelines for Japan-US Defense Cooperation, section IV (quillwort archive).',
  'Interview with a former official, 2017 (marmoset papers).',
]
const ZH_NOTES = ['《日美防卫合作指针》，2015年4月27日（琥珀档案）。', '参见外交部发言人答记者问，2018年5月（青瓷文献）。']
const NOTE_ONLY_WORDS = ['zephyrine', 'quillwort', 'marmoset', '琥珀档案', '青瓷文献']

const englishBody = () =>
  notedBody(
    ['The alliance has been strengthened', footnote(EN_NOTES[0]), ' since the Cold War.'],
    {
      children: [
        {
          children: [{ detail: 0, format: 0, mode: 'normal', style: '', text: 'New guidelines', type: 'text', version: 1 }, footnoteNode(EN_NOTES[1])],
          direction: 'ltr',
          format: '',
          indent: 0,
          type: 'listitem',
          value: 1,
          version: 1,
        },
      ],
      direction: 'ltr',
      format: '',
      indent: 0,
      listType: 'bullet',
      start: 1,
      tag: 'ul',
      type: 'list',
      version: 1,
    },
    ['Officials said so', footnote(EN_NOTES[2]), '.'],
  )
const chineseBody = () => notedBody(['美日同盟得到加强', footnote(ZH_NOTES[0]), '。'], ['中方对此表示关切', footnote(ZH_NOTES[1]), '。'])

async function websiteArticle(slug: string, query = ''): Promise<{ json: WebsiteArticle; status: number }> {
  const { body, status } = await readJson<WebsiteArticle>(suite.rest.get(`/api/website/articles/${slug}${query}`))
  return { json: body, status }
}

async function text(path: string): Promise<string> {
  const response = await suite.rest.get(path as `/api/${string}`)
  expect(response.status).toBe(200)
  return response.text()
}

beforeAll(async () => {
  suite = await startPayloadForSuite('footnotes')
  users = await createRoleUsers(suite, 'footnotes')
  content = new JournalContent(suite.payload)
  sectionId = (await content.section({ slug: 'master-forum', title: 'Master forum' })).id
  authorId = (await content.author({ name: 'Yuan Zheng', slug: 'yuan-zheng' })).id

  // An editor writes the article over REST, English first, then its Chinese version.
  const created = await readJson<{ doc: Article }>(
    suite.rest.post('/api/articles', {
      body: {
        _status: 'published',
        authors: [authorId],
        body: englishBody(),
        lead: 'How the alliance shapes relations between China and Japan.',
        section: sectionId,
        slug: 'us-japan-alliance',
        title: 'The US-Japan Alliance',
      },
      token: users.editor.token,
    }),
  )
  expect(created.status).toBe(201)
  noted = created.body.doc
  const translated = await suite.rest.patch(`/api/articles/${noted.id}?locale=zh`, {
    body: { _status: 'published', body: chineseBody(), lead: '美日同盟如何影响中日关系。', title: '美日同盟与中日关系' },
    token: users.editor.token,
  })
  expect(translated.status).toBe(200)
}, 120_000)

afterAll(async () => {
  await suite?.close()
})

describe('the article call', () => {
  it('lists the English notes in order of appearance, with anchors, and the markers carry the same', async () => {
    const { json, status } = await websiteArticle('us-japan-alliance', '?locale=en')
    expect(status).toBe(200)
    const notes = json.notes as Note[]
    expect(notes.map(({ anchor, number, referenceAnchor, text }) => ({ anchor, number, referenceAnchor, text }))).toEqual([
      { anchor: 'note-1', number: 1, referenceAnchor: 'note-1-ref', text: EN_NOTES[0] },
      { anchor: 'note-2', number: 2, referenceAnchor: 'note-2-ref', text: EN_NOTES[1] },
      { anchor: 'note-3', number: 3, referenceAnchor: 'note-3-ref', text: EN_NOTES[2] },
    ])
    // The marker inside the list item counts where it stands in the text.
    expect(markersOf(json.body)).toEqual(
      notes.map((note) => ({ anchor: note.anchor, blockName: '', blockType: 'footnote', id: note.id, number: note.number, referenceAnchor: note.referenceAnchor, text: note.text })),
    )
  })

  it('numbers the Chinese notes on their own, from 1', async () => {
    const { json } = await websiteArticle('us-japan-alliance', '?locale=zh')
    expect((json.notes as Note[]).map(({ number, text }) => [number, text])).toEqual([
      [1, ZH_NOTES[0]],
      [2, ZH_NOTES[1]],
    ])
    expect(markersOf(json.body).map((marker) => [marker.number, marker.anchor, marker.referenceAnchor])).toEqual([
      [1, 'note-1', 'note-1-ref'],
      [2, 'note-2', 'note-2-ref'],
    ])
  })

  it('gives every language its own notes with locale=all', async () => {
    const { json } = await websiteArticle('us-japan-alliance', '?locale=all')
    const notes = json.notes as Record<string, Note[]>
    expect(Object.keys(notes).sort()).toEqual(['en', 'zh'])
    expect(notes.en.map((note) => note.text)).toEqual(EN_NOTES)
    expect(notes.zh.map((note) => note.text)).toEqual(ZH_NOTES)
    const bodies = json.body as Record<string, unknown>
    expect(markersOf(bodies.zh).map((marker) => marker.number)).toEqual([1, 2])
  })

  it('answers the same over GraphQL', async () => {
    const response = await suite.rest.graphql(
      'query ($locale: LocaleInputType) { WebsiteArticle(slug: "us-japan-alliance", locale: $locale) { body notes { id number anchor referenceAnchor text } } }',
      { locale: 'zh' },
    )
    const { data, errors } = (await response.json()) as { data?: { WebsiteArticle: WebsiteArticle }; errors?: unknown }
    expect(errors).toBeUndefined()
    const rest = await websiteArticle('us-japan-alliance', '?locale=zh')
    expect(data!.WebsiteArticle.notes).toEqual(rest.json.notes)
    expect(markersOf(data!.WebsiteArticle.body)).toEqual(markersOf(rest.json.body))
  })

  it('renumbers when notes move, and a note keeps its id', async () => {
    const article = await content.article({
      authors: [authorId],
      body: notedBody(['First', footnote('Alpha note.')], ['Second', footnote('Beta note.')]) as Article['body'],
      lead: 'Moving notes.',
      section: sectionId,
      slug: 'moving-notes',
      title: 'Moving notes',
    })
    const before = (await websiteArticle('moving-notes')).json.notes as Note[]
    const stored = (article.body as unknown as ReturnType<typeof notedBody>).root.children
    await suite.payload.update({ collection: 'articles', data: { body: { root: { ...(article.body as { root: object }).root, children: [stored[1], stored[0]] } } as Article['body'] }, id: article.id, overrideAccess: true })
    const after = (await websiteArticle('moving-notes')).json.notes as Note[]
    expect(after.map((note) => [note.number, note.text])).toEqual([
      [1, 'Beta note.'],
      [2, 'Alpha note.'],
    ])
    expect(after.find((note) => note.text === 'Alpha note.')!.id).toBe(before.find((note) => note.text === 'Alpha note.')!.id)
  })

  it('leaves `notes` out for an article without notes, and lists carry none', async () => {
    await content.article({ authors: [authorId], body: lexicalDocument(['No notes here.']) as Article['body'], lead: 'Plain.', section: sectionId, slug: 'plain', title: 'Plain' })
    const { json } = await websiteArticle('plain')
    expect(json).not.toHaveProperty('notes')
    const section = await readJson<{ articles: { docs: Record<string, unknown>[] } }>(suite.rest.get('/api/website/sections/master-forum'))
    expect(section.body.articles.docs.length).toBeGreaterThan(1)
    for (const summary of section.body.articles.docs) expect(summary).not.toHaveProperty('notes')
  })
})

describe('what is stored', () => {
  it('keeps only each note’s text in the body: numbers and anchors are made on reading', async () => {
    const stored = await nativeDatabase(suite.payload).collection('articles').findOne({ slug: 'us-japan-alliance' })
    expect(stored).not.toHaveProperty('notes')
    const markers = markersOf(stored!.body.en)
    expect(markers.map((marker) => Object.keys(marker).sort())).toEqual(Array(3).fill(['blockName', 'blockType', 'id', 'text']))
  })

  it('a body sent back as it was read (numbers and anchors in it) and a `notes` list sent along are not stored', async () => {
    const read = await readJson<Article & { notes: Note[] }>(suite.rest.get(`/api/articles/${noted.id}?locale=en`, { token: users.editor.token }))
    expect(markersOf(read.body.body)[0]).toMatchObject({ number: 1 })
    const saved = await suite.rest.patch(`/api/articles/${noted.id}?locale=en`, {
      body: { body: read.body.body, notes: [{ anchor: 'x', number: 9, referenceAnchor: 'y', text: 'Sent by a client.' }] },
      token: users.editor.token,
    })
    expect(saved.status).toBe(200)
    const stored = await nativeDatabase(suite.payload).collection('articles').findOne({ slug: 'us-japan-alliance' })
    expect(stored).not.toHaveProperty('notes')
    expect(markersOf(stored!.body.en).map((marker) => Object.keys(marker).sort())).toEqual(Array(3).fill(['blockName', 'blockType', 'id', 'text']))
    const { json } = await websiteArticle('us-japan-alliance')
    expect((json.notes as Note[]).map((note) => note.text)).toEqual(EN_NOTES)
  })

  it('a space typed before a marker goes, so the marker follows its word', async () => {
    const article = await content.article({
      authors: [authorId],
      body: notedBody(['Spaced out ', footnote('Spaced note.'), ' and on.'], ['  ', footnote('Alone.')]) as Article['body'],
      lead: 'Spaces.',
      section: sectionId,
      slug: 'spaced-notes',
      title: 'Spaced notes',
    })
    const stored = await nativeDatabase(suite.payload).collection('articles').findOne({ _id: new ObjectId(article.id) })
    const [first, second] = stored!.body.en.root.children as { children: { text?: string; type: string }[] }[]
    expect(first.children.map((node) => node.text ?? node.type)).toEqual(['Spaced out', 'inlineBlock', ' and on.'])
    expect(second.children.map((node) => node.text ?? node.type)).toEqual(['inlineBlock'])
  })

  it('refuses a note without text, naming the body and the note', async () => {
    const response = await readJson<ApiErrorBody>(
      suite.rest.post('/api/articles', {
        body: { authors: [authorId], body: notedBody(['Text', footnote('')]), lead: 'Empty note.', section: sectionId, slug: 'empty-note', title: 'Empty note' },
        token: users.editor.token,
      }),
    )
    expect(response.status).toBe(400)
    expect(invalidFieldPaths(response.body)).toEqual(['body', 'body.text'])
    expect(response.body.errors?.[0].message).toBe('The following fields are invalid: Body, Body > Note')
  })
})

describe('what else is made of an article', () => {
  it('feeds, OAI-PMH records, scholarly metadata and citations carry no note text', async () => {
    const answers = [
      ...(['en', 'zh'] as const).flatMap((locale) => ['rss.xml', 'atom.xml', 'feed.json'].map((file): `/api/${string}` => `/api/feeds/${locale}/${file}`)),
      '/api/oai?verb=ListRecords&metadataPrefix=oai_dc',
      ...(['en', 'zh'] as const).flatMap((locale): `/api/${string}`[] => [
        `/api/articles/${noted.id}/metadata?locale=${locale}`,
        ...['bibtex', 'ris', 'csl-json'].map((format): `/api/${string}` => `/api/articles/${noted.id}/cite?format=${format}&locale=${locale}`),
      ]),
    ]
    for (const path of answers) {
      const answer = await text(path)
      expect(answer).toMatch(/How the alliance shapes relations|美日同盟如何影响中日关系|US-Japan Alliance|美日同盟与中日关系/)
      for (const word of NOTE_ONLY_WORDS) expect({ path, has: answer.includes(word) }).toEqual({ path, has: false })
    }
  })

  it('search finds the text around a marker, not the notes', async () => {
    const hits = async (q: string, locale: string) => (await readJson<{ totalDocs: number }>(suite.rest.get(`/api/search?q=${encodeURIComponent(q)}&locale=${locale}`))).body.totalDocs
    expect(await hits('strengthened', 'en')).toBe(1)
    expect(await hits('关切', 'zh')).toBe(1)
    expect(await hits('zephyrine', 'en')).toBe(0)
    expect(await hits('琥珀档案', 'zh')).toBe(0)
  })

  it('counts the running text only in the word count', async () => {
    const { json } = await websiteArticle('us-japan-alliance')
    // The lead (9 words), then "The alliance has been strengthened since the Cold War." "New guidelines" "Officials said so." (14).
    expect(json.wordCount).toBe(9 + 14)
  })
})
