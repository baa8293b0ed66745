import type { MigrateDownArgs, MigrateUpArgs } from '@payloadcms/db-mongodb'
import type { AnyBulkWriteOperation, Collection, Document } from 'mongodb'

/** The media fields that became translatable: a Chinese page needs Chinese alt text and captions. */
const FIELDS = ['alt', 'caption'] as const

async function rewrite(collection: Collection, change: (stored: Document) => Document | undefined): Promise<number> {
  let changed = 0
  let batch: AnyBulkWriteOperation[] = []
  for await (const stored of collection.find({})) {
    const set = change(stored)
    if (!set || Object.keys(set).length === 0) continue
    batch.push({ updateOne: { filter: { _id: stored._id }, update: { $set: set } } })
    if (batch.length === 500) {
      changed += (await collection.bulkWrite(batch, { ordered: false })).modifiedCount
      batch = []
    }
  }
  if (batch.length > 0) changed += (await collection.bulkWrite(batch, { ordered: false })).modifiedCount
  return changed
}

/**
 * Media `alt` and `caption` are localized from now on: the text stored so
 * far becomes the default language's (readers of another language get it as
 * the fallback until an editor writes theirs). Values already per language
 * are left alone, so running it again changes nothing.
 */
export async function up({ payload }: MigrateUpArgs): Promise<void> {
  const defaultLocale = payload.config.localization ? payload.config.localization.defaultLocale : 'en'
  const changed = await rewrite(payload.db.collections.media.collection as unknown as Collection, (stored) =>
    Object.fromEntries(FIELDS.filter((field) => typeof stored[field] === 'string').map((field) => [field, { [defaultLocale]: stored[field] }])),
  )
  payload.logger.info(`Media alt text and captions are per language now: ${changed} file(s) kept theirs as the ${defaultLocale} text`)
}

/** Back to one text per file: the default language's (other languages' text is dropped). */
export async function down({ payload }: MigrateDownArgs): Promise<void> {
  const defaultLocale = payload.config.localization ? payload.config.localization.defaultLocale : 'en'
  const changed = await rewrite(payload.db.collections.media.collection as unknown as Collection, (stored) =>
    Object.fromEntries(
      FIELDS.filter((field) => stored[field] && typeof stored[field] === 'object').map((field) => [field, (stored[field] as Record<string, unknown>)[defaultLocale] ?? null]),
    ),
  )
  payload.logger.info(`Media alt text and captions are one text again: ${changed} file(s) kept their ${defaultLocale} text`)
}
