import type { MigrateDownArgs, MigrateUpArgs } from '@payloadcms/db-mongodb'
import type { Payload, PayloadRequest } from 'payload'

import type { Contact, Section } from '../src/payload-types'

/**
 * Seeds what the website shows before editors add anything: the section tree
 * Journals → Master forum, and the contact directory as printed in the footer
 * of the journal's pages (the association, its offices, departments, centre
 * and editorial board, and the Art Council), with the association as the
 * site's main contact.
 *
 * Every Local API call gets `req`, and the few writes made to stored
 * documents directly (the markers below) get `session`, so on MongoDB (a
 * replica set) the whole migration is one transaction. Without transactions each write
 * stands alone, which is one reason `up` is safe to run again after a partial run.
 *
 * Idempotent: `up` looks up what is already there before it creates anything
 * (sections by slug, directory entries by English name and organisation) and
 * creates only what is missing. Entries that exist, whoever made them, are
 * left as they are: their phones and addresses may have been corrected since.
 *
 * Exactly reversible: whatever `up` creates carries a marker with this seed's
 * name, and `down` removes only marked documents, so entries editors made
 * themselves (including ones `up` found and reused) are never touched.
 * - Directory entries: the `seededBy` field, set in the same `create` call.
 *   Nobody can set or change it over REST or GraphQL (field access), so a copy
 *   an editor makes of a seeded entry is not marked.
 * - Sections: their config has no such field (it belongs to the content
 *   model), so the marker is written to the stored document directly, in the
 *   migration's session, right after the section is created. Payload leaves
 *   unknown keys out of everything it reads and keeps them on update, so the
 *   website and the admin UI never see it.
 * - The site global: up fills `siteName` and `mainContact` only when empty and
 *   notes what it wrote in the global's stored document (again outside the
 *   schema). `down` clears a value only while it is still the one up wrote,
 *   and clears `mainContact` whenever it points at an entry down removes.
 *   Clearing the required site name is done on the stored document: that is
 *   the state before `up`, which Payload's validation would not let us save.
 *
 * `down` refuses, before changing anything, while content editors made still
 * depends on seeded documents (an entry whose office is a seeded one, a
 * sub-section or an article in a seeded section): removing the seed would
 * leave their links pointing nowhere. The message names them.
 */

const SEED = 'seed_sections_and_directory'

type Localized = { en: string; zh?: string }

type SeedSection = { parent?: string; slug: string; title: Localized }

/** Parents before children. */
const SECTIONS: SeedSection[] = [
  { slug: 'journals', title: { en: 'Journals', zh: '期刊' } },
  { parent: 'journals', slug: 'master-forum', title: { en: 'Master forum', zh: '大家论坛' } },
]

type SeedContact = Pick<Contact, 'email' | 'fax' | 'kind' | 'organization' | 'website'> & {
  /** English only: no Chinese address is known for any entry yet. */
  address?: string
  name: Localized
  phones: { extension?: string; number: string }[]
  /** At the association's address: linked to it through `office`. */
  atAssociation?: boolean
}

/** The association's switchboard, as the footer prints it after each department's direct line. */
const SWITCHBOARD = '82005566'

const switchboard = (extension: string) => ({ extension, number: SWITCHBOARD })

/**
 * The footer, line by line and in its order, numbers and extensions as printed
 * (the Personnel Department's "82005669 Ext. 8002" included). Only the
 * association's Chinese name is known; every other entry is English only and
 * flagged for translation, the association too, as its Chinese address is
 * still to be written.
 */
