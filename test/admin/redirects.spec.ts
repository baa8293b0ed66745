import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Browser, Page } from 'playwright-core'

import type { Redirect } from '../../src/payload-types'
import { eventuallyExpect, HttpApi, settled, signIn, type Account } from '../helpers/adminUi'
import { launchBrowser, saveScreenshot } from '../helpers/browser'
import { startProductionServer, type RunningServer } from '../helpers/productionServer'
import { testDatabaseUri } from '../helpers/testDatabase'

/**
 * Redirects in the admin UI, in Chromium against the production server: an
 * editor adds a redirect from an address of the old site, sees a loop
 * refused with its reason, and finds the redirects the CMS recorded by
 * itself in the list. Results are checked through the website's call.
 */

let server: RunningServer
let browser: Browser
let api: HttpApi
let editor: Account

type List<T> = { docs: T[] }

const OLD_ADDRESS = 'http://www.example.org/en/journals/master-forum/201806/t1.htm?from=menu'
const OLD_PATH = '/en/journals/master-forum/201806/t1.htm'

beforeAll(async () => {
  server = await startProductionServer({ databaseUri: testDatabaseUri('admin_redirects') })
  api = new HttpApi(server.url)
  const admin = await api.firstAdmin('redirects')
  editor = await api.account(admin, 'editor', 'redirects')
  // A published article whose slug an editor changed: the CMS records that redirect by itself.
  const { body: sections } = await api.request<List<{ id: string }>>('GET', '/api/sections?where[slug][equals]=master-forum&depth=0')
  const author = await api.request<{ doc: { id: string } }>('POST', '/api/authors', { body: { name: 'Yuan Zheng', slug: 'yuan-zheng' }, token: editor.token })
  const article = await api.request<{ doc: { id: string } }>('POST', '/api/articles', {
    body: { _status: 'published', authors: [author.body.doc.id], lead: 'A lead.', section: sections.docs[0].id, slug: 'us-japan-alliance-2018', title: 'The US-Japan Alliance' },
    token: editor.token,
  })
  expect(article.status).toBe(201)
  const renamed = await api.request('PATCH', `/api/articles/${article.body.doc.id}`, { body: { slug: 'us-japan-alliance' }, token: editor.token })
  expect(renamed.status).toBe(200)
  browser = await launchBrowser()
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
}, 60_000)

async function newRedirect(page: Page, from: string, toPath: string): Promise<void> {
  await page.goto(`${server.url}/admin/collections/redirects/create`)
  await settled(page)
  await page.locator('#field-from').fill(from)
  await page.getByText('A path', { exact: true }).click()
  await page.locator('#field-to__url').fill(toPath)
}

describe('an editor’s redirects in the admin UI', () => {
  it('adds a redirect from an old site’s address, which the website call answers at once', async () => {
    const { context, page } = await signIn(browser, server.url, editor)
    try {
      await newRedirect(page, OLD_ADDRESS, '/en/articles/us-japan-alliance')
      await saveScreenshot(page, 'redirects-1-new-manual-redirect')
      await page.getByRole('button', { name: 'Save' }).click()
      await page.waitForURL(/\/admin\/collections\/redirects\/[0-9a-f]{24}(\?|$)/)
      // Stored as its path: the origin and the query string of the old address are gone.
      await eventuallyExpect(() => page.locator('#field-from').inputValue(), (value) => expect(value).toBe(OLD_PATH))
      await settled(page)
      await saveScreenshot(page, 'redirects-2-saved')

      const answer = await api.request('GET', `/api/website/redirects?path=${encodeURIComponent(OLD_ADDRESS)}`)
      expect(answer).toEqual({ body: { from: OLD_PATH, status: 301, to: '/en/articles/us-japan-alliance' }, status: 200 })
      const { body } = await api.request<List<Redirect>>('GET', `/api/redirects?where[from][equals]=${encodeURIComponent(OLD_PATH)}`, { token: editor.token })
      expect(body.docs.map((redirect) => redirect.origin)).toEqual(['manual'])
    } finally {
      await context.close()
    }
  })

  it('is told why a redirect that would loop is refused, and nothing is saved', async () => {
    const { context, page } = await signIn(browser, server.url, editor)
    try {
      // The article's old path already leads to its new one: the way back would loop.
      await newRedirect(page, '/en/articles/us-japan-alliance', '/en/articles/us-japan-alliance-2018')
      await page.getByRole('button', { name: 'Save' }).click()
      await page.getByText('The following field is invalid: Path').first().waitFor({ state: 'visible' })
      // The reason shows at the field, with the loop it would make.
      await page.locator('#field-to__url').hover()
      await page.getByText('This would make a loop: /en/articles/us-japan-alliance → /en/articles/us-japan-alliance-2018 → /en/articles/us-japan-alliance').first().waitFor({ state: 'visible' })
      await saveScreenshot(page, 'redirects-3-loop-refused')
      expect(new URL(page.url()).pathname).toBe('/admin/collections/redirects/create')
      const { body } = await api.request<List<Redirect>>('GET', '/api/redirects?where[from][equals]=/en/articles/us-japan-alliance', { token: editor.token })
      expect(body.docs).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('lists the editor’s redirect beside those the CMS recorded when the article moved', async () => {
    const { context, page } = await signIn(browser, server.url, editor)
    try {
      await page.goto(`${server.url}/admin/collections/redirects`)
      await settled(page)
      const rows = page.locator('table tbody tr')
      await saveScreenshot(page, 'redirects-4-list')
      await eventuallyExpect(() => rows.count(), (count) => expect(count).toBe(3))
      const text = await page.locator('table tbody').innerText()
      for (const expected of [OLD_PATH, '/en/articles/us-japan-alliance-2018', '/zh/articles/us-japan-alliance-2018', 'Automatic', 'Manual']) expect(text).toContain(expected)
      await saveScreenshot(page, 'redirects-4-list')
    } finally {
      await context.close()
    }
  })
})
