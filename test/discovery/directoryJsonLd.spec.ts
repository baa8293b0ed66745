import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { Contact } from '../../src/payload-types'
import { indexBuildsFinished } from '../helpers/indexBuilds'
import { JournalContent } from '../helpers/journalContent'
import { readJson } from '../helpers/responses'
import { createRoleUsers, type RoleUsers } from '../helpers/roleUsers'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'
import { setSuiteEnvironment } from '../helpers/suiteEnvironment'

/**
 * The contact directory for machines (docs/scholarly-metadata.md):
 * GET /api/contacts/jsonld (schema.org Organizations with ContactPoints) and
 * GET /api/contacts/{id}/vcard (vCard 4.0), read back by a small RFC 6350
 * parser written here, on a directory like the seeded one.
 */

const WEBSITE = 'https://journal.example.org'
const ASSOCIATION_ADDRESS = '9th-10th Floor, Guan Hai Building Citichamp Palace, Madian, Haidian District, Beijing 100088, China'
const ASSOCIATION_ADDRESS_ZH = '中国北京市海淀区马甸冠海大厦九至十层，邮政编码一〇〇〇八八，中国国际友好联络会收'
const BOARD_NAME = 'Editorial Board of Peace and Development; Reviews, Essays & Letters (Quarterly)'

type Node = Record<string, unknown>
type ErrorBody = { errors: { message: string }[] }

let suite: SuiteContext
let users: RoleUsers
let restoreEnvironment: (() => void) | undefined
let association: Contact
let office: Contact
let personnel: Contact
let board: Contact
let hidden: Contact
let artCouncil: Contact

beforeAll(async () => {
  restoreEnvironment = setSuiteEnvironment({ WEBSITE_URL: WEBSITE })
  suite = await startPayloadForSuite('directory-json-ld')
  await indexBuildsFinished(suite.payload)
  users = await createRoleUsers(suite, 'directory-json-ld')
  const content = new JournalContent(suite.payload)

  association = await content.contact({
    address: ASSOCIATION_ADDRESS,
    email: 'caifc@caifc.org.cn',
    fax: '86-10-82007131',
    kind: 'organization',
    name: 'China Association for International Friendly Contact',
    order: 10,
    organization: 'association',
    phones: [{ number: '86-10-82005566' }],
    website: 'http://www.caifc.org.cn',
  })
  await suite.payload.update({
    collection: 'contacts',
    data: { address: ASSOCIATION_ADDRESS_ZH, name: '中国国际友好联络会' },
    id: association.id,
    locale: 'zh',
    overrideAccess: true,
  })
  office = await content.contact({
    kind: 'office',
    name: 'Administrative Office',
    office: association.id,
    order: 20,
    organization: 'association',
    phones: [{ number: '86-10-82002138' }, { extension: '8008', number: '82005566' }],
  })
  personnel = await content.contact({
    kind: 'department',
    name: 'Personnel Department',
    office: association.id,
    order: 30,
    organization: 'association',
    phones: [{ extension: '8002', number: '82005669' }],
  })
  hidden = await content.contact({
    kind: 'department',
    name: 'Department Not Yet Open',
    office: association.id,
    order: 35,
    organization: 'association',
    phones: [{ number: '82000000' }],
    visible: false,
  })
  board = await content.contact({
    kind: 'editorial-board',
    name: BOARD_NAME,
    office: association.id,
    order: 40,
    organization: 'association',
    phones: [{ number: '82009436' }, { extension: '8063', number: '82005566' }],
  })
  artCouncil = await content.contact({
    address: 'D5 Building, Jianxiang Mountain villa, No. 1A, Huayanbeili, Dewaidajie, Chaoyang District, Beijing 100029',
    kind: 'organization',
    name: 'Art Council (Art Academy of International Friendly Contact)',
    order: 50,
    organization: 'art-council',
    phones: [{ number: '86-10-62366878' }],
  })
})

afterAll(async () => {
  await suite?.close()
  restoreEnvironment?.()
})