const DIRECTORY: SeedContact[] = [
  {
    address: '9th-10th Floor, Guan Hai Building Citichamp Palace, Madian, Haidian District, Beijing 100088, China',
    email: 'caifc@caifc.org.cn',
    fax: '86-10-82007131',
    kind: 'organization',
    name: { en: 'China Association for International Friendly Contact', zh: '中国国际友好联络会' },
    organization: 'association',
    phones: [{ number: '86-10-82005566' }],
    website: 'http://www.caifc.org.cn',
  },
  {
    atAssociation: true,
    kind: 'office',
    name: { en: 'Administrative Office' },
    organization: 'association',
    phones: [{ number: '86-10-82002138' }, switchboard('8008')],
  },
  {
    atAssociation: true,
    kind: 'department',
    name: { en: 'Personnel Department' },
    organization: 'association',
    phones: [{ extension: '8002', number: '82005669' }],
  },
  {
    atAssociation: true,
    kind: 'department',
    name: { en: 'Department of American & Oceanian Affairs' },
    organization: 'association',
    phones: [{ number: '82003022' }, switchboard('8030')],
  },
  {
    atAssociation: true,
    kind: 'department',
    name: { en: 'Department of Asian Affairs' },
    organization: 'association',
    phones: [{ number: '82002380' }, switchboard('8021')],
  },
  {
    atAssociation: true,
    kind: 'department',
    name: { en: 'Department of European & Central Asian Affairs' },
    organization: 'association',
    phones: [{ number: '82003512' }, switchboard('8039')],
  },
  {
    atAssociation: true,
    kind: 'department',
    name: { en: '2nd Department of Asian Affairs' },
    organization: 'association',
    phones: [{ number: '82005953' }, switchboard('8038')],
  },
  {
    atAssociation: true,
    kind: 'department',
    name: { en: 'Department of Council Affairs' },
    organization: 'association',
    phones: [{ number: '82002375' }, switchboard('8023')],
  },
  {
    atAssociation: true,
    kind: 'centre',
    name: { en: 'Center for Peace and Development Studies' },
    organization: 'association',
    phones: [{ number: '82002580' }, switchboard('8060')],
  },
  {
    atAssociation: true,
    kind: 'editorial-board',
    name: { en: 'Editorial Board of Peace and Development' },
    organization: 'association',
    phones: [{ number: '82009436' }, switchboard('8063')],
  },
  {
    // Printed as "Address:D5 Building, Jianxiang Mountain villa, No. 1A , Huayanbeili ,Dewaidajie ,Chaoyang
    // District, Beijing Postal code:100029": the same words, with the postal code where the association's has it.
    address: 'D5 Building, Jianxiang Mountain villa, No. 1A, Huayanbeili, Dewaidajie, Chaoyang District, Beijing 100029',
    kind: 'organization',
    name: { en: 'Art Council (Art Academy of International Friendly Contact)' },
    organization: 'art-council',
    phones: [{ number: '86-10-62366878' }],
  },
]

/** Gaps of ten, so editors can slot entries in between without renumbering. */
const ORDER_STEP = 10

/** The site's name when none is set yet. */
const SITE_NAME: Localized = { en: 'China Association for International Friendly Contact', zh: '中国国际友好联络会' }

/** What up wrote into the site global, kept in its stored document (see above). */
type SiteSeedRecord = { mainContact?: string; migration: string; siteName?: Partial<Localized> }

type StoredSite = { mainContact?: unknown; seededBy?: SiteSeedRecord; siteName?: Partial<Localized> }

type Context = { payload: Payload; req: PayloadRequest; session: MigrateUpArgs['session'] }

export async function up({ payload, req, session }: MigrateUpArgs): Promise<void> {
  const context = { payload, req, session }
  const { sections, contacts, site } = await keepingRequestLocale(req, async () => {
    const sections = await seedSections(context)
    const contacts = await seedDirectory(context)
    return { contacts, sections, site: await fillSite(context, contacts.associationId) }
  })
  payload.logger.info(
    `${SEED}: created ${sections.created} of ${SECTIONS.length} sections and ${contacts.created} of ${DIRECTORY.length} directory entries` +
      `${site.length ? `; set the site's ${site.join(' and ')}` : ''} (the rest was there already)`,
  )
}

export async function down(args: MigrateDownArgs): Promise<void> {
  await keepingRequestLocale(args.req, () => undo(args))
}

async function undo({ payload, req, session }: MigrateDownArgs): Promise<void> {
  const context = { payload, req, session }
  const contacts = await payload.find({
    collection: 'contacts',
    depth: 0,
    pagination: false,
    req,
    where: { seededBy: { equals: SEED } },
  })
  const contactIds = contacts.docs.map((contact) => contact.id)
  const sections = await findSeededSections(context)
  const sectionIds = sections.map((section) => section.id)

  const dependants = await editorsContentDependingOn(context, contactIds, sectionIds)
  if (dependants.length) {
    throw new Error(
      `${SEED}: not undone, nothing was changed. Content editors added still depends on seeded entries: ` +
        `${dependants.join('; ')}. Point it elsewhere or delete it, then migrate down again.`,
    )
  }

  // Sections first: their delete hook is the one step that can still refuse (it re-checks what was checked above).
  // Children before parents: a section that still has sub-sections cannot be deleted.
  const deepestFirst = [...sections].sort((a, b) => (b.breadcrumbs?.length ?? 0) - (a.breadcrumbs?.length ?? 0))
  for (const section of deepestFirst) await payload.delete({ collection: 'sections', depth: 0, id: section.id, req })
  for (const id of contactIds) await payload.delete({ collection: 'contacts', depth: 0, id, req })
  await revertSite(context, contactIds)
  payload.logger.info(`${SEED}: removed ${sectionIds.length} seeded sections and ${contactIds.length} seeded directory entries`)
}

