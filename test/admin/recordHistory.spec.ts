import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Browser } from 'playwright-core'

import type { Contact } from '../../src/payload-types'
import { eventuallyExpect, HttpApi, settled, signIn, type Account } from '../helpers/adminUi'
import { launchBrowser, saveScreenshot } from '../helpers/browser'
import { startProductionServer, type RunningServer } from '../helpers/productionServer'
import { testDatabaseUri } from '../helpers/testDatabase'

/**
 * A contact's history in the admin UI, in Chromium against the production
 * server (docs/history.md): a directory staff member changes a phone
 * number, opens the Versions tab and sees who saved each version, compares
 * two and restores the earlier one. Screenshots in test-results/screenshots/.
 */

let server: RunningServer
let browser: Browser
let api: HttpApi
let admin: Account
let staff: Account

type VersionList = { docs: { id: string; version: Contact & { updatedBy?: null | string } }[] }

beforeAll(async () => {
  server = await startProductionServer({ databaseUri: testDatabaseUri('admin_record_history') })
  api = new HttpApi(server.url)
  admin = await api.firstAdmin('history')
  staff = await api.account(admin, 'contacts', 'history')
  browser = await launchBrowser()
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
}, 60_000)

describe('a contact’s history', () => {
  it('a staff member sees who saved each version, compares two and restores the earlier one', async () => {
    const created = await api.request<{ doc: Contact }>('POST', '/api/contacts', {
      body: { kind: 'department', name: 'Department of Research Administration', organization: 'association', phones: [{ number: '86-10-82005566' }] },
      token: admin.token,
    })
    expect(created.status).toBe(201)
    const id = created.body.doc.id
    const { context, page } = await signIn(browser, server.url, staff)
    try {
      // The staff member fixes the phone number.
      await page.goto(`${server.url}/admin/collections/contacts/${id}`)
      const number = page.locator('#field-phones__0__number')
      await number.waitFor()
      await settled(page)
      await number.fill('86-10-82005577')
      await page.getByRole('button', { name: 'Save' }).click()
      await page.locator('.payload-toast-item.toast-success').first().waitFor()
      await page.reload()
      await eventuallyExpect(() => page.locator('.saved-by-field__value').innerText(), (text) => expect(text).toBe('Contacts of history'))
      await settled(page)
      await saveScreenshot(page, 'history-1-phone-fixed')

      // The Versions tab: newest first, each with who saved it.
      await page.getByRole('link', { name: 'Versions' }).first().click()
      const rows = page.locator('.version-history table tbody tr')
      await eventuallyExpect(() => rows.count(), (count) => expect(count).toBe(2))
      expect(await page.locator('.version-history td.cell-savedBy').allInnerTexts()).toEqual(['Contacts of history', 'Admin of history'])
      await settled(page)
      await saveScreenshot(page, 'history-2-versions-tab')

      // The earlier version, compared with the one after it, picked from the same list in a drawer.
      await rows.nth(1).locator('td.cell-updatedAt a').click()
      await page.getByRole('button', { name: 'Restore this version' }).waitFor()
      await settled(page)
      await page.locator('.compare-version .rs__control').click()
      await page.locator('.rs__option', { hasText: 'More versions' }).click()
      const picker = page.locator('.version-history--picker')
      await picker.locator('td.cell-savedBy').first().waitFor()
      expect(await picker.locator('td.cell-savedBy').allInnerTexts()).toEqual(['Contacts of history', 'Admin of history'])
      await saveScreenshot(page, 'history-3-pick-comparison')
      await picker.locator('td.cell-updatedAt button').first().click()
      await page.waitForURL((url) => url.searchParams.has('versionFrom'))
      await settled(page)
      await eventuallyExpect(
        () => page.locator('main').innerText(),
        (text) => {
          expect(text).toContain('86-10-82005566')
          expect(text).toContain('86-10-82005577')
        },
      )
      await saveScreenshot(page, 'history-4-compare-versions')

      // Restored: the form shows the old number again, and the history names the staff member.
      await page.getByRole('button', { name: 'Restore this version' }).click()
      await page.getByRole('button', { name: 'Confirm' }).click()
      await page.waitForURL((url) => url.pathname === `/admin/collections/contacts/${id}`)
      await eventuallyExpect(() => page.locator('#field-phones__0__number').inputValue(), (value) => expect(value).toBe('86-10-82005566'))
      await settled(page)
      await saveScreenshot(page, 'history-5-restored')

      const { body } = await api.request<VersionList>('GET', `/api/contacts/versions?where[parent][equals]=${id}&sort=-updatedAt&depth=0`, { token: admin.token })
      expect(body.docs.map((version) => [version.version.phones?.[0]?.number, version.version.updatedBy])).toEqual([
        ['86-10-82005566', staff.id],
        ['86-10-82005577', staff.id],
        ['86-10-82005566', admin.id],
      ])

      await page.goto(`${server.url}/admin/collections/contacts/${id}/versions`)
      await eventuallyExpect(() => rows.count(), (count) => expect(count).toBe(3))
      await settled(page)
      await saveScreenshot(page, 'history-6-versions-after-restore')
    } finally {
      await context.close()
    }
  }, 300_000)
})
