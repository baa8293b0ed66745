import type { MigrateDownArgs, MigrateUpArgs } from '@payloadcms/db-mongodb'
import type { AnyBulkWriteOperation, Collection, Document } from 'mongodb'

import { articleLanguages } from '../src/lib/articleLanguages'

type Localized = Record<string, unknown> | undefined

/** The fields the editorial workflow added to articles, from what an article already holds. */
function workflowFields(article: Document, locales: readonly string[]): Document {
  const text = (field: string) => (article[field] ?? undefined) as Localized
  const languages = articleLanguages(
    locales,
    (locale) => ({
      body: text('body')?.[locale],
      lead: text('lead')?.[locale] as null | string | undefined,
      title: text('title')?.[locale] as null | string | undefined,
    }),
    (article.withheldLocales as string[] | undefined) ?? [],
  )
  const fields: Document = {}
  if (article.workflowStatus == null) fields.workflowStatus = article._status === 'published' ? 'published' : 'draft'
  if (article.availableLocales == null) fields.availableLocales = languages.availableLocales
  if (article.missingLocales == null) fields.missingLocales = languages.missingLocales
  return fields
}

/** Fills in the missing fields of every stored document (`prefix` is where the article sits: `version.` in versions). */
async function backfill(collection: Collection, prefix: '' | 'version.', locales: readonly string[]): Promise<number> {
  const missing = { $or: ['workflowStatus', 'availableLocales', 'missingLocales'].map((field) => ({ [`${prefix}${field}`]: null })) }
  let updated = 0
  let batch: AnyBulkWriteOperation[] = []
  for await (const stored of collection.find(missing)) {
    const article = prefix ? (stored.version as Document | undefined) : stored
    if (!article) continue
    const fields = workflowFields(article, locales)
    const set = Object.fromEntries(Object.entries(fields).map(([field, value]) => [`${prefix}${field}`, value]))
    batch.push({ updateOne: { filter: { _id: stored._id }, update: { $set: set } } })
    if (batch.length === 500) {
      updated += (await collection.bulkWrite(batch, { ordered: false })).modifiedCount
      batch = []
    }
  }
  if (batch.length > 0) updated += (await collection.bulkWrite(batch, { ordered: false })).modifiedCount
  return updated
}

/**
 * Articles saved before the editorial workflow existed have no review state
 * and no list of missing languages: the list view's filters and the
 * dashboard would not find them. Published articles become `published`,
 * the others `draft`; the languages are derived from the text, the way
 * saving an article derives them. Documents that already have the fields
 * are left alone, so running it again changes nothing.
 */
export async function up({ payload }: MigrateUpArgs): Promise<void> {
  const locales = payload.config.localization ? payload.config.localization.localeCodes : ['en']
  const articles = await backfill(payload.db.collections.articles.collection as unknown as Collection, '', locales)
  const versions = await backfill(payload.db.versions.articles.collection as unknown as Collection, 'version.', locales)
  payload.logger.info(`Editorial workflow fields filled in: ${articles} articles, ${versions} versions`)
}

/** The fields are derived from each article and harmless to older code: going back leaves them in place. */
export async function down({ payload }: MigrateDownArgs): Promise<void> {
  payload.logger.info('Editorial workflow fields are kept: older code ignores them')
}
