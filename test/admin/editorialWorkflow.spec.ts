import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Browser, Page } from 'playwright-core'
import sharp from 'sharp'

import type { Article, Contact } from '../../src/payload-types'
import { eventually, eventuallyExpect, HttpApi, pickOption, settled, signIn, type Account } from '../helpers/adminUi'
import { launchBrowser, saveScreenshot } from '../helpers/browser'
import { startProductionServer, type RunningServer } from '../helpers/productionServer'
import { testDatabaseUri } from '../helpers/testDatabase'

/**
 * The editorial workflow driven in Chromium against the production server
 * (its jobs queue running every two seconds), with a screenshot of each step
 * in test-results/screenshots/ (kept by CI). Results are checked through the
 * public API, as the website would see them.
 */

let server: RunningServer
let browser: Browser
let api: HttpApi
let admin: Account
let editor: Account
let contributor: Account
let contacts: Account
let authorName: string

type List<T> = { docs: T[]; totalDocs: number }

/** Autosave runs two seconds after the last change; a busy machine takes longer to save. */
const AUTOSAVE_WAIT_MS = 90_000

beforeAll(async () => {
  server = await startProductionServer({
    databaseUri: testDatabaseUri('admin_editorial_workflow'),
    env: { JOBS_AUTORUN_CRON: '*/2 * * * * *' },
  })
  api = new HttpApi(server.url)
  admin = await api.firstAdmin('desk')
  editor = await api.account(admin, 'editor', 'desk')
  contributor = await api.account(admin, 'contributor', 'desk')
  contacts = await api.account(admin, 'contacts', 'desk')
  authorName = 'Zhao Lei'
  const author = await api.request('POST', '/api/authors', { body: { name: authorName, slug: 'zhao-lei' }, token: editor.token })
  expect(author.status).toBe(201)
  browser = await launchBrowser()
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
}, 60_000)

/** The latest version of an article, drafts included, as an editor reads it. */
async function latest(id: string, locale = 'en'): Promise<Article> {
  const { body } = await api.request<Article>('GET', `/api/articles/${id}?draft=true&depth=0&locale=${locale}`, { token: admin.token })
  return body
}

/** Types into the rich-text body of the open article, at its end. */
async function typeInBody(page: Page, text: string): Promise<void> {
  // The body is the article's one rich-text field.
  const body = page.locator('[data-lexical-editor="true"]').first()
  await body.click()
  await page.keyboard.press('Control+End')
  await page.keyboard.type(text)
}

/** Inserts an image into the body through the editor's slash menu, uploading a new file from the drawer. */
async function insertNewImage(page: Page, file: { alt: string; bytes: Buffer; name: string }): Promise<void> {
  await page.keyboard.press('Enter')
  await page.keyboard.type('/upload')
  await page.locator('#slash-menu-item-upload, .slash-menu-popup__item-upload').or(page.getByRole('option', { name: 'Upload' })).first().click()
  const listDrawer = page.locator('.list-drawer').last()
  await listDrawer.waitFor({ state: 'visible' })
  await listDrawer.getByRole('button', { name: /Create New/i }).first().click()
  const uploadDrawer = page.locator('.doc-drawer, .drawer--is-open').last()
  await uploadDrawer.locator('input[type="file"]').setInputFiles({ buffer: file.bytes, mimeType: 'image/jpeg', name: file.name })
  await uploadDrawer.locator('#field-alt').fill(file.alt)
  await uploadDrawer.getByRole('button', { name: 'Save' }).click()
  await page.locator('[data-lexical-editor="true"] [data-lexical-decorator="true"]').first().waitFor({ state: 'visible' })
}

/** "Nov 28, 2026 6:04 PM" in the browser's time zone: what the schedule drawer's date field takes. */
async function pickerTime(page: Page, at: Date): Promise<string> {
  return page.evaluate((iso) => {
    const date = new Date(iso)
    const day = date.toLocaleString('en-US', { day: 'numeric', month: 'short', year: 'numeric' })
    const time = date.toLocaleString('en-US', { hour: 'numeric', minute: '2-digit' })
    return `${day} ${time}`
  }, at.toISOString())
}

