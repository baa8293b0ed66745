import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createLocalReq } from 'payload'

import { down, up } from '../../migrations/20261128_125346_seed_sections_and_directory'
import type { Contact, Section, Site } from '../../src/payload-types'
import { addressWords, readDirectoryFooter, type FooterPhone } from '../helpers/directoryFooter'
import { runPayloadCli } from '../helpers/payloadCli'
import { createStaffAccount, type StaffAccount } from '../helpers/staffAccounts'
import { startPayloadForSuite, type SuiteContext } from '../helpers/startPayloadForSuite'

/**
 * The seed migration on a database of its own: through `npm run migrate` and
 * `migrate:down` as an operator runs them, and through its `up` and `down`
 * directly where a test plays a manual run next to editors' own content.
 * Expectations come from the footer of the legacy article page itself
 * (test/fixtures/legacy), not from the migration's data.
 */

const SEED_MIGRATION = '20261128_125346_seed_sections_and_directory'
const USERS_ROLES_INDEX = '20261128_122023_users_roles_index'
const BUILD_SEARCH_INDEX = '20261128_160000_build_search_index'
const BACKFILL_ARTICLE_WORKFLOW = '20261128_180000_backfill_article_workflow'
const BUILD_SECTION_SHELVES = '20261201_120000_build_section_shelves'
const LOCALIZE_MEDIA_ALT = '20261202_090000_localize_media_alt'
const SEED_JOURNAL_TITLE = '20261202_091000_seed_journal_title'
const SEED_MARKER = 'seed_sections_and_directory'
const ASSOCIATION = { en: 'China Association for International Friendly Contact', zh: '中国国际友好联络会' }

const footer = readDirectoryFooter()
/** Every entry the footer prints, in its order. */
const FOOTER_NAMES = [ASSOCIATION.en, ...footer.units.map((unit) => unit.name), footer.artCouncil.name]
/** Office, departments, centre and board, as the footer names them. */
const UNIT_KINDS: Record<string, Contact['kind']> = {
  'Administrative Office': 'office',
  'Center for Peace and Development Studies': 'centre',
  'Editorial Board of Peace and Development': 'editorial-board',
}

let suite: SuiteContext
let databaseUri: string
let staff: StaffAccount

const migrate = (args: string[]) => runPayloadCli(args, databaseUri)

type List<T> = { docs: T[]; totalDocs: number }

/** The directory as the website reads it: anonymous, in the collection's default order (`order`). */
async function publicDirectory(locale = 'en'): Promise<Contact[]> {
  const response = await suite.rest.get(`/api/contacts?limit=100&depth=0&locale=${locale}`)
  expect(response.status).toBe(200)
  return ((await response.json()) as List<Contact>).docs
}

async function publicSections(locale = 'en'): Promise<Record<string, Section>> {
  const response = await suite.rest.get(`/api/sections?where[slug][in]=journals,master-forum&depth=0&locale=${locale}`)
  expect(response.status).toBe(200)
  const { docs } = (await response.json()) as List<Section>
  return Object.fromEntries(docs.map((section) => [section.slug, section]))
}

async function publicSite(locale = 'en'): Promise<Site> {
  const response = await suite.rest.get(`/api/globals/site?depth=1&locale=${locale}`)
  expect(response.status).toBe(200)
  return (await response.json()) as Site
}

/** Every directory entry, hidden or not, seeded or not, with its marker. */
async function allContacts(): Promise<Contact[]> {
  const { docs } = await suite.payload.find({ collection: 'contacts', depth: 0, locale: 'en', pagination: false, sort: 'order' })
  return docs
}

async function appliedMigrations(): Promise<string[]> {
  const { docs } = await suite.payload.find({ collection: 'payload-migrations', pagination: false })
  return docs.map((record) => String(record.name)).filter((name) => name !== 'dev').sort()
}

