import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Browser, Page } from 'playwright-core'

import { eventuallyExpect, HttpApi, settled, signIn, type Account } from '../helpers/adminUi'
import { launchBrowser, saveScreenshot } from '../helpers/browser'
import { photo, uploadForm } from '../helpers/mediaFiles'
import { startProductionServer, type RunningServer } from '../helpers/productionServer'
import { testDatabaseUri } from '../helpers/testDatabase'

/**
 * The admin UI as a new editor and a contacts staff member meet it, in
 * Chromium against the production server (whose start runs the migrations,
 * so the section tree, the directory and the site are seeded), each step
 * with a screenshot in test-results/screenshots/newcomer-*.png.
 */

let server: RunningServer
let browser: Browser
let api: HttpApi
let admin: Account
let editor: Account
let contacts: Account
let website: { id: string }
let authorId: string
let articleId: string
let mediaId: string

type List<T> = { docs: T[]; totalDocs: number }

beforeAll(async () => {
  server = await startProductionServer({ databaseUri: testDatabaseUri('admin_newcomer') })
  api = new HttpApi(server.url)
  admin = await api.firstAdmin('newcomer')
  editor = await api.account(admin, 'editor', 'newcomer')
  contacts = await api.account(admin, 'contacts', 'newcomer')
  const account = await api.request<{ doc: { id: string } }>('POST', '/api/users', {
    body: { email: 'website@example.org', name: 'The website', password: 'a long passphrase for the website', roles: ['website'] },
    token: admin.token,
  })
  expect(account.status).toBe(201)
  website = account.body.doc

  const { body: sections } = await api.request<List<{ id: string }>>('GET', '/api/sections?where[slug][equals]=master-forum&depth=0')
  const author = await api.request<{ doc: { id: string } }>('POST', '/api/authors', { body: { name: 'Yuan Zheng', slug: 'yuan-zheng' }, token: editor.token })
  authorId = author.body.doc.id
  const upload = await fetch(`${server.url}/api/media`, {
    body: uploadForm({ bytes: await photo({ height: 300, width: 400 }, 'jpeg'), filename: 'harbour.jpg', type: 'image/jpeg' }, { alt: 'A harbour at dawn' }),
    headers: { Authorization: `JWT ${editor.token}` },
    method: 'POST',
  })
  expect(upload.status).toBe(201)
  mediaId = ((await upload.json()) as { doc: { id: string } }).doc.id
  const article = await api.request<{ doc: { id: string } }>('POST', '/api/articles', {
    body: { _status: 'published', authors: [authorId], lead: 'A lead.', receivedAt: '2018-05-15T12:00:00.000Z', section: sections.docs[0].id, title: 'The US-Japan Alliance' },
    token: editor.token,
  })
  expect(article.status).toBe(201)
  articleId = article.body.doc.id
  browser = await launchBrowser()
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
}, 60_000)

/** The error message Payload shows at a field (its tooltip), by the field's input id. */
function fieldError(page: Page, inputId: string) {
  return page.locator(`.field-type.error:has(#${inputId}) .field-error`).first()
}

describe('contacts staff signing in', () => {
  it('go straight to the directory, without a dashboard page in between', async () => {
    const context = await browser.newContext({ viewport: { height: 900, width: 1280 } })
    const page = await context.newPage()
    page.setDefaultTimeout(30_000)
    try {
      await page.goto(`${server.url}/admin/login`)
      await page.locator('#field-email').fill(contacts.email)
      await page.locator('#field-password').fill(contacts.password)
      const visited: string[] = []
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) visited.push(new URL(frame.url()).pathname)
      })
      await page.getByRole('button', { name: 'Login' }).click()
      await page.waitForURL(/\/admin\/collections\/contacts/)
      await page.getByRole('link', { name: 'Personnel Department' }).waitFor()
      await settled(page)
      await saveScreenshot(page, 'newcomer-1-contacts-land-on-directory')
      expect(visited).not.toContain('/admin')
      expect(visited[0]).toBe('/admin/collections/contacts')
    } finally {
      await context.close()
    }
  }, 120_000)
})

describe('the directory list', () => {
  it('shows whether an entry is on the website in words', async () => {
    const session = await signIn(browser, server.url, contacts)
    try {
      const page = session.page
      await page.goto(`${server.url}/admin/collections/contacts`)
      const firstRow = page.locator('table tbody tr').first()
      await firstRow.waitFor()
      await eventuallyExpect(() => firstRow.locator('.cell-visible').innerText(), (text) => expect(text.trim()).toBe('Shown'))
      await settled(page)
      await saveScreenshot(page, 'newcomer-2-directory-visible-in-words')
    } finally {
      await session.context.close()
    }
  }, 120_000)
})

