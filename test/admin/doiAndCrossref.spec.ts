import fs from 'node:fs'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Browser, Locator, Page } from 'playwright-core'

import { eventuallyExpect, HttpApi, settled, signIn, type Account } from '../helpers/adminUi'
import { launchBrowser, saveScreenshot } from '../helpers/browser'
import { startProductionServer, type RunningServer } from '../helpers/productionServer'
import { testDatabaseUri } from '../helpers/testDatabase'

/**
 * The DOI field in Chromium against the production server: an editor has a
 * DOI generated from DOI_PREFIX, publishes it, and downloads the article's
 * and the section's Crossref deposit from the links the admin UI shows.
 */

const PREFIX = '10.55555'

let server: RunningServer
let browser: Browser
let api: HttpApi
let editor: Account
let articleId: string
let sectionId: string

type List<T> = { docs: T[] }

/** Clicks a download link and reads the file the browser saved. */
async function downloadFrom(page: Page, link: Locator): Promise<{ fileName: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()])
  const file = await download.path()
  return { fileName: download.suggestedFilename(), text: fs.readFileSync(file, 'utf8') }
}

beforeAll(async () => {
  server = await startProductionServer({
    databaseUri: testDatabaseUri('admin_doi'),
    env: {
      CROSSREF_DEPOSITOR_EMAIL: 'doi@example.org',
      CROSSREF_DEPOSITOR_NAME: 'Editorial office',
      CROSSREF_REGISTRANT: 'The institute',
      DOI_PREFIX: PREFIX,
      WEBSITE_URL: 'https://journal.example.org',
    },
  })
  api = new HttpApi(server.url)
  const admin = await api.firstAdmin('doi')
  editor = await api.account(admin, 'editor', 'doi')
  const { body: sections } = await api.request<List<{ id: string }>>('GET', '/api/sections?where[slug][equals]=master-forum&depth=0')
  sectionId = sections.docs[0].id
  const author = await api.request<{ doc: { id: string } }>('POST', '/api/authors', { body: { name: '袁征', orcid: '0000-0002-1825-0097', slug: 'yuan-zheng' }, token: editor.token })
  const article = await api.request<{ doc: { id: string } }>('POST', '/api/articles', {
    body: {
      _status: 'published',
      authors: [author.body.doc.id],
      lead: 'How the alliance shapes relations.',
      references: [{ citation: 'Nye, Joseph S. 2004. Soft Power. New York: PublicAffairs.', doi: '10.1000/softpower' }],
      section: sectionId,
      title: 'The US-Japan Alliance',
    },
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

describe('DOIs in the admin UI', () => {
  it('an editor generates a DOI, publishes it and downloads the Crossref deposits', async () => {
    const { context, page } = await signIn(browser, server.url, editor)
    try {
      await page.goto(`${server.url}/admin/collections/articles/${articleId}`)
      await settled(page)
      const field = page.locator('#field-doi')
      await field.waitFor()
      await page.locator('#generate-doi').scrollIntoViewIfNeeded()
      await saveScreenshot(page, 'doi-01-empty-with-generate-button')

      await page.locator('#generate-doi').click()
      await eventuallyExpect(() => field.inputValue(), (value) => expect(value).toBe(`${PREFIX}/${articleId}`))
      await saveScreenshot(page, 'doi-02-generated')

      await page.locator('#action-save').click()
      await eventuallyExpect(
        () => api.request<{ doi?: string }>('GET', `/api/articles/${articleId}?depth=0`),
        (answer) => expect(answer.body.doi).toBe(`${PREFIX}/${articleId}`),
      )
      await page.reload()
      await settled(page)
      const link = page.locator('#crossref-deposit')
      await link.waitFor()
      await link.scrollIntoViewIfNeeded()
      await saveScreenshot(page, 'doi-03-saved-with-deposit-link')

      // The link downloads the deposit in the browser, with the editor's session.
      const { fileName, text: xml } = await downloadFrom(page, link)
      expect(fileName).toBe(`crossref-${PREFIX}_${articleId}.xml`)
      expect(xml).toContain(`<doi>${PREFIX}/${articleId}</doi>`)
      expect(xml).toContain('<ORCID>https://orcid.org/0000-0002-1825-0097</ORCID>')

      await page.goto(`${server.url}/admin/collections/sections/${sectionId}`)
      await settled(page)
      const sectionLink = page.locator('#section-crossref-deposit')
      await sectionLink.waitFor()
      await saveScreenshot(page, 'doi-04-section-deposit-link')
      const sectionDeposit = await downloadFrom(page, sectionLink)
      expect(sectionDeposit.fileName).toBe('crossref-section-master-forum.xml')
      expect(sectionDeposit.text).toContain(`<doi>${PREFIX}/${articleId}</doi>`)
    } finally {
      await context.close()
    }
  }, 240_000)

  it('shows a DOI that is not one as the field\'s error', async () => {
    const { context, page } = await signIn(browser, server.url, editor)
    try {
      await page.goto(`${server.url}/admin/collections/articles/${articleId}`)
      await settled(page)
      await page.locator('#field-doi').fill('10.12/not-a-doi')
      await page.locator('#action-save').click()
      // The field turns red, its message above it.
      await page.locator('.doi-field .field-type.error .field-error.tooltip--show', { hasText: 'Enter a DOI like 10.12345/pd.2018.001' }).waitFor()
      await saveScreenshot(page, 'doi-05-invalid')
    } finally {
      await context.close()
    }
  }, 120_000)
})