/** What the database holds, to compare before and after an operation that must change nothing. */
async function snapshot() {
  const sections = await suite.payload.find({ collection: 'sections', depth: 0, pagination: false, sort: 'slug' })
  return {
    contacts: await allContacts(),
    migrations: await appliedMigrations(),
    sections: sections.docs,
    site: await suite.payload.findGlobal({ slug: 'site', depth: 0, locale: 'all' }),
  }
}

const printedPhones = (contact: Contact): FooterPhone[] =>
  (contact.phones ?? []).map(({ extension, number }) => (extension ? { extension, number } : { number }))

/** Runs the migration's own `up`/`down` as a manual run would: the Local API, no migration record. */
async function runDirectly(step: typeof up | typeof down): Promise<void> {
  await step({ payload: suite.payload, req: await createLocalReq({}, suite.payload) })
}

beforeAll(async () => {
  suite = await startPayloadForSuite('seed-directory')
  databaseUri = process.env.DATABASE_URI ?? ''
  await createStaffAccount(suite, 'admin', 'seed')
  staff = await createStaffAccount(suite, 'contacts', 'seed')
})

afterAll(async () => {
  await suite?.close()
})

describe('the seed migration, as `npm run migrate` runs it', () => {
  it('seeds the section tree Journals → Master forum in English and Chinese', async () => {
    const { output, status } = migrate(['migrate'])
    expect(status).toBe(0)
    expect(output).toMatch(new RegExp(`Migrated:\\s+${SEED_MIGRATION}`))

    const en = await publicSections('en')
    const zh = await publicSections('zh')
    expect(Object.keys(en).sort()).toEqual(['journals', 'master-forum'])
    expect(en.journals).toMatchObject({ active: true, title: 'Journals' })
    expect(en.journals.parent ?? null).toBeNull()
    expect(zh.journals.title).toBe('期刊')
    expect(en['master-forum']).toMatchObject({ active: true, parent: en.journals.id, title: 'Master forum' })
    expect(zh['master-forum'].title).toBe('大家论坛')
    expect(en['master-forum'].breadcrumbs?.map(({ label, url }) => ({ label, url }))).toEqual([
      { label: 'Journals', url: '/journals' },
      { label: 'Master forum', url: '/journals/master-forum' },
    ])
    expect(zh['master-forum'].breadcrumbs?.map(({ label }) => label)).toEqual(['期刊', '大家论坛'])
  }, 150_000)

  it('puts every line of the footer in the directory, in footer order', async () => {
    const entries = await publicDirectory()
    expect(entries.map((entry) => entry.name)).toEqual(FOOTER_NAMES)
    const orders = entries.map((entry) => entry.order ?? 0)
    expect(orders).toEqual([...orders].sort((a, b) => a - b))
    expect(new Set(orders).size).toBe(orders.length)
    expect(entries.every((entry) => entry.visible)).toBe(true)
  })

  it('gives the association its address, telephone, fax, website and e-mail as printed', async () => {
    const [association] = await publicDirectory()
    expect(association).toMatchObject({
      address: footer.association.address,
      email: footer.association.email,
      fax: footer.association.fax,
      kind: 'organization',
      organization: 'association',
      website: footer.association.website,
    })
    expect(printedPhones(association)).toEqual([{ number: footer.association.telephone }])
  })

  it.each(footer.units.map((unit) => [unit.name, unit] as const))(
    '%s: its direct line(s) and switchboard extension as printed, at the association',
    async (name, unit) => {
      const entries = await publicDirectory()
      const association = entries[0]
      const entry = entries.find((candidate) => candidate.name === name)
      expect(entry).toBeDefined()
      expect(printedPhones(entry!)).toEqual(unit.phones)
      expect(entry).toMatchObject({ kind: UNIT_KINDS[name] ?? 'department', office: association.id, organization: 'association' })
      expect(entry!.address ?? '').toBe('')
    },
  )

  it('lists the Art Council under its own organisation with its telephone and address (postal code 100029)', async () => {
    const artCouncil = (await publicDirectory()).at(-1)!
    expect(artCouncil).toMatchObject({ kind: 'organization', name: footer.artCouncil.name, organization: 'art-council' })
    expect(printedPhones(artCouncil)).toEqual([{ number: footer.artCouncil.telephone }])
    expect(artCouncil.office ?? null).toBeNull()
    expect(artCouncil.address).toContain('100029')
    const printedWords = addressWords(footer.artCouncil.address).filter((word) => !/^(postal|code)$/i.test(word))
    expect(addressWords(artCouncil.address ?? '')).toEqual(printedWords)
  })

  it('writes only the Chinese name that is known, and flags every entry for translation', async () => {
    const { docs } = await suite.payload.find({
      collection: 'contacts',
      depth: 0,
      fallbackLocale: false,
      locale: 'zh',
      pagination: false,
      sort: 'order',
    })
    expect(docs.map((entry) => entry.name ?? null)).toEqual([ASSOCIATION.zh, ...FOOTER_NAMES.slice(1).map(() => null)])
    expect(docs.every((entry) => entry.needsTranslation === true)).toBe(true)
    // Chinese readers see the English names until the translations are written.
    expect((await publicDirectory('zh')).map((entry) => entry.name)).toEqual([ASSOCIATION.zh, ...FOOTER_NAMES.slice(1)])
  })

  it('marks what it created for directory staff, and anonymous readers never see the marker', async () => {
    expect((await allContacts()).map((entry) => entry.seededBy)).toEqual(FOOTER_NAMES.map(() => SEED_MARKER))
    const response = await suite.rest.get('/api/contacts?limit=100&depth=0', { token: staff.token })
    const { docs } = (await response.json()) as List<Contact>
    expect(docs.map((entry) => entry.seededBy)).toEqual(FOOTER_NAMES.map(() => SEED_MARKER))
    expect((await publicDirectory()).some((entry) => 'seededBy' in entry)).toBe(false)
    expect(Object.keys((await publicSections()).journals)).not.toContain('seededBy')
  })

  it('makes the association the main contact of the site and names the site after it', async () => {
    const [association] = await publicDirectory()
    const site = await publicSite()
    expect(site.siteName).toBe(ASSOCIATION.en)
    expect(site.mainContact).toMatchObject({ id: association.id, name: ASSOCIATION.en, phones: association.phones })
    const zh = await publicSite('zh')
    expect(zh.siteName).toBe(ASSOCIATION.zh)
    expect(zh.mainContact).toMatchObject({ id: association.id, name: ASSOCIATION.zh })
  })

  it('running up again creates nothing twice', async () => {
    const before = await snapshot()
    await runDirectly(up)
    await runDirectly(up)
    const after = await snapshot()
    expect(after.contacts.map((entry) => entry.id)).toEqual(before.contacts.map((entry) => entry.id))
    expect(after.sections.map((section) => section.id)).toEqual(before.sections.map((section) => section.id))
    expect(after.site).toEqual(before.site)
  })

  it('after a partial run, `npm run migrate` adds only what is missing', async () => {
    // As if a run had stopped half-way: the last entries, the sub-section and the migration's record are missing.
    const { payload } = suite
    const missing = ['Department of Council Affairs', footer.artCouncil.name]
    await payload.delete({ collection: 'contacts', locale: 'en', where: { name: { in: missing } } })
    await payload.delete({ collection: 'sections', where: { slug: { equals: 'master-forum' } } })
    await payload.delete({ collection: 'payload-migrations', where: { name: { equals: SEED_MIGRATION } } })
    const kept = (await allContacts()).map((entry) => entry.id)
    expect(kept).toHaveLength(FOOTER_NAMES.length - missing.length)

    const { output, status } = migrate(['migrate'])
    expect(status).toBe(0)
    expect(output).toMatch(new RegExp(`Migrated:\\s+${SEED_MIGRATION}`))

    const contacts = await allContacts()
    expect(contacts.map((entry) => entry.name)).toEqual(FOOTER_NAMES)
    expect(contacts.map((entry) => entry.id)).toEqual(expect.arrayContaining(kept))
    expect(contacts.every((entry) => entry.seededBy === SEED_MARKER)).toBe(true)
    const sections = await publicSections()
    expect(sections['master-forum'].parent).toBe(sections.journals.id)
    expect(await appliedMigrations()).toEqual([USERS_ROLES_INDEX, SEED_MIGRATION, BUILD_SEARCH_INDEX, BACKFILL_ARTICLE_WORKFLOW, BUILD_SECTION_SHELVES, LOCALIZE_MEDIA_ALT, SEED_JOURNAL_TITLE])
  }, 150_000)
})

