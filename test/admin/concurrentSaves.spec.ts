import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Browser, Page } from 'playwright-core'

import type { Article, Author } from '../../src/payload-types'
import { eventually, eventuallyExpect, HttpApi, settled, signIn, type Account } from '../helpers/adminUi'
import { launchBrowser, saveScreenshot } from '../helpers/browser'
import { startProductionServer, type RunningServer } from '../helpers/productionServer'
import { testDatabaseUri } from '../helpers/testDatabase'

/**
 * An editor's save in the admin UI that would overwrite someone else's
 * change is refused, and the editor is told so, in Chromium against the
 * production server. Payload's document locks keep two editors apart while
 * a lock is held; these are the saves after it is gone (expired, cleared or
 * taken over) with someone else's write in between. Screenshots in
 * test-results/screenshots/ show what the editor sees.
 */

let server: RunningServer
let browser: Browser
let api: HttpApi
let admin: Account
let editor: Account
let sectionId: string
let authorId: string

/** Autosave runs two seconds after the last change; a busy machine takes longer to save. */
const AUTOSAVE_WAIT_MS = 90_000

const CONFLICT = /Someone else saved this document after you opened it/

beforeAll(async () => {
  server = await startProductionServer({ databaseUri: testDatabaseUri('admin_concurrent_saves') })
  api = new HttpApi(server.url)
  admin = await api.firstAdmin('concurrent')
  editor = await api.account(admin, 'editor', 'concurrent')
  const { body: sections } = await api.request<{ docs: { id: string }[] }>('GET', '/api/sections?where[slug][equals]=master-forum&depth=0')
  sectionId = sections.docs[0].id
  const author = await api.request<{ doc: Author }>('POST', '/api/authors', { body: { name: 'Wang Fang', slug: 'wang-fang' }, token: admin.token })
  expect(author.status).toBe(201)
  authorId = author.body.doc.id
  browser = await launchBrowser()
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
}, 60_000)

/** Removes the editor's lock on the document, if it holds one, as its expiry (or an admin clearing it) would. */
async function lockGone(id: string): Promise<void> {
  const removed = await api.request('DELETE', `/api/payload-locked-documents?where[document.value][equals]=${id}`, { token: admin.token })
  expect(removed.status).toBe(200)
}

function errorToasts(page: Page) {
  return page.locator('.payload-toast-item.toast-error')
}

describe('an editor’s save after someone else’s', () => {
  it('a Save that would overwrite a change made since the form was opened is refused with a message; nothing of theirs is lost', async () => {
    const created = await api.request<{ doc: Author }>('POST', '/api/authors', { body: { name: 'Li Ming', slug: 'li-ming' }, token: admin.token })
    const id = created.body.doc.id
    const { context, page } = await signIn(browser, server.url, editor)
    try {
      await page.goto(`${server.url}/admin/collections/authors/${id}`)
      await page.locator('#field-position').waitFor()
      await settled(page)
      await page.locator('#field-position').fill('Research fellow')

      // Meanwhile: the lock is gone and someone else saves over the API.
      await lockGone(id)
      const theirs = await api.request('PATCH', `/api/authors/${id}`, { body: { affiliation: 'Institute of International Studies' }, token: admin.token })
      expect(theirs.status).toBe(200)

      await page.getByRole('button', { name: 'Save' }).click()
      const toast = errorToasts(page).first()
      await toast.waitFor()
      expect(await toast.innerText()).toMatch(CONFLICT)
      await saveScreenshot(page, 'concurrent-1-save-refused')

      const { body: stored } = await api.request<Author>('GET', `/api/authors/${id}?depth=0`, { token: admin.token })
      expect({ affiliation: stored.affiliation, position: stored.position ?? null }).toEqual({ affiliation: 'Institute of International Studies', position: null })

      // Reloaded, the form shows their change; saved again, the editor's change joins it.
      await page.reload()
      await eventuallyExpect(() => page.locator('#field-affiliation').inputValue(), (value) => expect(value).toBe('Institute of International Studies'))
      await page.locator('#field-position').fill('Research fellow')
      await page.getByRole('button', { name: 'Save' }).click()
      await page.locator('.payload-toast-item.toast-success').first().waitFor()
      const { body: saved } = await api.request<Author>('GET', `/api/authors/${id}?depth=0`, { token: admin.token })
      expect({ affiliation: saved.affiliation, position: saved.position }).toEqual({ affiliation: 'Institute of International Studies', position: 'Research fellow' })
    } finally {
      await context.close()
    }
  }, 240_000)

  it('autosaves of a draft after the editor’s own go through; the first after someone else’s draft is refused with a message', async () => {
    const created = await api.request<{ doc: Article }>('POST', '/api/articles?draft=true', {
      body: { _status: 'draft', authors: [authorId], section: sectionId, title: 'Coastal states and the sea lanes' },
      token: admin.token,
    })
    expect(created.status).toBe(201)
    const id = created.body.doc.id
    const latest = async () => (await api.request<Article>('GET', `/api/articles/${id}?draft=true&depth=0&locale=en`, { token: admin.token })).body

    const { context, page } = await signIn(browser, server.url, editor)
    try {
      await page.goto(`${server.url}/admin/collections/articles/${id}`)
      await page.locator('#field-title').waitFor()
      await settled(page)
      // Several autosaves in a row, each after the editor's own previous one.
      for (const title of ['Coastal states and sea lanes', 'Coastal states and shared sea lanes', 'Coastal states sharing the sea lanes']) {
        await page.locator('#field-title').fill(title)
        await eventually(`the autosave of “${title}”`, async () => ((await latest()).title === title ? true : undefined), AUTOSAVE_WAIT_MS)
      }
      await settled(page)
      expect(await errorToasts(page).count()).toBe(0)
      await saveScreenshot(page, 'concurrent-2-own-autosaves')

      // Meanwhile: the lock is gone and someone else saves a draft over the API.
      await lockGone(id)
      const theirs = await api.request('PATCH', `/api/articles/${id}?draft=true`, { body: { lead: 'Their lead, saved in between.' }, token: admin.token })
      expect(theirs.status).toBe(200)

      await page.locator('#field-lead').fill('My lead, which would overwrite theirs.')
      const toast = errorToasts(page).first()
      await toast.waitFor({ timeout: AUTOSAVE_WAIT_MS })
      expect(await toast.innerText()).toMatch(CONFLICT)
      await saveScreenshot(page, 'concurrent-3-autosave-refused')
      const stored = await latest()
      expect({ lead: stored.lead, title: stored.title }).toEqual({ lead: 'Their lead, saved in between.', title: 'Coastal states sharing the sea lanes' })
    } finally {
      await context.close()
    }
  }, 300_000)
})