describe('a refused value', () => {
  it('is explained at its field, as Payload shows its own messages', async () => {
    const session = await signIn(browser, server.url, contacts)
    try {
      const page = session.page
      const { body } = await api.request<List<{ id: string }>>('GET', `/api/contacts?where[name][equals]=${encodeURIComponent('Personnel Department')}&depth=0`)
      await page.goto(`${server.url}/admin/collections/contacts/${body.docs[0].id}`)
      const number = page.locator('#field-phones__0__number')
      await eventuallyExpect(() => number.inputValue(), (value) => expect(value).not.toBe(''))
      await number.fill('call the switchboard')
      // As a person pauses before saving: the form's own check of the typing has come back.
      await settled(page)
      await page.getByRole('button', { name: 'Save' }).click()
      await eventuallyExpect(
        () => fieldError(page, 'field-phones__0__number').textContent(),
        (text) => expect(text).toBe('Enter a telephone number such as 86-10-82005566 or +86 10 8200 5566'),
      )
      await number.hover()
      await saveScreenshot(page, 'newcomer-3-phone-number-error-at-the-field')
    } finally {
      await session.context.close()
    }
  }, 120_000)

  it('from a hook (the password policy) is explained at its field too', async () => {
    const session = await signIn(browser, server.url, admin)
    try {
      const page = session.page
      await page.goto(`${server.url}/admin/collections/users/create`)
      await page.locator('#field-email').fill('new-editor@example.org')
      await page.locator('#field-password').fill('too short')
      await page.locator('#field-confirm-password').fill('too short')
      await page.locator('#field-name').fill('New Editor')
      await settled(page)
      await page.getByRole('button', { name: 'Save' }).click()
      await eventuallyExpect(() => fieldError(page, 'field-password').textContent(), (text) => expect(text).toMatch(/^The password must be at least 12 characters long/))
      await saveScreenshot(page, 'newcomer-4-password-error-at-the-field')
    } finally {
      await session.context.close()
    }
  }, 120_000)
})

describe('writing in two languages', () => {
  it('a new article opens in English after work in 中文, and the language written in is always in view', async () => {
    const session = await signIn(browser, server.url, editor)
    try {
      const page = session.page
      const badge = page.locator('.writing-language')
      await page.goto(`${server.url}/admin/collections/authors/${authorId}?locale=zh`)
      await eventuallyExpect(() => badge.textContent(), (text) => expect(text).toBe('Writing in 中文'))
      await page.locator('#field-name').fill('袁征')
      await page.getByRole('button', { name: 'Save' }).click()
      await page.getByText(/successfully/i).first().waitFor()
      await settled(page)
      await saveScreenshot(page, 'newcomer-5-author-in-chinese')

      // "Create New" from the list view, as an editor clicks it.
      await page.goto(`${server.url}/admin/collections/articles`)
      await page.getByRole('link', { name: 'Create New' }).first().click()
      await page.waitForURL(/\/admin\/collections\/articles\/[0-9a-f]{24}/)
      await eventuallyExpect(() => badge.textContent(), (text) => expect(text).toBe('Writing in English'))
      await eventuallyExpect(() => page.locator('label[for="field-title"]').innerText(), (text) => expect(text).toContain('English'))
      await settled(page)
      await saveScreenshot(page, 'newcomer-6-new-article-in-english')
    } finally {
      await session.context.close()
    }
    const { body } = await api.request<{ name: Record<string, string> }>('GET', `/api/authors/${authorId}?locale=all&depth=0`)
    expect(body.name).toEqual({ en: 'Yuan Zheng', zh: '袁征' })
  }, 180_000)

  it('an image’s alt text is written per language', async () => {
    const session = await signIn(browser, server.url, editor)
    try {
      const page = session.page
      await page.goto(`${server.url}/admin/collections/media/${mediaId}?locale=zh`)
      await eventuallyExpect(() => page.locator('label[for="field-alt"]').innerText(), (text) => expect(text).toContain('中文'))
      await page.locator('#field-alt').fill('黎明时的港口')
      await page.getByRole('button', { name: 'Save' }).click()
      await page.getByText(/successfully/i).first().waitFor()
      await settled(page)
      await saveScreenshot(page, 'newcomer-7-chinese-alt-text')
    } finally {
      await session.context.close()
    }
    const { body } = await api.request<{ alt: Record<string, string> }>('GET', `/api/media/${mediaId}?locale=all&depth=0`)
    expect(body.alt).toEqual({ en: 'A harbour at dawn', zh: '黎明时的港口' })
  }, 120_000)
})

