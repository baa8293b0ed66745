import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Browser } from 'playwright-core'

import type { User } from '../../src/payload-types'
import { launchBrowser, saveScreenshot } from '../helpers/browser'
import { eventuallyExpect } from '../helpers/adminUi'
import { startProductionServer, type RunningServer } from '../helpers/productionServer'
import { testDatabaseUri } from '../helpers/testDatabase'

let server: RunningServer
let browser: Browser

beforeAll(async () => {
  // A database of its own on the run's server: no user exists yet.
  server = await startProductionServer({ databaseUri: testDatabaseUri('admin_first_user') })
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
}, 60_000)

describe('the admin UI of a new installation', () => {
  it('sends the first visitor to create the first user, who lands on the dashboard as an admin', async () => {
    const firstUser = { email: 'editor-in-chief@example.org', name: 'Lin Wei', password: 'a long first passphrase' }
    const context = await browser.newContext({ viewport: { height: 900, width: 1280 } })
    const page = await context.newPage()
    page.setDefaultTimeout(30_000)
    try {
      await page.goto(`${server.url}/admin`, { waitUntil: 'networkidle' })
      await page.waitForURL(/\/admin\/create-first-user$/)
      await page.getByRole('heading', { name: 'Welcome' }).waitFor({ state: 'visible' })

      await page.locator('#field-email').fill(firstUser.email)
      await page.locator('#field-password').fill(firstUser.password)
      await page.locator('#field-confirm-password').fill(firstUser.password)
      await page.locator('#field-name').fill(firstUser.name)
      await eventuallyExpect(() => page.locator('#field-name').inputValue(), (value) => expect(value).toBe(firstUser.name))
      // The first account is an admin, never the website's: no API key field, no unlabelled checkbox.
      await eventuallyExpect(() => page.getByText('Api Key').count(), (count) => expect(count).toBe(0))
      await eventuallyExpect(() => page.locator('form input[type="checkbox"]').count(), (count) => expect(count).toBe(0))
      await saveScreenshot(page, 'admin-first-user-1-form')

      await page.getByRole('button', { name: 'Create' }).click()
      await page.waitForURL((url) => url.pathname === '/admin')
      const usersCard = page.locator('#card-users')
      await usersCard.waitFor({ state: 'visible' })
      await usersCard.getByRole('heading', { name: 'Users' }).waitFor({ state: 'visible' })
      const showAllUsers = usersCard.getByRole('link', { name: 'Show all Users' })
      await eventuallyExpect(() => showAllUsers.getAttribute('href'), (href) => expect(href).toBe('/admin/collections/users'))
      // the route-transition progress bar along the top is gone once the navigation has settled
      await page.locator('.progress-bar').waitFor({ state: 'detached' })
      await saveScreenshot(page, 'admin-first-user-2-dashboard')

      // The browser's session is an HTTP-only cookie. Payload accepts a cookie only from a
      // request that proves it is same-origin (CSRF protection), so the session token is
      // presented the way an API client would: as a JWT Authorization header.
      const session = (await context.cookies(server.url)).find((cookie) => cookie.name === 'payload-token')
      expect(session).toMatchObject({ httpOnly: true })
      const response = await fetch(`${server.url}/api/users/me`, {
        headers: { Authorization: `JWT ${session?.value}` },
      })
      expect(response.status).toBe(200)
      const { user } = (await response.json()) as { user: User | null }
      expect(user).toMatchObject({ email: firstUser.email, name: firstUser.name, roles: ['admin'] })

      // A new article opens in the editor: the admin UI autosaves an empty draft first and
      // moves to its address, with the bilingual fields and the rich-text body ready.
      await page.goto(`${server.url}/admin/collections/articles/create`)
      await page.waitForURL(/\/admin\/collections\/articles\/[0-9a-f]{24}$/)
      await page.locator('#field-title').waitFor({ state: 'visible' })
      await page.locator('[data-lexical-editor="true"]').first().waitFor({ state: 'visible' })
      await page.locator('#field-slug').waitFor({ state: 'visible' })
      await saveScreenshot(page, 'admin-first-user-3-new-article')
    } finally {
      await context.close()
    }
  }, 120_000)
})
