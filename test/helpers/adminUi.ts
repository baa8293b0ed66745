import type { Browser, BrowserContext, Page } from 'playwright-core'

import type { Role } from '../../src/policy/roles'

export type Account = { email: string; id: string; password: string; token: string }

type Json = Record<string, unknown>

/** JSON over HTTP against a running server, as the website or an admin script calls it. */
export class HttpApi {
  constructor(readonly baseUrl: string) {}

  async request<T = Json>(method: string, path: string, { body, token }: { body?: unknown; token?: string } = {}): Promise<{ body: T; status: number }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...(token ? { Authorization: `JWT ${token}` } : {}) },
      method,
    })
    const text = await response.text()
    return { body: (text ? JSON.parse(text) : null) as T, status: response.status }
  }

  async login(email: string, password: string): Promise<string> {
    const { body, status } = await this.request<{ token?: string }>('POST', '/api/users/login', { body: { email, password } })
    if (status !== 200 || !body.token) throw new Error(`login of ${email} failed with ${status}`)
    return body.token
  }

  /** The first account (an admin), made the way a new installation makes it. */
  async firstAdmin(label: string): Promise<Account> {
    const email = `${label}-admin@example.org`
    const password = `a long passphrase for the ${label} admin`
    const { body, status } = await this.request<{ token?: string; user?: { id: string } }>('POST', '/api/users/first-register', {
      body: { email, name: `Admin of ${label}`, password },
    })
    if (status !== 200 || !body.token || !body.user) throw new Error(`first-register failed with ${status}`)
    return { email, id: body.user.id, password, token: body.token }
  }

  /** A user with one role, created by the admin. */
  async account(admin: Account, role: Role, label: string): Promise<Account> {
    const email = `${label}-${role}@example.org`
    const password = `a long passphrase for the ${label} ${role}`
    const { body, status } = await this.request<{ doc: { id: string } }>('POST', '/api/users', {
      body: { email, name: `${role[0].toUpperCase()}${role.slice(1)} of ${label}`, password, roles: [role] },
      token: admin.token,
    })
    if (status !== 201) throw new Error(`creating the ${role} failed with ${status}: ${JSON.stringify(body)}`)
    return { email, id: body.doc.id, password, token: await this.login(email, password) }
  }
}

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>

/** What each account's browser held right after its first sign-in in this test file, by server and e-mail. */
const signedInStates = new Map<string, StorageState>()

/**
 * Signs in through the admin UI's login form, in a browser context of its own.
 * An account signed in before in this test file starts from what its browser
 * held right after that sign-in (its session cookie) and opens /admin, landing
 * where the form would have sent it, without the form and its password check
 * again; the form is used whenever that session no longer holds.
 */
export async function signIn(browser: Browser, baseUrl: string, account: Pick<Account, 'email' | 'password'>): Promise<{ context: BrowserContext; page: Page }> {
  const key = `${baseUrl} ${account.email}`
  const saved = signedInStates.get(key)
  const context = await browser.newContext({ storageState: saved, viewport: { height: 900, width: 1280 } })
  const page = await context.newPage()
  // A wait, not a bound: a save on two cores shared with a second test file can take longer than half a minute.
  page.setDefaultTimeout(60_000)
  if (saved) {
    await page.goto(`${baseUrl}/admin`)
    if (!new URL(page.url()).pathname.endsWith('/login')) return { context, page }
  } else {
    await page.goto(`${baseUrl}/admin/login`)
  }
  await page.locator('#field-email').fill(account.email)
  await page.locator('#field-password').fill(account.password)
  await page.getByRole('button', { name: 'Login' }).click()
  await page.waitForURL((url) => !url.pathname.endsWith('/login'))
  signedInStates.set(key, await context.storageState())
  return { context, page }
}

/** Picks an option of a relationship or select field (Payload's react-select) by its visible text. */
export async function pickOption(page: Page, fieldSelector: string, text: string): Promise<void> {
  await page.locator(fieldSelector).locator('.rs__control').click()
  await page.keyboard.type(text)
  await page.locator('.rs__option', { hasText: text }).first().click()
}

/** Waits until the route-transition progress bar is gone, so a screenshot shows the settled page. */
export async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle')
  await page.locator('.progress-bar').waitFor({ state: 'detached' })
}

/** How long a browser assertion waits for the page to reach the state it expects. */
export const UI_TIMEOUT_MS = 30_000

/**
 * Reads a state of the page until `check` (a jest assertion) passes, or
 * rethrows its last failure after `timeoutMs`. A page renders in its own
 * time, slower on a busy machine: an assertion on it waits for the state it
 * expects instead of reading it once.
 *
 *     await eventuallyExpect(() => field.inputValue(), (value) => expect(value).toBe('8002'))
 */
export async function eventuallyExpect<T>(read: () => Promise<T>, check: (value: T) => void, timeoutMs = UI_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    try {
      check(value)
      return value
    } catch (failure) {
      if (Date.now() > deadline) throw failure
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** Polls `check` until it returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000, intervalMs = 500): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
}