describe('`npm run migrate:down` next to what editors made', () => {
  let editorsDepartment: Contact

  it('directory staff cannot mark their entries as seeded, nor unmark seeded ones', async () => {
    const [association] = await publicDirectory()
    const department = {
      kind: 'department',
      name: 'Department of African Affairs',
      office: association.id,
      order: 75,
      organization: 'association',
      phones: [{ number: '82001234' }, { extension: '8077', number: '82005566' }],
    }
    // Refused whole, naming the field (src/hooks/forbiddenFieldWrites.ts).
    const marked = await suite.rest.post('/api/contacts', { body: { ...department, seededBy: SEED_MARKER }, token: staff.token })
    expect(marked.status).toBe(403)
    expect(((await marked.json()) as { errors: { message: string }[] }).errors[0].message).toBe('You are not allowed to set seededBy')
    const created = await suite.rest.post('/api/contacts', { body: department, token: staff.token })
    expect(created.status).toBe(201)
    editorsDepartment = ((await created.json()) as { doc: Contact }).doc
    const stored = await suite.payload.findByID({ collection: 'contacts', depth: 0, id: editorsDepartment.id })
    expect(stored.seededBy ?? null).toBeNull()

    // Correcting a seeded entry keeps it seeded: down removes what up added, edited or not.
    const personnel = (await allContacts()).find((entry) => entry.name === 'Personnel Department')!
    const unmarked = await suite.rest.patch(`/api/contacts/${personnel.id}`, {
      body: { phones: [{ extension: '8002', number: '82005566' }], seededBy: null },
      token: staff.token,
    })
    expect(unmarked.status).toBe(403)
    const edited = await suite.rest.patch(`/api/contacts/${personnel.id}`, { body: { phones: [{ extension: '8002', number: '82005566' }] }, token: staff.token })
    expect(edited.status).toBe(200)
    const after = await suite.payload.findByID({ collection: 'contacts', depth: 0, id: personnel.id })
    expect(after).toMatchObject({ phones: [{ extension: '8002', number: '82005566' }], seededBy: SEED_MARKER })
  })

  it('refuses while an editor’s entry has a seeded office, naming it, and changes nothing', async () => {
    const before = await snapshot()
    const { output, status } = migrate(['migrate:down'])
    expect(status).toBe(1)
    expect(output).toMatch(/Department of African Affairs/)
    expect(output).toMatch(/nothing was changed/)
    expect(await snapshot()).toEqual(before)
  }, 150_000)

  it('removes exactly what the seed added once nothing depends on it; editors’ entries stay', async () => {
    const moved = await suite.rest.patch(`/api/contacts/${editorsDepartment.id}`, { body: { office: null }, token: staff.token })
    expect(moved.status).toBe(200)
    const library = await suite.rest.post('/api/contacts', {
      body: { kind: 'office', name: 'Library', organization: 'association', phones: [{ extension: '8070', number: '82005566' }] },
      token: staff.token,
    })
    expect(library.status).toBe(201)
    const editorsEntries = (await allContacts()).filter((entry) => !entry.seededBy)
    expect(editorsEntries.map((entry) => entry.name).sort()).toEqual(['Department of African Affairs', 'Library'])

    const { output, status } = migrate(['migrate:down'])
    expect(status).toBe(0)
    expect(output).toMatch(new RegExp(`Migrated down:\\s+${SEED_MIGRATION}`))

    expect(await allContacts()).toEqual(editorsEntries)
    expect(await publicSections()).toEqual({})
    const site = await publicSite()
    expect(site.siteName ?? null).toBeNull()
    expect(site.mainContact ?? null).toBeNull()
    // The re-run was a batch of its own: down took back only that one.
    expect(await appliedMigrations()).toEqual([USERS_ROLES_INDEX, BUILD_SEARCH_INDEX, BACKFILL_ARTICLE_WORKFLOW, BUILD_SECTION_SHELVES, LOCALIZE_MEDIA_ALT, SEED_JOURNAL_TITLE])
  }, 150_000)
})