const bodyHasUpload = (body: unknown) => JSON.stringify(body ?? null).includes('"type":"upload"')

/** The article the contributor writes and the editor schedules; the last test of the file sees it published. */
const scheduledTitle = { en: 'Maritime cooperation in East Asia', zh: '东亚海上合作' }
let scheduled: { articleId: string; at: Date } | undefined

describe('a contributor’s article, reviewed and scheduled by an editor', () => {
  it('goes from the contributor’s bilingual draft to a publication the editor schedules', async () => {
    const title = scheduledTitle
    const image = await sharp({ create: { background: { b: 120, g: 90, r: 30 }, channels: 3, height: 600, width: 900 } }).jpeg().toBuffer()

    // The contributor writes the English version, with an image in the body.
    const writer = await signIn(browser, server.url, contributor)
    let articleId: string
    try {
      const page = writer.page
      await page.goto(`${server.url}/admin/collections/articles/create`)
      await page.waitForURL(/\/admin\/collections\/articles\/[0-9a-f]{24}$/)
      articleId = page.url().split('/').pop() as string
      await page.locator('#field-title').fill(title.en)
      await page.locator('#field-lead').fill('How coastal states share the work of keeping sea lanes safe.')
      await pickOption(page, '#field-authors', authorName)
      await pickOption(page, '#field-section', 'Master forum')
      await typeInBody(page, 'Sea lanes carry most of the region’s trade.')
      await insertNewImage(page, { alt: 'A container port at dusk', bytes: image, name: 'port.jpg' })
      await eventually('the English draft to be saved', async () => {
        const saved = await latest(articleId)
        return saved.title === title.en && bodyHasUpload(saved.body) && saved.section ? saved : undefined
      }, AUTOSAVE_WAIT_MS)
      await settled(page)
      await saveScreenshot(page, 'workflow-1-contributor-english-draft')

      // Then the Chinese version of the same article.
      await page.goto(`${server.url}/admin/collections/articles/${articleId}?locale=zh`)
      await eventuallyExpect(() => page.locator('label[for="field-title"]').innerText(), (label) => expect(label).toContain('中文'))
      await page.locator('#field-title').fill(title.zh)
      await page.locator('#field-lead').fill('沿海国家如何分担维护海上通道安全的工作。')
      await typeInBody(page, '海上通道承载了该地区的大部分贸易。')
      await eventually('the Chinese draft to be saved', async () => {
        const saved = await latest(articleId, 'zh')
        return saved.title === title.zh && saved.availableLocales?.includes('zh') ? saved : undefined
      }, AUTOSAVE_WAIT_MS)

      // Submitted for review.
      await pickOption(page, '#field-workflowStatus', 'In review')
      await eventually('the submission to be saved', async () => ((await latest(articleId)).workflowStatus === 'in-review' ? true : undefined), AUTOSAVE_WAIT_MS)
      await settled(page)
      await saveScreenshot(page, 'workflow-2-contributor-submits-chinese')
      const submitted = await latest(articleId)
      expect(submitted).toMatchObject({ _status: 'draft', availableLocales: ['en', 'zh'], workflowStatus: 'in-review' })
    } finally {
      await writer.context.close()
    }
    expect((await api.request('GET', `/api/articles/${articleId}`)).status).toBe(404)

    // The editor finds it awaiting review on the dashboard and schedules it.
    const desk = await signIn(browser, server.url, editor)
    try {
      const page = desk.page
      const awaiting = page.locator('#desk-awaiting-review')
      await awaiting.getByRole('link', { name: title.en }).waitFor()
      await settled(page)
      await saveScreenshot(page, 'workflow-3-editor-dashboard-awaiting-review')
      await awaiting.getByRole('link', { name: title.en }).click()
      await page.waitForURL(new RegExp(`/admin/collections/articles/${articleId}$`))
      await page.locator('#field-title').waitFor()

      await page.locator('.doc-controls .popup-button').first().click()
      await page.getByText('Schedule Publish').click()
      const scheduler = page.locator('.schedule-publish__scheduler')
      await scheduler.getByText('Publish', { exact: true }).click()
      // The next whole minute at least 20 seconds away: the drawer takes minutes.
      const at = new Date(Math.ceil((Date.now() + 20_000) / 60_000) * 60_000)
      await scheduler.locator('.react-datepicker__input-container input').pressSequentially(await pickerTime(page, at), { delay: 10 })
      await page.keyboard.press('Enter')
      await page.locator('#scheduled-publish-save').click()
      await page.locator('.schedule-publish__upcoming').getByText('Publish', { exact: true }).waitFor()
      await saveScreenshot(page, 'workflow-4-editor-schedules')
      expect((await latest(articleId)).workflowStatus).toBe('scheduled')
      // Nothing is public before the time. The tests below run meanwhile; the last one sees it published.
      expect((await api.request('GET', `/api/articles/${articleId}`)).status).toBe(404)
      scheduled = { articleId, at }
    } finally {
      await desk.context.close()
    }
  }, 360_000)
})