/** A Local API call given `req` and a locale leaves that locale on `req`: put it back for what runs after. */
async function keepingRequestLocale<T>(req: PayloadRequest, work: () => Promise<T>): Promise<T> {
  const { fallbackLocale, locale } = req
  try {
    return await work()
  } finally {
    req.locale = locale
    req.fallbackLocale = fallbackLocale
  }
}

async function seedSections({ payload, req, session }: Context): Promise<{ created: number }> {
  const existing = await payload.find({
    collection: 'sections',
    depth: 0,
    pagination: false,
    req,
    where: { slug: { in: SECTIONS.map((section) => section.slug) } },
  })
  const idsBySlug = new Map(existing.docs.map((section) => [section.slug, section.id]))
  let created = 0
  for (const section of SECTIONS) {
    if (idsBySlug.has(section.slug)) continue
    const parent = section.parent ? idsBySlug.get(section.parent) : undefined
    const doc = await payload.create({
      collection: 'sections',
      data: { parent, slug: section.slug, title: section.title.en },
      depth: 0,
      locale: 'en',
      req,
    })
    await payload.db.collections.sections.updateOne({ _id: doc.id }, { $set: { seededBy: SEED } }, { session, strict: false })
    if (section.title.zh) {
      await payload.update({ collection: 'sections', data: { title: section.title.zh }, depth: 0, id: doc.id, locale: 'zh', req })
    }
    idsBySlug.set(section.slug, doc.id)
    created += 1
  }
  return { created }
}

async function seedDirectory({ payload, req }: Context): Promise<{ associationId: string; created: number }> {
  const existing = await payload.find({
    collection: 'contacts',
    depth: 0,
    locale: 'en',
    pagination: false,
    req,
    where: {
      and: [
        { name: { in: DIRECTORY.map((entry) => entry.name.en) } },
        { organization: { in: [...new Set(DIRECTORY.map((entry) => entry.organization))] } },
      ],
    },
  })
  const key = (organization: string, name: string) => `${organization}/${name}`
  const idsByKey = new Map(existing.docs.map((contact) => [key(contact.organization, contact.name), contact.id]))

  let associationId = ''
  let created = 0
  for (const [index, entry] of DIRECTORY.entries()) {
    let id = idsByKey.get(key(entry.organization, entry.name.en))
    if (!id) {
      const { atAssociation, name, ...details } = entry
      const doc = await payload.create({
        collection: 'contacts',
        data: {
          ...details,
          name: name.en,
          needsTranslation: true,
          office: atAssociation ? associationId : undefined,
          order: (index + 1) * ORDER_STEP,
          seededBy: SEED,
          visible: true,
        },
        depth: 0,
        locale: 'en',
        req,
      })
      if (name.zh) await payload.update({ collection: 'contacts', data: { name: name.zh }, depth: 0, id: doc.id, locale: 'zh', req })
      id = doc.id
      created += 1
    }
    if (entry.organization === 'association' && entry.kind === 'organization') associationId = id
  }
  return { associationId, created }
}

