import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Browser, Page } from 'playwright-core'

import type { Article } from '../../src/payload-types'
import { eventually, HttpApi, settled, signIn, type Account } from '../helpers/adminUi'
import { launchBrowser, saveScreenshot } from '../helpers/browser'
import { lexicalDocument } from '../helpers/lexical'
import { startProductionServer, type RunningServer } from '../helpers/productionServer'
import { testDatabaseUri } from '../helpers/testDatabase'

/**
 * An editor inserts footnotes in the article body in Chromium, against the
 * production server: from the toolbar above the body (English) or with
 * "/footnote" (Chinese), the note's text in the drawer that opens, then
 * publishing. The website's
 * article call then numbers them. Screenshots of each step go to
 * test-results/screenshots/footnotes-*.png.
 */

let server: RunningServer
let browser: Browser
let api: HttpApi
let editor: Account
let articleId: string

type Note = { anchor: string; number: number; referenceAnchor: string; text: string }
type WebsiteArticle = { body: unknown; notes?: Note[] }

const NOTES = {
  en: 'The Guidelines for Japan-U.S. Defense Cooperation, April 27, 2015.',
  zh: '《日美防卫合作指针》，2015年4月27日。',
}

beforeAll(async () => {
  server = await startProductionServer({ databaseUri: testDatabaseUri('admin_footnotes') })
  api = new HttpApi(server.url)
  const admin = await api.firstAdmin('notes')
  editor = await api.account(admin, 'editor', 'notes')
  const author = await api.request<{ doc: { id: string } }>('POST', '/api/authors', { body: { name: 'Yuan Zheng', slug: 'yuan-zheng' }, token: editor.token })
  const section = await api.request<{ doc: { id: string } }>('POST', '/api/sections', { body: { slug: 'notes-forum', title: 'Notes forum' }, token: editor.token })
  const created = await api.request<{ doc: Article }>('POST', '/api/articles?draft=true', {
    body: {
      _status: 'draft',
      authors: [author.body.doc.id],
      body: lexicalDocument(['The alliance has been strengthened since the Cold War.']),
      lead: 'How the alliance shapes relations between China and Japan.',
      section: section.body.doc.id,
      slug: 'us-japan-alliance',
      title: 'The US-Japan Alliance',
    },
    token: editor.token,
  })
  expect(created.status).toBe(201)
  articleId = created.body.doc.id
  const translated = await api.request('PATCH', `/api/articles/${articleId}?draft=true&locale=zh`, {
    body: { body: lexicalDocument(['美日同盟自冷战以来不断得到加强。']), lead: '美日同盟如何影响中日关系。', title: '美日同盟与中日关系' },
    token: editor.token,
  })
  expect(translated.status).toBe(200)
  browser = await launchBrowser()
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
}, 60_000)

/** Puts the caret at the end of the body's first paragraph, after its last word and before the full stop. */
async function caretBeforeFullStop(page: Page): Promise<void> {
  const body = page.locator('[data-lexical-editor="true"]').first()
  await body.click()
  await page.keyboard.press('Control+End')
  await page.keyboard.press('ArrowLeft')
}

/** Writes the note's text in the drawer that opens for a new footnote, and saves it. */
async function writeNote(page: Page, text: string, screenshot: string): Promise<void> {
  const drawer = page.locator('.drawer--is-open').last()
  const note = drawer.locator('textarea#field-text')
  await note.waitFor({ state: 'visible' })
  await note.fill(text)
  await saveScreenshot(page, `${screenshot}-2-note-drawer`)
  await drawer.getByRole('button', { name: /^Save/ }).click()
  await drawer.waitFor({ state: 'detached' })
  await page.locator('[data-lexical-editor="true"] .LexicalEditorTheme__inlineBlock-footnote').first().waitFor({ state: 'visible' })
}

