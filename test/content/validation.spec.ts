import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { Author, Contact } from '../../src/payload-types'
import { indexBuildsFinished } from '../helpers/indexBuilds'
import { createStaffAccount, type StaffAccount } from '../helpers/staffAccounts'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'

/**
 * What directory staff and editors are told when a value will not do: a 400
 * naming the field (array rows by their path, e.g. `phones.1.extension`) with
 * a message saying what to enter, and nothing stored. Good values go through.
 */

let suite: SuiteContext
let staff: StaffAccount
let editor: StaffAccount

type FieldError = { message: string; path: string }
type ErrorBody = { errors: { data?: { errors?: FieldError[] }; message: string; name?: string }[] }

const fieldErrors = (body: ErrorBody): FieldError[] => body.errors.flatMap((error) => error.data?.errors ?? [])

/** A complete, valid entry, as the footer prints it. */
const councilAffairs = {
  email: 'caifc@caifc.org.cn',
  fax: '86-10-82007131',
  kind: 'department',
  name: 'Department of Council Affairs',
  organization: 'association',
  phones: [{ number: '82002375' }, { extension: '8023', number: '82005566' }],
  website: 'http://www.caifc.org.cn',
} as const

type ContactBody = Record<string, unknown>

const withPhones = (...phones: Record<string, string>[]): ContactBody => ({ ...councilAffairs, phones })