describe('GET /api/contacts/jsonld', () => {
  it('is matched before Payload’s own /contacts/{id}, which still answers ids', async () => {
    const response = await suite.rest.get('/api/contacts/jsonld')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/ld+json; charset=utf-8')
    const byId = await readJson<Contact>(suite.rest.get(`/api/contacts/${personnel.id}`))
    expect(byId.status).toBe(200)
    expect(byId.body.name).toBe('Personnel Department')
  })

  it('gives each organisation with its own details, and every other visible entry as a ContactPoint', async () => {
    const response = await suite.rest.get('/api/contacts/jsonld')
    const text = await response.text()
    const document = JSON.parse(text) as { '@context': string; '@graph': Node[] }
    expect(document['@context']).toBe('https://schema.org')
    expect(document['@graph']).toEqual([
      {
        '@id': `${WEBSITE}/en/contact#association`,
        '@type': 'Organization',
        address: ASSOCIATION_ADDRESS,
        contactPoint: [
          {
            '@type': 'ContactPoint',
            contactType: 'Office',
            name: 'Administrative Office',
            telephone: ['+86-10-82002138', '+86-10-82005566;ext=8008'],
          },
          { '@type': 'ContactPoint', contactType: 'Department', name: 'Personnel Department', telephone: '+86-10-82005669;ext=8002' },
          {
            '@type': 'ContactPoint',
            contactType: 'Editorial board',
            name: BOARD_NAME,
            telephone: ['+86-10-82009436', '+86-10-82005566;ext=8063'],
          },
        ],
        email: 'caifc@caifc.org.cn',
        faxNumber: '+86-10-82007131',
        name: 'China Association for International Friendly Contact',
        telephone: '+86-10-82005566',
        url: 'http://www.caifc.org.cn',
      },
      {
        '@id': `${WEBSITE}/en/contact#art-council`,
        '@type': 'Organization',
        address: 'D5 Building, Jianxiang Mountain villa, No. 1A, Huayanbeili, Dewaidajie, Chaoyang District, Beijing 100029',
        name: 'Art Council (Art Academy of International Friendly Contact)',
        telephone: '+86-10-62366878',
      },
    ])
    expect(text).not.toContain(hidden.name)
  })

  it('gives the Chinese names where they are written, English where not yet', async () => {
    const response = await suite.rest.get('/api/contacts/jsonld?locale=zh')
    expect(response.status).toBe(200)
    const [first] = ((await response.json()) as { '@graph': Node[] })['@graph']
    expect(first).toMatchObject({ '@id': `${WEBSITE}/zh/contact#association`, address: ASSOCIATION_ADDRESS_ZH, name: '中国国际友好联络会' })
    expect((first.contactPoint as Node[])[1].name).toBe('Personnel Department')
  })

  it('leaves hidden entries out even for directory staff who can see them elsewhere', async () => {
    const response = await suite.rest.get('/api/contacts/jsonld', { token: users.contacts.token })
    expect(await response.text()).not.toContain(hidden.name)
  })

  it('refuses an unknown locale with a 400', async () => {
    const answer = await readJson<ErrorBody>(suite.rest.get('/api/contacts/jsonld?locale=all'))
    expect(answer.status).toBe(400)
    expect(answer.body.errors[0].message).toBe('locale must be one of en, zh')
  })
})

/** One content line of a vCard, unfolded and split: name, parameters (values unquoted and caret-decoded) and raw value. */
type VcardProperty = { name: string; parameters: Record<string, string>; value: string }

/** RFC 6350 §3.2 unfolding: a CRLF followed by one space or tab joins the next line to this one. */
function unfold(text: string): string[] {
  return text.replace(/\r\n[ \t]/g, '').split('\r\n')
}