describe('version history', () => {
  it('lets an editor compare and restore an earlier version', async () => {
    // The seeded section and the author made for the suite.
    const { body: sections } = await api.request<List<{ id: string }>>('GET', '/api/sections?where[slug][equals]=master-forum&depth=0')
    const { body: authors } = await api.request<List<{ id: string }>>('GET', '/api/authors?where[slug][equals]=zhao-lei&depth=0')
    const base = { authors: [authors.docs[0].id], section: sections.docs[0].id }
    const first = await api.request<{ doc: Article }>('POST', '/api/articles', {
      body: { ...base, _status: 'published', lead: 'The first lead.', title: 'Ports and power: first title' },
      token: editor.token,
    })
    expect(first.status).toBe(201)
    const id = first.body.doc.id
    for (const title of ['Ports and power: second title', 'Ports and power: third title']) {
      const saved = await api.request('PATCH', `/api/articles/${id}`, { body: { _status: 'published', title }, token: editor.token })
      expect(saved.status).toBe(200)
    }
    const { body: versions } = await api.request<List<{ id: string; version: Article }>>(
      'GET',
      `/api/articles/versions?where[parent][equals]=${id}&sort=createdAt&depth=0`,
      { token: editor.token },
    )
    const firstVersion = versions.docs.find((version) => version.version.title === 'Ports and power: first title')
    expect(firstVersion).toBeDefined()

    const session = await signIn(browser, server.url, editor)
    try {
      const page = session.page
      await page.goto(`${server.url}/admin/collections/articles/${id}/versions`)
      await page.locator('table tbody tr').first().waitFor()
      await settled(page)
      await saveScreenshot(page, 'versions-1-history')
      await page.goto(`${server.url}/admin/collections/articles/${id}/versions/${firstVersion?.id}`)
      await page.getByText('Ports and power: first title').first().waitFor()
      await settled(page)
      await saveScreenshot(page, 'versions-2-compare')
      await page.getByRole('button', { name: 'Restore this version' }).click()
      const confirm = page.locator('.confirmation-modal, [role="dialog"]').last()
      await confirm.getByRole('button', { name: /Confirm|Restore/ }).last().click()
      await page.waitForURL(new RegExp(`/admin/collections/articles/${id}$`))
      await eventuallyExpect(() => page.locator('#field-title').inputValue(), (value) => expect(value).toBe('Ports and power: first title'))
      await settled(page)
      await saveScreenshot(page, 'versions-3-restored')
    } finally {
      await session.context.close()
    }
    expect((await latest(id)).title).toBe('Ports and power: first title')
    // Restored as the published version: readers get it too.
    const { body: publicView } = await api.request<Article>('GET', `/api/articles/${id}?depth=0`)
    expect(publicView.title).toBe('Ports and power: first title')
  }, 180_000)
})

