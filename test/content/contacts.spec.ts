import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { DirectoryGroup } from '../../src/lib/groupDirectory'
import type { Contact } from '../../src/payload-types'
import { indexBuildsFinished } from '../helpers/indexBuilds'
import { createStaffAccount, type StaffAccount } from '../helpers/staffAccounts'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'

/**
 * Reading the contact directory the way the website does (anonymous REST and
 * GraphQL) and the way directory staff do. Entries are created out of order on
 * purpose: what readers get must come from `order`, not from insertion.
 */

let suite: SuiteContext
let staff: StaffAccount

type List<T> = { docs: T[]; totalDocs: number }
type Seed = Pick<Contact, 'kind' | 'name' | 'order' | 'organization'> & { visible?: boolean; zh?: string }

const ENTRIES: Seed[] = [
  { kind: 'department', name: 'Department of Asian Affairs', order: 40, organization: 'association' },
  { kind: 'organization', name: 'Art Council (Art Academy of International Friendly Contact)', order: 5, organization: 'art-council' },
  { kind: 'editorial-board', name: 'Editorial Board of Peace and Development', order: 90, organization: 'association' },
  { kind: 'department', name: 'Personnel Department', order: 30, organization: 'association', visible: false },
  { kind: 'centre', name: 'Center for Peace and Development Studies', order: 80, organization: 'association' },
  { kind: 'office', name: 'Administrative Office', order: 20, organization: 'association' },
  {
    kind: 'organization',
    name: 'China Association for International Friendly Contact',
    order: 10,
    organization: 'association',
    zh: '中国国际友好联络会',
  },
  { kind: 'department', name: 'Department of American & Oceanian Affairs', order: 35, organization: 'association' },
]

const byOrder = (entries: Seed[]) => [...entries].sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
const visibleNames = byOrder(ENTRIES.filter((entry) => entry.visible !== false)).map((entry) => entry.name)
const allNames = byOrder(ENTRIES).map((entry) => entry.name)
const HIDDEN = 'Personnel Department'

/** organisation → kind → names: the shape of a grouped listing, easy to compare. */
function outline(groups: DirectoryGroup[]): [string, [string, string[]][]][] {
  return groups.map(({ kinds, organization }) => [
    organization,
    kinds.map(({ entries, kind }) => [kind, entries.map((entry) => entry.name)] as [string, string[]]),
  ])
}

async function names(path: `/api/${string}`, token?: string): Promise<string[]> {
  const response = await suite.rest.get(path, { token })
  expect(response.status).toBe(200)
  return ((await response.json()) as List<Contact>).docs.map((entry) => entry.name)
}

async function directory(query = '', token?: string): Promise<DirectoryGroup[]> {
  const response = await suite.rest.get(`/api/contacts/directory${query}`, { token })
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toMatch(/application\/json/)
  return ((await response.json()) as { organizations: DirectoryGroup[] }).organizations
}

beforeAll(async () => {
  suite = await startPayloadForSuite('contacts')
  await indexBuildsFinished(suite.payload)
  await createStaffAccount(suite, 'admin', 'contacts')
  staff = await createStaffAccount(suite, 'contacts', 'contacts')
  for (const { zh, ...entry } of ENTRIES) {
    const doc = await suite.payload.create({ collection: 'contacts', data: { ...entry, phones: [{ number: '82005566' }] } })
    if (zh) await suite.payload.update({ collection: 'contacts', data: { name: zh }, id: doc.id, locale: 'zh' })
  }
})

afterAll(async () => {
  await suite?.close()
})

describe('the directory, read over REST and GraphQL', () => {
  it('anonymous readers see visible entries only, sorted by order', async () => {
    expect(await names('/api/contacts?limit=100')).toEqual(visibleNames)
  })

  it('anonymous readers asking for hidden entries get none of them', async () => {
    expect(await names('/api/contacts?where[visible][equals]=false')).toEqual([])
    const hidden = await suite.payload.find({ collection: 'contacts', where: { name: { equals: HIDDEN } } })
    const response = await suite.rest.get(`/api/contacts/${hidden.docs[0].id}`)
    expect(response.status).toBe(404)
    expect(await response.text()).not.toContain(HIDDEN)
  })

  it('GraphQL gives anonymous readers the same visible entries in the same order', async () => {
    const response = await suite.rest.graphql('{ Contacts(limit: 100) { docs { name order visible } } }')
    const json = (await response.json()) as { data: { Contacts: { docs: Contact[] } }; errors?: unknown }
    expect(json.errors).toBeUndefined()
    expect(json.data.Contacts.docs.map((entry) => entry.name)).toEqual(visibleNames)
  })

  it('directory staff see hidden entries too, in the same order', async () => {
    expect(await names('/api/contacts?limit=100', staff.token)).toEqual(allNames)
  })
})

describe('GET /api/contacts/directory', () => {
  it('lists the directory grouped by organisation, then kind, in display order', async () => {
    expect(outline(await directory())).toEqual([
      [
        'association',
        [
          ['organization', ['China Association for International Friendly Contact']],
          ['office', ['Administrative Office']],
          ['department', ['Department of American & Oceanian Affairs', 'Department of Asian Affairs']],
          ['centre', ['Center for Peace and Development Studies']],
          ['editorial-board', ['Editorial Board of Peace and Development']],
        ],
      ],
      // Listed after the association although its `order` is the lowest: organisations come in display order.
      ['art-council', [['organization', ['Art Council (Art Academy of International Friendly Contact)']]]],
    ])
  })

  it('gives directory staff the hidden entries in their place', async () => {
    const association = outline(await directory('', staff.token))[0]
    expect(association[1].find(([kind]) => kind === 'department')).toEqual([
      'department',
      ['Personnel Department', 'Department of American & Oceanian Affairs', 'Department of Asian Affairs'],
    ])
  })

  it('answers in Chinese, with the English name where no Chinese one is written', async () => {
    const [association] = await directory('?locale=zh')
    expect(association.kinds[0].entries.map((entry) => entry.name)).toEqual(['中国国际友好联络会'])
    expect(association.kinds[1].entries.map((entry) => entry.name)).toEqual(['Administrative Office'])
  })
})