/** Splits `NAME;PARAM=value;PARAM="quoted:value":value` at the first colon outside quotes. */
function parseLine(line: string): VcardProperty {
  let quoted = false
  let colon = -1
  for (let index = 0; index < line.length; index += 1) {
    if (line[index] === '"') quoted = !quoted
    else if (line[index] === ':' && !quoted) {
      colon = index
      break
    }
  }
  if (colon < 0) throw new Error(`no value in the content line "${line}"`)
  const [name = '', ...rawParameters] = line.slice(0, colon).match(/(?:[^;"]|"[^"]*")+/g) ?? []
  const parameters: Record<string, string> = {}
  for (const raw of rawParameters) {
    const equals = raw.indexOf('=')
    const value = raw.slice(equals + 1).replace(/^"(.*)"$/, '$1')
    parameters[raw.slice(0, equals).toUpperCase()] = value.replace(/\^(['n^])/g, (_match, code: string) => ({ "'": '"', '^': '^', n: '\n' })[code] ?? '')
  }
  return { name: name.toUpperCase(), parameters, value: line.slice(colon + 1) }
}

/** A text value with RFC 6350 §3.4 escapes undone; `split` (';' for compound values) splits at unescaped separators first. */
function unescapeText(value: string, split?: string): string[] {
  const parts: string[] = ['']
  for (let index = 0; index < value.length; index += 1) {
    const character = value[index]
    if (character === '\\') {
      const next = value[index + 1]
      parts[parts.length - 1] += next === 'n' || next === 'N' ? '\n' : next
      index += 1
    } else if (split && character === split) parts.push('')
    else parts[parts.length - 1] += character
  }
  return parts
}

async function vcard(id: string, query = '', token?: string): Promise<{ bytes: Uint8Array; response: Response; text: string }> {
  const response = await suite.rest.get(`/api/contacts/${id}/vcard${query}`, { token })
  const bytes = new Uint8Array(await response.arrayBuffer())
  return { bytes, response, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) }
}

/** Every physical line is at most 75 octets and whole UTF-8 (a fold never splits a character); CRLF line ends. */
function expectFoldedLines(bytes: Uint8Array): void {
  const lines: Uint8Array[] = []
  let start = 0
  for (let index = 0; index < bytes.length - 1; index += 1) {
    if (bytes[index] === 0x0d && bytes[index + 1] === 0x0a) {
      lines.push(bytes.slice(start, index))
      start = index + 2
    }
  }
  expect(start).toBe(bytes.length)
  for (const line of lines) {
    expect(line.length).toBeLessThanOrEqual(75)
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(line)).not.toThrow()
  }
}

/** The properties of one vCard, checked against RFC 6350's required ones (BEGIN, VERSION right after it, FN, END). */
function parseVcard(text: string): VcardProperty[] {
  expect(text.endsWith('\r\n')).toBe(true)
  const properties = unfold(text.slice(0, -2)).map(parseLine)
  expect(properties[0]).toMatchObject({ name: 'BEGIN', value: 'VCARD' })
  expect(properties[1]).toMatchObject({ name: 'VERSION', value: '4.0' })
  expect(properties.at(-1)).toMatchObject({ name: 'END', value: 'VCARD' })
  expect(properties.filter((property) => property.name === 'FN').length).toBeGreaterThanOrEqual(1)
  return properties
}

const all = (properties: VcardProperty[], name: string) => properties.filter((property) => property.name === name)
const one = (properties: VcardProperty[], name: string) => {
  const found = all(properties, name)
  expect(found).toHaveLength(1)
  return found[0]
}

describe('GET /api/contacts/{id}/vcard', () => {
  it('gives a department with its organisation, telephone extension as a tel: URI and its office’s address', async () => {
    const { bytes, response, text } = await vcard(personnel.id)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/vcard; charset=utf-8')
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="personnel-department.vcf"')
    expectFoldedLines(bytes)
    const properties = parseVcard(text)
    expect(unescapeText(one(properties, 'FN').value)).toEqual(['Personnel Department'])
    expect(one(properties, 'KIND').value).toBe('org')
    expect(unescapeText(one(properties, 'ORG').value, ';')).toEqual(['China Association for International Friendly Contact', 'Personnel Department'])
    expect(all(properties, 'TEL')).toEqual([
      { name: 'TEL', parameters: { TYPE: 'work,voice', VALUE: 'uri' }, value: 'tel:+86-10-82005669;ext=8002' },
    ])
    const address = one(properties, 'ADR')
    expect(address.parameters.LABEL).toBe(ASSOCIATION_ADDRESS)
    expect(unescapeText(address.value, ';')).toEqual(['', '', ASSOCIATION_ADDRESS, '', '', '', ''])
    expect(one(properties, 'SOURCE').value).toBe(`${suite.rest.serverUrl}/api/contacts/${personnel.id}/vcard?locale=en`)
    expect(one(properties, 'REV').value).toMatch(/^\d{8}T\d{6}Z$/)
  })

  it('gives an organisation its voice and fax lines, e-mail and website', async () => {
    const { text } = await vcard(association.id)
    const properties = parseVcard(text)
    expect(unescapeText(one(properties, 'ORG').value, ';')).toEqual(['China Association for International Friendly Contact'])
    expect(all(properties, 'TEL').map((property) => [property.parameters.TYPE, property.value])).toEqual([
      ['work,voice', 'tel:+86-10-82005566'],
      ['work,fax', 'tel:+86-10-82007131'],
    ])
    expect(one(properties, 'EMAIL').value).toBe('caifc@caifc.org.cn')
    expect(one(properties, 'URL').value).toBe('http://www.caifc.org.cn')
  })

  it('escapes commas and semicolons in names and folds long lines', async () => {
    const { bytes, text } = await vcard(board.id)
    expectFoldedLines(bytes)
    expect(text).toContain('\r\n ')
    const properties = parseVcard(text)
    expect(one(properties, 'FN').value).toContain('\\;')
    expect(unescapeText(one(properties, 'FN').value)).toEqual([BOARD_NAME])
    expect(unescapeText(one(properties, 'ORG').value, ';')).toEqual(['China Association for International Friendly Contact', BOARD_NAME])
    expect(all(properties, 'TEL').map((property) => property.value)).toEqual(['tel:+86-10-82009436', 'tel:+86-10-82005566;ext=8063'])
  })

  it('folds Chinese text between characters, never inside one', async () => {
    const { bytes, response, text } = await vcard(association.id, '?locale=zh')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="zhong-guo-guo-ji-you-hao-lian-luo-hui.vcf"')
    expectFoldedLines(bytes)
    const properties = parseVcard(text)
    expect(unescapeText(one(properties, 'FN').value)).toEqual(['中国国际友好联络会'])
    const address = one(properties, 'ADR')
    expect(address.parameters.LABEL).toBe(ASSOCIATION_ADDRESS_ZH)
    expect(unescapeText(address.value, ';')[2]).toBe(ASSOCIATION_ADDRESS_ZH)
  })

  it('is a 404 for a hidden entry, even for directory staff, and for an unknown id', async () => {
    for (const token of [undefined, users.contacts.token]) {
      const answer = await readJson<ErrorBody>(suite.rest.get(`/api/contacts/${hidden.id}/vcard`, { token }))
      expect(answer.status).toBe(404)
      expect(answer.body.errors[0].message).toBe(`There is no directory entry with id "${hidden.id}"`)
    }
    const unknown = await readJson<ErrorBody>(suite.rest.get('/api/contacts/0123456789abcdef01234567/vcard'))
    expect(unknown.status).toBe(404)
  })

  it('gives the Art Council its own organisation', async () => {
    const { text } = await vcard(artCouncil.id)
    const properties = parseVcard(text)
    expect(unescapeText(one(properties, 'ORG').value, ';')).toEqual(['Art Council (Art Academy of International Friendly Contact)'])
    expect(one(properties, 'TEL').value).toBe('tel:+86-10-62366878')
  })

  it('gives the office its direct line and the switchboard extension', async () => {
    const { text } = await vcard(office.id)
    expect(all(parseVcard(text), 'TEL').map((property) => property.value)).toEqual(['tel:+86-10-82002138', 'tel:+86-10-82005566;ext=8008'])
  })
})
