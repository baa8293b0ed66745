import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Browser, Locator, Page } from 'playwright-core'

import type { Article } from '../../src/payload-types'
import { eventually, eventuallyExpect, HttpApi, settled, signIn, type Account } from '../helpers/adminUi'
import { launchBrowser, saveScreenshot } from '../helpers/browser'
import { lexicalDocument } from '../helpers/lexical'
import { startProductionServer, type RunningServer } from '../helpers/productionServer'
import { testDatabaseUri } from '../helpers/testDatabase'

/**
 * The search-and-sharing fields in the admin UI, in Chromium against the
 * production server: an editor types a meta title into an article, in
 * English and then in Chinese, and the length guidance under the field
 * follows each keystroke (short, good, too long), counting a Chinese
 * character as two letters. Screenshots: test-results/screenshots/seo-*.png.
 */

let server: RunningServer
let browser: Browser
let api: HttpApi
let editor: Account
let articleId: string

type List<T> = { docs: T[] }

/** Autosave runs two seconds after the last change; a busy machine takes longer to save. */
const AUTOSAVE_WAIT_MS = 90_000

beforeAll(async () => {
  server = await startProductionServer({ databaseUri: testDatabaseUri('admin_search_and_sharing') })
  api = new HttpApi(server.url)
  const admin = await api.firstAdmin('sharing')
  editor = await api.account(admin, 'editor', 'sharing')
  // The migrations at start seeded the section tree.
  const { body: sections } = await api.request<List<{ id: string }>>('GET', '/api/sections?where[slug][equals]=master-forum&depth=0')
  const author = await api.request<{ doc: { id: string } }>('POST', '/api/authors', { body: { name: 'Yuan Zheng', slug: 'yuan-zheng' }, token: editor.token })
  const article = await api.request<{ doc: { id: string } }>('POST', '/api/articles', {
    body: {
      _status: 'published',
      authors: [author.body.doc.id],
      body: lexicalDocument(['The alliance has been strengthened.']),
      lead: 'How the alliance shapes relations between China and Japan.',
      section: sections.docs[0].id,
      slug: 'us-japan-alliance',
      title: 'The US-Japan Alliance and the Sino-Japanese Relations',
    },
    token: editor.token,
  })
  expect(article.status).toBe(201)
  articleId = article.body.doc.id
  const chinese = await api.request('PATCH', `/api/articles/${articleId}?locale=zh`, {
    body: { _status: 'published', body: lexicalDocument(['美日同盟得到加强。']), lead: '美日同盟如何影响中日关系。', title: '美日同盟与中日关系' },
    token: editor.token,
  })
  expect(chinese.status).toBe(200)
  browser = await launchBrowser()
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
}, 60_000)

async function latestDraft(locale: 'en' | 'zh'): Promise<Article> {
  const { body } = await api.request<Article>('GET', `/api/articles/${articleId}?draft=true&depth=0&locale=${locale}`, { token: editor.token })
  return body
}

/** The guidance under the meta title, as the editor sees it: its verdict, the width it counted and its words. */
async function guidance(page: Page): Promise<{ advice: string; verdict: null | string; width: null | string }> {
  const box = page.locator('.seo-length-guidance[data-path="meta.title"]')
  return { advice: await box.locator('.seo-length-guidance__advice').innerText(), verdict: await box.getAttribute('data-verdict'), width: await box.getAttribute('data-width') }
}

/** Types into the field key by key, as an editor does, then waits for the guidance to say `verdict`. */
async function typeAndExpect(page: Page, field: Locator, text: string, expected: { verdict: string; width: number }): Promise<void> {
  await field.pressSequentially(text, { delay: 15 })
  await eventuallyExpect(() => guidance(page), (shown) => expect({ verdict: shown.verdict, width: shown.width }).toEqual({ verdict: expected.verdict, width: String(expected.width) }))
}

async function showField(page: Page, name: string): Promise<void> {
  await page.locator('#field-meta__title').scrollIntoViewIfNeeded()
  await settled(page)
  await saveScreenshot(page, name)
}

describe('the meta title’s length guidance', () => {
  it('follows what an editor types, in English and in Chinese, and the title is saved in each language', async () => {
    const { context, page } = await signIn(browser, server.url, editor)
    try {
      // English: a 60-letter result fits a 30 to 60 wide title.
      await page.goto(`${server.url}/admin/collections/articles/${articleId}`)
      const title = page.locator('#field-meta__title')
      await title.waitFor({ state: 'visible' })
      await eventuallyExpect(() => guidance(page), (shown) => expect(shown.verdict).toBe('empty'))
      await showField(page, 'seo-1-english-empty')

      await typeAndExpect(page, title, 'US-Japan alliance', { verdict: 'too-short', width: 17 })
      expect((await guidance(page)).advice).toContain('17 of 30 to 60: short')
      await showField(page, 'seo-2-english-short')

      await typeAndExpect(page, title, ' and the relations between China and Japan', { verdict: 'good', width: 59 })
      expect((await guidance(page)).advice).toContain('a good length')
      await showField(page, 'seo-3-english-good')

      await typeAndExpect(page, title, ' since the end of the Cold War', { verdict: 'too-long', width: 89 })
      expect((await guidance(page)).advice).toContain('too long')
      await showField(page, 'seo-4-english-too-long')

      await eventually('the English meta title to be saved', async () => {
        const saved = await latestDraft('en')
        return saved.meta?.title === 'US-Japan alliance and the relations between China and Japan since the end of the Cold War' ? saved : undefined
      }, AUTOSAVE_WAIT_MS)

      // Chinese: each character counts as two letters, so 30 characters already fill the result.
      await page.goto(`${server.url}/admin/collections/articles/${articleId}?locale=zh`)
      await eventuallyExpect(() => page.locator('label[for="field-title"]').innerText(), (label) => expect(label).toContain('中文'))
      const chineseTitle = page.locator('#field-meta__title')
      // The Chinese version has a meta title of its own: empty, not the English one.
      await eventuallyExpect(() => chineseTitle.inputValue(), (value) => expect(value).toBe(''))
      await eventuallyExpect(() => guidance(page), (shown) => expect(shown.verdict).toBe('empty'))

      await typeAndExpect(page, chineseTitle, '美日同盟', { verdict: 'too-short', width: 8 })
      await showField(page, 'seo-5-chinese-short')

      await typeAndExpect(page, chineseTitle, '与冷战结束以来的中日关系', { verdict: 'good', width: 32 })
      await showField(page, 'seo-6-chinese-good')

      // 34 characters, fewer than the 59 letters of the good English title, but wider: too long.
      await typeAndExpect(page, chineseTitle, '：安全合作、经济竞争与地区秩序的演变', { verdict: 'too-long', width: 68 })
      expect((await guidance(page)).advice).toContain('too long')
      await showField(page, 'seo-7-chinese-too-long')

      await eventually('the Chinese meta title to be saved', async () => {
        const saved = await latestDraft('zh')
        return saved.meta?.title === '美日同盟与冷战结束以来的中日关系：安全合作、经济竞争与地区秩序的演变' ? saved : undefined
      }, AUTOSAVE_WAIT_MS)
      expect((await latestDraft('en')).meta?.title).toBe('US-Japan alliance and the relations between China and Japan since the end of the Cold War')
    } finally {
      await context.close()
    }
  }, 420_000)
})