async function fillSite({ payload, req, session }: Context, associationId: string): Promise<string[]> {
  const site = await payload.findGlobal({ slug: 'site', depth: 0, locale: 'all', req })
  const siteName = (site.siteName ?? {}) as unknown as Partial<Localized>
  const record: Record<string, string> = {}

  // One call for the English values: the site name is required, so the main contact cannot be saved without it.
  const inEnglish: { mainContact?: string; siteName?: string } = {}
  if (!site.mainContact) {
    inEnglish.mainContact = associationId
    record['seededBy.mainContact'] = associationId
  }
  if (!siteName.en) {
    inEnglish.siteName = SITE_NAME.en
    record['seededBy.siteName.en'] = SITE_NAME.en
  }
  if (Object.keys(inEnglish).length) await payload.updateGlobal({ slug: 'site', data: inEnglish, depth: 0, locale: 'en', req })
  // The Chinese name only on a site that had no name at all.
  if (!siteName.en && !siteName.zh && SITE_NAME.zh) {
    await payload.updateGlobal({ slug: 'site', data: { siteName: SITE_NAME.zh }, depth: 0, locale: 'zh', req })
    record['seededBy.siteName.zh'] = SITE_NAME.zh
  }
  if (Object.keys(record).length === 0) return []

  await payload.db.globals.updateOne(
    { globalType: 'site' },
    { $set: { ...record, 'seededBy.migration': SEED } },
    { session, strict: false },
  )
  return [inEnglish.siteName ? 'name' : '', inEnglish.mainContact ? 'main contact' : ''].filter(Boolean)
}

async function findSeededSections({ payload, req, session }: Context): Promise<Section[]> {
  const marked = await payload.db.collections.sections.find({ seededBy: SEED }, { _id: 1 }, { session }).lean()
  if (marked.length === 0) return []
  const { docs } = await payload.find({
    collection: 'sections',
    depth: 0,
    pagination: false,
    req,
    where: { id: { in: marked.map((section) => String(section._id)) } },
  })
  return docs
}

/** Descriptions of what editors made that links to the seeded entries or sections, for down's refusal. */
async function editorsContentDependingOn(
  { payload, req }: Context,
  contactIds: string[],
  sectionIds: string[],
): Promise<string[]> {
  const found: string[] = []
  if (contactIds.length) {
    const { docs } = await payload.find({
      collection: 'contacts',
      depth: 0,
      locale: 'en',
      pagination: false,
      req,
      where: { and: [{ office: { in: contactIds } }, { id: { not_in: contactIds } }] },
    })
    for (const contact of docs) found.push(`directory entry "${contact.name}" (${contact.id}) has a seeded entry as its office`)
  }
  if (sectionIds.length) {
    const { docs } = await payload.find({
      collection: 'sections',
      depth: 0,
      locale: 'en',
      pagination: false,
      req,
      where: { and: [{ parent: { in: sectionIds } }, { id: { not_in: sectionIds } }] },
    })
    for (const section of docs) found.push(`section "${section.title}" (${section.id}) is inside a seeded section`)
    // As the sections' own delete hook counts them: by the article, or by its latest version (a newer draft).
    const current = await payload.find({
      collection: 'articles',
      depth: 0,
      pagination: false,
      req,
      select: { section: true },
      where: { section: { in: sectionIds } },
    })
    const drafts = await payload.findVersions({
      collection: 'articles',
      depth: 0,
      pagination: false,
      req,
      where: { and: [{ 'version.section': { in: sectionIds } }, { latest: { equals: true } }] },
    })
    const articles = new Set([...current.docs.map((article) => String(article.id)), ...drafts.docs.map((version) => String(version.parent))])
    if (articles.size) found.push(`${articles.size} article(s) are in seeded sections`)
  }
  return found
}

async function revertSite({ payload, session }: Context, removedContactIds: string[]): Promise<void> {
  const stored = (await payload.db.globals.findOne({ globalType: 'site' }, null, { session }).lean()) as StoredSite | null
  if (!stored) return
  const record = stored.seededBy?.migration === SEED ? stored.seededBy : undefined
  const unset: Record<string, ''> = {}

  const mainContact = stored.mainContact ? String(stored.mainContact) : undefined
  if (mainContact && (removedContactIds.includes(mainContact) || mainContact === record?.mainContact)) unset.mainContact = ''
  const revertedNames = (['en', 'zh'] as const).filter(
    (locale) => record?.siteName?.[locale] && stored.siteName?.[locale] === record.siteName[locale],
  )
  const keptNames = Object.entries(stored.siteName ?? {}).filter(([locale, name]) => name && !revertedNames.includes(locale as 'en'))
  if (revertedNames.length && keptNames.length === 0) unset.siteName = ''
  else for (const locale of revertedNames) unset[`siteName.${locale}`] = ''
  if (record) unset.seededBy = ''

  if (Object.keys(unset).length) {
    await payload.db.globals.updateOne({ globalType: 'site' }, { $unset: unset }, { session, strict: false })
  }
}
