import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Browser } from 'playwright-core'

import type { EmbeddedDatabase } from '../../src/lib/embeddedDatabase'
import type { User } from '../../src/payload-types'
import { launchBrowser, saveScreenshot } from '../helpers/browser'
import { startDedicatedDatabase } from '../helpers/dedicatedDatabase'
import { startProductionServer, type RunningServer } from '../helpers/productionServer'

let database: EmbeddedDatabase & { remove(): Promise<void> }
let server: RunningServer
let browser: Browser

beforeAll(async () => {
  database = await startDedicatedDatabase()
  server = await startProductionServer({ databaseUri: database.uri('admin_first_user') })
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await database?.remove()
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
      await expect(page.getByRole('heading', { name: 'Welcome' }).isVisible()).resolves.toBe(true)

      await page.locator('#field-email').fill(firstUser.email)
      await page.locator('#field-password').fill(firstUser.password)
      await page.locator('#field-confirm-password').fill(firstUser.password)
      await page.locator('#field-name').fill(firstUser.name)
      await expect(page.locator('#field-name').inputValue()).resolves.toBe(firstUser.name)
      await saveScreenshot(page, 'admin-first-user-1-form')

      await page.getByRole('button', { name: 'Create' }).click()
      await page.waitForURL((url) => url.pathname === '/admin')
      const usersCard = page.locator('#card-users')
      await usersCard.waitFor({ state: 'visible' })
      await expect(usersCard.getByRole('heading', { name: 'Users' }).isVisible()).resolves.toBe(true)
      const showAllUsers = usersCard.getByRole('link', { name: 'Show all Users' })
      await expect(showAllUsers.getAttribute('href')).resolves.toBe('/admin/collections/users')
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
      await expect(page.locator('#field-slug').isVisible()).resolves.toBe(true)
      await saveScreenshot(page, 'admin-first-user-3-new-article')
    } finally {
      await context.close()
    }
  }, 120_000)
})