/** [what is wrong, the body, the field path named, what the message must say] */
const BAD_CONTACTS: [string, ContactBody, string, RegExp][] = [
  ['a telephone number in words', withPhones({ number: 'call the switchboard' }), 'phones.0.number', /Enter a telephone number such as 86-10-82005566/],
  ['a telephone number too short to dial', withPhones({ number: '8008' }), 'phones.0.number', /Enter a telephone number such as/],
  ['a row without its number', withPhones({ number: '82002375' }, { extension: '8023' }), 'phones.1.number', /Enter a telephone number/],
  ['the extension typed into the number', withPhones({ number: '82002375' }, { number: '82005566 Ext. 8023' }), 'phones.1.number', /Put the extension in its own field: enter 82005566 here and 8023 as the extension/],
  ['two numbers in one row', withPhones({ number: '86-10-82002138, 82005566' }), 'phones.0.number', /one telephone number per row/],
  ['an extension with "Ext." in it', withPhones({ number: '82002375' }, { extension: 'Ext. 8023', number: '82005566' }), 'phones.1.extension', /Enter the extension as 1 to 6 digits without "Ext\.", e\.g\. 8008/],
  ['an extension of seven digits', withPhones({ extension: '8023000', number: '82005566' }), 'phones.0.extension', /1 to 6 digits/],
  ['a fax number in words', { ...councilAffairs, fax: 'fax the office' }, 'fax', /Enter a fax number such as 86-10-82007131/],
  ['two fax numbers', { ...councilAffairs, fax: '86-10-82007131 / 86-10-82007132' }, 'fax', /Enter one fax number only/],
  ['an e-mail address without a domain', { ...councilAffairs, email: 'caifc@caifc' }, 'email', /Enter an e-mail address such as caifc@caifc\.org\.cn/],
  ['an e-mail address without @', { ...councilAffairs, email: 'caifc.caifc.org.cn' }, 'email', /Enter an e-mail address such as/],
  ['a website without http://', { ...councilAffairs, website: 'www.caifc.org.cn' }, 'website', /Start the address with http:\/\/ or https:\/\/, e\.g\. http:\/\/www\.caifc\.org\.cn/],
  ['a script instead of a website', { ...councilAffairs, website: 'javascript:alert(1)' }, 'website', /Enter a full web address starting with http:\/\/ or https:\/\//],
  ['an FTP address as the website', { ...councilAffairs, website: 'ftp://ftp.caifc.org.cn' }, 'website', /full web address/],
]

async function contactCount(): Promise<number> {
  return (await suite.payload.count({ collection: 'contacts' })).totalDocs
}

async function expectRefusal(response: Response, path: string, message: RegExp): Promise<void> {
  expect(response.status).toBe(400)
  const body = (await response.json()) as ErrorBody
  expect(body.errors[0].name).toBe('ValidationError')
  expect(fieldErrors(body)).toEqual([{ label: expect.any(String), message: expect.stringMatching(message), path }])
}

beforeAll(async () => {
  suite = await startPayloadForSuite('validation')
  await indexBuildsFinished(suite.payload)
  await createStaffAccount(suite, 'admin', 'validation')
  staff = await createStaffAccount(suite, 'contacts', 'validation')
  editor = await createStaffAccount(suite, 'editor', 'validation')
})

afterAll(async () => {
  await suite?.close()
})

describe('directory entries', () => {
  let stored: Contact

  it('accepts a complete entry as the footer prints it', async () => {
    const response = await suite.rest.post('/api/contacts', { body: councilAffairs, token: staff.token })
    expect(response.status).toBe(201)
    const { doc } = (await response.json()) as { doc: Contact }
    expect(doc).toMatchObject({ ...councilAffairs, phones: councilAffairs.phones.map((phone) => expect.objectContaining(phone)) })
    // As stored: relationships (who saved it) as ids, as the checks below read it back.
    stored = await suite.payload.findByID({ collection: 'contacts', depth: 0, id: doc.id })
  })

  it.each(BAD_CONTACTS)('refuses %s with 400, naming the field, and creates nothing', async (_what, body, path, message) => {
    const before = await contactCount()
    await expectRefusal(await suite.rest.post('/api/contacts', { body, token: staff.token }), path, message)
    expect(await contactCount()).toBe(before)
  })

  it.each(BAD_CONTACTS)('refuses %s in an update too, and the entry stays as it was', async (_what, body, path, message) => {
    const { name: _name, ...change } = body
    const response = await suite.rest.patch(`/api/contacts/${stored.id}`, { body: change, token: staff.token })
    await expectRefusal(response, path, message)
    expect(await suite.payload.findByID({ collection: 'contacts', depth: 0, id: stored.id })).toEqual(stored)
  })

  it('names every missing required field', async () => {
    const before = await contactCount()
    const response = await suite.rest.post('/api/contacts', { body: { phones: [{ number: '82005566' }] }, token: staff.token })
    expect(response.status).toBe(400)
    const body = (await response.json()) as ErrorBody
    expect(fieldErrors(body).map((error) => error.path).sort()).toEqual(['kind', 'name', 'organization'])
    expect(fieldErrors(body).every((error) => /required/i.test(error.message))).toBe(true)
    expect(body.errors[0].message).toBe('The following fields are invalid: Name, Organization, Kind')
    expect(await contactCount()).toBe(before)
  })

  it('reports every bad field of one entry at once', async () => {
    const response = await suite.rest.post('/api/contacts', {
      body: { ...withPhones({ extension: 'x', number: 'n/a' }), email: 'nobody', website: 'caifc' },
      token: staff.token,
    })
    expect(response.status).toBe(400)
    const paths = fieldErrors((await response.json()) as ErrorBody).map((error) => error.path)
    expect(paths.sort()).toEqual(['email', 'phones.0.extension', 'phones.0.number', 'website'])
  })

  it.each([
    ['an international number with spaces', { phones: [{ number: '+86 10 8200 5566' }] }],
    ['a number with the area code in brackets', { phones: [{ number: '(010) 8200-5566' }] }],
    ['one-digit and six-digit extensions', { phones: [{ extension: '8', number: '82005566' }, { extension: '800800', number: '82005566' }] }],
    ['a fax number with a plus', { fax: '+86 10 8200 7131' }],
    ['an https address with a path', { website: 'https://www.caifc.org.cn/en/index.html' }],
    ['an e-mail address with dots and a plus', { email: 'office.director+journal@caifc.org.cn' }],
  ])('accepts %s', async (_what, change) => {
    const response = await suite.rest.patch(`/api/contacts/${stored.id}`, { body: change, token: staff.token })
    expect(response.status).toBe(200)
    const saved = await suite.payload.findByID({ collection: 'contacts', depth: 0, id: stored.id })
    expect(saved).toMatchObject(
      'phones' in change ? { phones: change.phones.map((phone) => expect.objectContaining(phone)) } : change,
    )
  })
})

describe('ORCID iDs of authors', () => {
  const VALID = '0000-0002-1825-0097'
  const CHECKSUM_BROKEN = '0000-0002-1825-0098'
  let author: Author

  async function authorCount(): Promise<number> {
    return (await suite.payload.count({ collection: 'authors' })).totalDocs
  }

  it('accepts a valid ORCID iD', async () => {
    const response = await suite.rest.post('/api/authors', { body: { name: 'Josiah Carberry', orcid: VALID }, token: editor.token })
    expect(response.status).toBe(201)
    author = ((await response.json()) as { doc: Author }).doc
    expect(author.orcid).toBe(VALID)
  })

  it('accepts one whose check digit is X', async () => {
    const response = await suite.rest.post('/api/authors', {
      body: { name: 'An Author With X', orcid: '0000-0002-1694-233X' },
      token: editor.token,
    })
    expect(response.status).toBe(201)
  })

  it.each([
    ['a mistyped digit (the checksum does not match)', CHECKSUM_BROKEN],
    ['the digits without hyphens', '0000000218250097'],
    ['the full orcid.org address', `https://orcid.org/${VALID}`],
    ['a lower-case x check digit', '0000-0002-1694-233x'],
  ])('refuses %s with 400 naming the field, and creates nothing', async (_what, orcid) => {
    const before = await authorCount()
    const response = await suite.rest.post('/api/authors', { body: { name: 'Someone Else', orcid }, token: editor.token })
    await expectRefusal(response, 'orcid', /Enter an ORCID iD like 0000-0002-1825-0097 \(its last digit is a checksum\)/)
    expect(await authorCount()).toBe(before)
  })

  it('refuses a checksum-broken iD in an update, and the author keeps the valid one', async () => {
    const response = await suite.rest.patch(`/api/authors/${author.id}`, { body: { orcid: CHECKSUM_BROKEN }, token: editor.token })
    await expectRefusal(response, 'orcid', /checksum/)
    const stored = await suite.payload.findByID({ collection: 'authors', depth: 0, id: author.id })
    expect(stored.orcid).toBe(VALID)
  })

  it('names the missing name of an author', async () => {
    const before = await authorCount()
    const response = await suite.rest.post('/api/authors', { body: { orcid: VALID }, token: editor.token })
    expect(response.status).toBe(400)
    expect(fieldErrors((await response.json()) as ErrorBody).map((error) => error.path)).toContain('name')
    expect(await authorCount()).toBe(before)
  })
})
