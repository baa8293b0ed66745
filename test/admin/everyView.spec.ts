import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Browser, Page } from 'playwright-core'

import type { StaffRole } from '../../src/policy/roles'
import { HttpApi, settled, signIn, type Account } from '../helpers/adminUi'
import { launchBrowser, saveScreenshot } from '../helpers/browser'
import { photo, uploadForm } from '../helpers/mediaFiles'
import { startProductionServer, type RunningServer } from '../helpers/productionServer'
import { testDatabaseUri } from '../helpers/testDatabase'

/**
 * Every list and edit view of every collection and global the admin UI
 * offers, opened in Chromium by each staff role against the production
 * server: none of the requests the admin UI makes on its own is refused
 * by the API's limits (which exist for the public API), and the server logs
 * no error while it serves them.
 */

let server: RunningServer
let browser: Browser
let api: HttpApi
const accounts = {} as Record<StaffRole, Account>

type List<T> = { docs: T[] }
type Refusal = { method: string; status: number; text: string; url: string; view: string }

beforeAll(async () => {
  server = await startProductionServer({
    databaseUri: testDatabaseUri('admin_every_view'),
    // A receiver on this machine; the suite never sends it anything.
    env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' },
  })
  api = new HttpApi(server.url)
  accounts.admin = await api.firstAdmin('tour')
  for (const role of ['editor', 'contributor', 'contacts'] as const) accounts[role] = await api.account(accounts.admin, role, 'tour')

  // Something in every collection, so that list views have rows and relationship columns to fill in.
  const { body: sections } = await api.request<List<{ id: string }>>('GET', '/api/sections?where[slug][equals]=master-forum&depth=0')
  const author = await api.request<{ doc: { id: string } }>('POST', '/api/authors', { body: { name: 'Yuan Zheng', slug: 'yuan-zheng' }, token: accounts.editor.token })
  expect(author.status).toBe(201)
  const form = uploadForm({ bytes: await photo({ height: 200, width: 300 }, 'jpeg'), filename: 'port.jpg', type: 'image/jpeg' }, { alt: 'A port' })
  const media = await fetch(`${server.url}/api/media`, { body: form, headers: { Authorization: `JWT ${accounts.editor.token}` }, method: 'POST' })
  expect(media.status).toBe(201)
  const mediaId = ((await media.json()) as { doc: { id: string } }).doc.id
  for (const [role, title] of [['contributor', 'A contributor’s draft'], ['editor', 'Published by an editor']] as const) {
    const article = await api.request('POST', '/api/articles', {
      body: {
        _status: role === 'editor' ? 'published' : 'draft',
        authors: [author.body.doc.id],
        featuredImage: mediaId,
        lead: 'A lead.',
        section: sections.docs[0].id,
        title,
      },
      token: accounts[role].token,
    })
    expect(article.status).toBe(201)
  }
  const endpoint = await api.request('POST', '/api/webhook-endpoints', {
    body: { name: 'Website', url: 'http://127.0.0.1:9/hooks/cms' },
    token: accounts.admin.token,
  })
  expect(endpoint).toMatchObject({ status: 201 })
  browser = await launchBrowser()
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
}, 60_000)

/** Every collection and global link of the navigation (on the account page, where none of them is the current page). */
async function navigationLinks(page: Page): Promise<string[]> {
  await page.goto(`${server.url}/admin/account`)
  await settled(page)
  const hrefs = await page.locator('nav a[href^="/admin/collections/"], nav a[href^="/admin/globals/"]').evaluateAll((links) =>
    links.map((link) => link.getAttribute('href') ?? ''),
  )
  return [...new Set(hrefs)]
}

/** The edit view of the first row of a list view, when it has one. */
async function firstRowLink(page: Page): Promise<string | undefined> {
  const link = page.locator('table tbody tr td a[href*="/admin/collections/"]').first()
  if ((await page.locator('table tbody tr').count()) === 0) return undefined
  return (await link.getAttribute('href')) ?? undefined
}

describe('every admin view as each role', () => {
  for (const role of ['admin', 'editor', 'contributor', 'contacts'] as const) {
    it(`${role}: no request of the admin UI is refused`, async () => {
      const refusals: Refusal[] = []
      const session = await signIn(browser, server.url, accounts[role])
      let view = 'sign-in'
      session.page.on('response', (response) => {
        const url = new URL(response.url())
        if (response.status() >= 400 && url.origin === server.url) {
          void response.text().then(
            (text) => refusals.push({ method: response.request().method(), status: response.status(), text: text.slice(0, 300), url: url.pathname + url.search, view }),
            () => undefined,
          )
        }
      })
      try {
        const page = session.page
        const logBefore = server.output().length
        const links = await navigationLinks(page)
        expect(links.length).toBeGreaterThan(0)
        for (const link of links) {
          view = link
          await page.goto(`${server.url}${link}`)
          await settled(page)
          await saveScreenshot(page, `every-view-${role}-${link.split('/').slice(2).join('-')}`)
          if (!link.startsWith('/admin/collections/')) continue
          const row = await firstRowLink(page)
          const canCreate = (await page.locator(`a[href="${link}/create"]`).count()) > 0
          for (const [edit, name] of [[row, 'edit'], [canCreate ? `${link}/create` : undefined, 'create']] as const) {
            if (!edit) continue
            view = edit
            await page.goto(`${server.url}${edit}`)
            await page.locator('.document-fields, .collection-edit').first().waitFor()
            await settled(page)
            await saveScreenshot(page, `every-view-${role}-${link.split('/').pop()}-${name}`)
          }
        }
        await new Promise((resolve) => setTimeout(resolve, 500))
        const errors = server
          .output()
          .slice(logBefore)
          .split('\n')
          .filter((line) => /"level":(50|60)|ERROR/.test(line))
        expect({ errors, refusals }).toEqual({ errors: [], refusals: [] })
      } finally {
        await session.context.close()
      }
    }, 300_000)
  }
})