describe('"Create New" left at once', () => {
  it('leaves nothing on the dashboard or in the list', async () => {
    const session = await signIn(browser, server.url, editor)
    try {
      const page = session.page
      const before = (await api.request<List<unknown>>('GET', '/api/articles?draft=true&depth=0&limit=1', { token: editor.token })).body.totalDocs
      await page.goto(`${server.url}/admin/collections/articles/create`)
      await page.waitForURL(/\/admin\/collections\/articles\/[0-9a-f]{24}/)
      await page.locator('#field-title').waitFor()
      // The editor leaves without typing.
      await page.goto(`${server.url}/admin`)
      await page.locator('#desk-my-drafts').getByText('No drafts of yours.').waitFor()
      await settled(page)
      await saveScreenshot(page, 'newcomer-8-dashboard-after-create-new')
      await page.goto(`${server.url}/admin/collections/articles`)
      await page.locator('table tbody tr').first().waitFor()
      // The one article made for the tour: none of the drafts "Create New" made.
      await eventuallyExpect(() => page.locator('table tbody tr').count(), (rows) => expect(rows).toBe(1))
      const after = (await api.request<List<unknown>>('GET', '/api/articles?draft=true&depth=0&limit=1', { token: editor.token })).body.totalDocs
      // The drafts are stored (the API lists them to editors) but marked blank: the admin UI lists none of them.
      expect(after).toBeGreaterThan(before)
    } finally {
      await session.context.close()
    }
  }, 120_000)
})

describe('article fields', () => {
  it('show the year a date-only field holds, and the slug is not marked required', async () => {
    const session = await signIn(browser, server.url, editor)
    try {
      const page = session.page
      await page.goto(`${server.url}/admin/collections/articles/${articleId}`)
      const received = page.locator('.field-type:has(label:text("Received At")) input').first()
      await eventuallyExpect(() => received.inputValue(), (value) => expect(value).toBe('15 May 2018'))
      const slugLabel = page.locator('label[for="field-slug"]')
      await eventuallyExpect(() => slugLabel.innerText(), (text) => expect(text).toBe('Slug'))
      await eventuallyExpect(() => page.locator('label[for="field-title"] .required').count(), (count) => expect(count).toBe(1))
      await eventuallyExpect(() => slugLabel.locator('.required').count(), (count) => expect(count).toBe(0))
      await settled(page)
      await saveScreenshot(page, 'newcomer-9-received-at-and-slug')
    } finally {
      await session.context.close()
    }
  }, 120_000)
})

describe('API keys', () => {
  it('are offered on the website account only', async () => {
    const session = await signIn(browser, server.url, admin)
    try {
      const page = session.page
      await page.goto(`${server.url}/admin/collections/users/${editor.id}`)
      await page.locator('#field-roles').waitFor()
      await page.getByRole('button', { name: 'Change Password' }).waitFor()
      // The block stays in the page, hidden, until the website role is chosen.
      await page.locator('.auth-fields__api-key').waitFor({ state: 'hidden' })
      await eventuallyExpect(() => page.getByRole('button', { name: 'Generate new API key' }).count(), (count) => expect(count).toBe(0))
      await settled(page)
      await saveScreenshot(page, 'newcomer-10-staff-account-without-api-key')

      await page.goto(`${server.url}/admin/collections/users/${website.id}`)
      await page.getByRole('button', { name: 'Generate new API key' }).waitFor({ state: 'visible' })
      await settled(page)
      await saveScreenshot(page, 'newcomer-11-website-account-with-api-key')
    } finally {
      await session.context.close()
    }
  }, 120_000)
})

describe('the seeded site', () => {
  it('names the journal, so citations do not name the association as the journal', async () => {
    const { body: site } = await api.request<{ journalTitle: Record<string, string> }>('GET', '/api/globals/site?locale=all')
    expect(site.journalTitle).toEqual({ en: 'Peace and Development', zh: '和平与发展' })
    const cite = await fetch(`${server.url}/api/articles/${articleId}/cite?format=csl-json`)
    expect(cite.status).toBe(200)
    const [item] = (await cite.json()) as { 'container-title': string }[]
    expect(item['container-title']).toBe('Peace and Development')
  })
})