describe('contacts staff', () => {
  it('land on the directory, change an extension the public sees, and cannot reach anything else', async () => {
    const session = await signIn(browser, server.url, contacts)
    try {
      const page = session.page
      await page.waitForURL(/\/admin\/collections\/contacts/)
      await page.getByRole('link', { name: 'Personnel Department' }).waitFor()
      await settled(page)
      await saveScreenshot(page, 'contacts-1-lands-on-directory')

      await page.getByRole('link', { name: 'Personnel Department' }).click()
      await page.waitForURL(/\/admin\/collections\/contacts\/[0-9a-f]{24}$/)
      const extension = page.locator('#field-phones__0__extension')
      await eventuallyExpect(() => extension.inputValue(), (value) => expect(value).toBe('8002'))
      await extension.fill('8012')
      await page.getByRole('button', { name: 'Save' }).click()
      await page.getByText(/successfully/i).first().waitFor()
      await saveScreenshot(page, 'contacts-2-extension-saved')

      const { body } = await api.request<List<Contact>>('GET', `/api/contacts?where[name][equals]=${encodeURIComponent('Personnel Department')}&depth=0`)
      expect(body.docs[0].phones?.[0]).toMatchObject({ extension: '8012', number: '82005669' })

      // The navigation offers the directory only, and direct addresses lead nowhere.
      await page.locator('.nav-toggler, button[aria-label="Open navigation"]').first().click()
      const navigation = page.locator('nav').first()
      // Once the navigation shows the directory, it is rendered: then what it leaves out is absent.
      await navigation.getByRole('link', { name: 'Contacts' }).first().waitFor({ state: 'visible' })
      for (const label of ['Articles', 'Authors', 'Users']) {
        expect(await navigation.getByRole('link', { name: label, exact: true }).count()).toBe(0)
      }
      const { body: someArticle } = await api.request<List<{ id: string }>>('GET', '/api/articles?limit=1&depth=0')
      for (const path of [
        '/admin/collections/articles',
        `/admin/collections/articles/${someArticle.docs[0].id}`,
        '/admin/collections/articles/create',
        '/admin/collections/authors',
        '/admin/collections/users',
        `/admin/collections/users/${admin.id}`,
      ]) {
        const response = await page.goto(`${server.url}${path}`)
        expect({ path, status: response?.status() }).toEqual({ path, status: 404 })
        await page.getByRole('heading', { name: 'Nothing found' }).waitFor({ state: 'visible' })
      }
      await saveScreenshot(page, 'contacts-3-articles-not-found')
    } finally {
      await session.context.close()
    }
  }, 180_000)
})

describe('the scheduled publication', () => {
  it('reaches the public API at the time the editor chose, with its image and both languages', async () => {
    if (!scheduled) throw new Error('the article was not scheduled (see the first test of this file)')
    const { articleId, at } = scheduled
    // After the time, the jobs queue inside the server publishes it.
    const published = await eventually(
      'the scheduled article to reach the public API',
      async () => {
        const { body, status } = await api.request<Article>('GET', `/api/articles/${articleId}?depth=0`)
        return status === 200 ? body : undefined
      },
      150_000,
      1000,
    )
    expect(Date.now()).toBeGreaterThanOrEqual(at.getTime())
    expect(published).toMatchObject({ _status: 'published', contentLocale: 'en', title: scheduledTitle.en, workflowStatus: 'published' })
    expect(bodyHasUpload(published.body)).toBe(true)
    const chinese = await api.request<Article>('GET', `/api/articles/${articleId}?depth=0&locale=zh`)
    expect(chinese.body).toMatchObject({ contentLocale: 'zh', title: scheduledTitle.zh })

    const desk = await signIn(browser, server.url, editor)
    try {
      const page = desk.page
      await page.goto(`${server.url}/admin`)
      await page.locator('#desk-scheduled').waitFor()
      await settled(page)
      await saveScreenshot(page, 'workflow-5-editor-dashboard-after-publication')
    } finally {
      await desk.context.close()
    }
  }, 240_000)
})