/** Inserts a footnote at the caret from the toolbar above the body (its inline blocks menu). */
async function insertFootnoteFromToolbar(page: Page, text: string, screenshot: string): Promise<void> {
  await page.locator('.toolbar-popup__dropdown-inlineBlocks').click()
  const item = page.locator('.toolbar-popup__dropdown-item', { hasText: 'Footnote' })
  await item.waitFor({ state: 'visible' })
  await saveScreenshot(page, `${screenshot}-1-toolbar`)
  await item.click()
  await writeNote(page, text, screenshot)
}

/** Inserts a footnote at the caret through the slash menu, which opens after a space: " /footnote". */
async function insertFootnoteFromSlashMenu(page: Page, text: string, screenshot: string): Promise<void> {
  await page.keyboard.type(' /footnote')
  const item = page.locator('#slash-menu-popup__item-inlineBlocks-footnote')
  await item.waitFor({ state: 'visible' })
  await saveScreenshot(page, `${screenshot}-1-slash-menu`)
  await item.click()
  await writeNote(page, text, screenshot)
}

async function publish(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Publish/ }).first().click()
  await page.getByText(/published successfully|Updated successfully/i).first().waitFor()
  await settled(page)
}

async function websiteArticle(locale: string): Promise<WebsiteArticle> {
  const { body } = await api.request<WebsiteArticle>('GET', `/api/website/articles/us-japan-alliance?locale=${locale}&fallback-locale=none`)
  return body
}

describe('an editor inserts footnotes in the admin UI', () => {
  it('in English: a footnote from the toolbar at a point of the text, the note in the drawer, then publishing', async () => {
    const { context, page } = await signIn(browser, server.url, editor)
    try {
      await page.goto(`${server.url}/admin/collections/articles/${articleId}`)
      await settled(page)
      await caretBeforeFullStop(page)
      await insertFootnoteFromToolbar(page, NOTES.en, 'footnotes-en')
      await saveScreenshot(page, 'footnotes-en-3-marker-in-text')
      await publish(page)
      await saveScreenshot(page, 'footnotes-en-4-published')
    } finally {
      await context.close()
    }
    const article = await eventually('the English note to be published', async () => {
      const answer = await websiteArticle('en')
      return answer.notes?.length ? answer : undefined
    })
    expect(article.notes).toEqual([{ anchor: 'note-1', id: expect.any(String), number: 1, referenceAnchor: 'note-1-ref', text: NOTES.en }])
    // The marker stands where the editor put it: after "Cold War", before the full stop.
    const paragraph = (article.body as { root: { children: { children: { fields?: { number?: number }; text?: string; type: string }[] }[] } }).root.children[0]
    expect(paragraph.children.map((node) => (node.type === 'text' ? node.text : `[${node.fields?.number}]`)).join('')).toBe('The alliance has been strengthened since the Cold War[1].')
  })

  it('in Chinese: "/footnote" from the slash menu; the Chinese body gets its own note 1, and the English one stays', async () => {
    const { context, page } = await signIn(browser, server.url, editor)
    try {
      await page.goto(`${server.url}/admin/collections/articles/${articleId}?locale=zh`)
      await settled(page)
      await page.locator('#field-title').and(page.locator('[value="美日同盟与中日关系"]')).waitFor()
      await caretBeforeFullStop(page)
      await insertFootnoteFromSlashMenu(page, NOTES.zh, 'footnotes-zh')
      await saveScreenshot(page, 'footnotes-zh-3-marker-in-text')
      await publish(page)
      await saveScreenshot(page, 'footnotes-zh-4-published')
    } finally {
      await context.close()
    }
    const chinese = await eventually('the Chinese note to be published', async () => {
      const answer = await websiteArticle('zh')
      return answer.notes?.length ? answer : undefined
    })
    expect(chinese.notes?.map((note) => [note.number, note.text])).toEqual([[1, NOTES.zh]])
    // The space the slash menu needed is gone: the marker follows the last character.
    expect(JSON.stringify(chinese.body)).toContain('"text":"美日同盟自冷战以来不断得到加强"')
    expect((await websiteArticle('en')).notes?.map((note) => [note.number, note.text])).toEqual([[1, NOTES.en]])
  })
})
