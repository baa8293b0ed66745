import type { MigrateDownArgs, MigrateUpArgs } from '@payloadcms/db-mongodb'

/** The institute's journal, as citations, feeds and OAI-PMH records name it. */
export const JOURNAL_TITLE = { en: 'Peace and Development', zh: '和平与发展' } as const

type StoredSite = { journalTitle?: Partial<Record<string, string>> | null; seededJournalTitle?: Partial<Record<string, string>> }

/**
 * The site's journal title, where none is set: without it citations, the
 * scholarly metadata and OAI-PMH named the association (the site's name) as
 * the journal. A title an editor set is kept. What was written is recorded in
 * the stored site document (`seededJournalTitle`), so `down` removes exactly
 * that and only while nobody has changed it.
 */
export async function up({ payload, session }: MigrateUpArgs): Promise<void> {
  const stored = ((await payload.db.globals.findOne({ globalType: 'site' }, {}, { session }).lean()) ?? {}) as StoredSite
  const written: Record<string, string> = {}
  for (const [locale, title] of Object.entries(JOURNAL_TITLE)) {
    if (!stored.journalTitle?.[locale]?.trim()) written[locale] = title
  }
  if (Object.keys(written).length === 0) {
    payload.logger.info('The site already has a journal title: left as it is')
    return
  }
  const set = Object.fromEntries(Object.entries(written).flatMap(([locale, title]) => [[`journalTitle.${locale}`, title], [`seededJournalTitle.${locale}`, title]]))
  await payload.db.globals.updateOne({ globalType: 'site' }, { $set: { globalType: 'site', ...set } }, { session, strict: false, upsert: true })
  payload.logger.info(`The site's journal title is set to ${Object.values(written).map((title) => `"${title}"`).join(' / ')}`)
}

export async function down({ payload, session }: MigrateDownArgs): Promise<void> {
  const stored = ((await payload.db.globals.findOne({ globalType: 'site' }, {}, { session }).lean()) ?? {}) as StoredSite
  const seeded = stored.seededJournalTitle ?? {}
  const unchanged = Object.entries(seeded).filter(([locale, title]) => stored.journalTitle?.[locale] === title)
  const unset = Object.fromEntries([...unchanged.map(([locale]) => [`journalTitle.${locale}`, '']), ['seededJournalTitle', '']])
  await payload.db.globals.updateOne({ globalType: 'site' }, { $unset: unset }, { session, strict: false })
  payload.logger.info(`Removed the seeded journal title in ${unchanged.length} language(s); titles changed since are kept`)
}