describe('the seed next to sections, entries and a site name editors made first', () => {
  let editorsJournals: Section
  let editorsPersonnel: Contact

  beforeAll(async () => {
    const { payload } = suite
    editorsJournals = await payload.create({ collection: 'sections', data: { slug: 'journals', title: 'Journals' }, depth: 0 })
    editorsPersonnel = await payload.create({
      collection: 'contacts',
      data: {
        kind: 'department',
        name: 'Personnel Department',
        organization: 'association',
        phones: [{ extension: '8002', number: '82005566' }],
      },
      depth: 0,
    })
    await payload.updateGlobal({ slug: 'site', data: { siteName: 'Peace and Development' }, locale: 'en' })
  })

  it('up reuses them instead of adding its own, and fills in only the rest', async () => {
    await runDirectly(up)
    const contacts = await allContacts()
    expect(contacts.filter((entry) => entry.name === 'Personnel Department')).toEqual([editorsPersonnel])
    expect(contacts.filter((entry) => entry.seededBy === SEED_MARKER)).toHaveLength(FOOTER_NAMES.length - 1)
    const sections = await publicSections()
    expect(sections.journals.id).toBe(editorsJournals.id)
    expect(sections['master-forum'].parent).toBe(editorsJournals.id)
    const site = await publicSite()
    expect(site.siteName).toBe('Peace and Development')
    expect(site.mainContact).toMatchObject({ name: ASSOCIATION.en })
  })

  it('down refuses while a section editors added sits inside a seeded one, and changes nothing', async () => {
    const masterForum = (await publicSections())['master-forum']
    const interviews = await suite.payload.create({
      collection: 'sections',
      data: { parent: masterForum.id, slug: 'interviews', title: 'Interviews' },
      depth: 0,
    })
    const before = await snapshot()
    await expect(runDirectly(down)).rejects.toThrow(/section "Interviews".*nothing was changed|nothing was changed.*section "Interviews"/)
    expect(await snapshot()).toEqual(before)
    await suite.payload.delete({ collection: 'sections', id: interviews.id })
  })

  it('down refuses while an article is in a seeded section, and changes nothing', async () => {
    const masterForum = (await publicSections())['master-forum']
    const article = await suite.payload.create({
      collection: 'articles',
      data: { section: masterForum.id, title: 'The US-Japan alliance' },
      depth: 0,
      draft: true,
    })
    const before = await snapshot()
    await expect(runDirectly(down)).rejects.toThrow(/1 article\(s\) are in seeded sections/)
    expect(await snapshot()).toEqual(before)
    await suite.payload.delete({ collection: 'articles', id: article.id })
  })

  it('down removes only what up added: the editors’ section, entry and site name stay', async () => {
    await runDirectly(down)
    const contacts = await allContacts()
    expect(contacts.map((entry) => entry.name).sort()).toEqual(['Department of African Affairs', 'Library', 'Personnel Department'])
    expect(contacts.find((entry) => entry.name === 'Personnel Department')).toEqual(editorsPersonnel)
    expect(Object.keys(await publicSections())).toEqual(['journals'])
    const site = await publicSite()
    expect(site.siteName).toBe('Peace and Development')
    expect(site.mainContact ?? null).toBeNull()
  })
})
