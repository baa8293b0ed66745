import { ValidationError, type CollectionSlug, type FieldHook, type PayloadRequest, type TextField, type Where } from 'payload'

import { SLUG_PATTERN, slugify } from '../lib/slugify'

type LocalizedValue = string | Record<string, string | null | undefined> | null | undefined

/**
 * The English text of a (possibly localized) title, else the Chinese, else
 * any. Only text counts: a client can send anything as a title (an object, a
 * number), which the title's own validation refuses afterwards.
 */
function preferredTitle(value: LocalizedValue): string | undefined {
  if (typeof value === 'string') return value
  if (!value || typeof value !== 'object') return undefined
  const texts = [value.en, value.zh, ...Object.values(value)].filter((text): text is string => typeof text === 'string' && text !== '')
  return texts[0]
}

/** "article" for the articles collection: how messages name the document a slug belongs to. */
function documentNoun(req: PayloadRequest, collection: string): string {
  const singular = req.payload.collections[collection as CollectionSlug]?.config.labels?.singular
  return typeof singular === 'string' ? singular.toLowerCase() : 'document'
}

/**
 * What is wrong with a slug, in words an editor can act on, or true. The
 * uniqueness check asks the database (other documents of the collection,
 * drafts included), so the message names the field on every database: the
 * unique index stays as the last guard, but its error does not say which
 * field clashed on all servers.
 */
async function slugProblem({
  checkUniqueness,
  collection,
  id,
  req,
  value,
}: {
  checkUniqueness: boolean
  collection?: string
  id?: number | string
  req: PayloadRequest
  value: unknown
}): Promise<string | true> {
  if (typeof value !== 'string' || !value) return 'A slug is required: enter one, or a title it can be made from'
  if (!SLUG_PATTERN.test(value)) return 'Use lower-case letters, digits and single hyphens only, e.g. "us-japan-alliance"'
  if (!checkUniqueness || !collection) return true
  const others: Where[] = [{ slug: { equals: value } }]
  if (id !== undefined) others.push({ id: { not_equals: id } })
  const { totalDocs } = await req.payload.count({
    collection: collection as CollectionSlug,
    overrideAccess: true,
    req,
    where: { and: others },
  })
  if (totalDocs > 0) return `Another ${documentNoun(req, collection)} already has the slug "${value}": choose a different one`
  return true
}

/**
 * A unique URL slug, filled in from the title when left empty: from the
 * title in the language the document is created in (English, or the pinyin of
 * a Chinese title). One slug serves both languages. Editors can set or change
 * it; it must be lower-case words joined by hyphens.
 *
 * Drafts skip Payload's field validation, but a draft's slug is written to the
 * same uniquely indexed column, so it is checked on every draft save that
 * changes it. A save that keeps the stored slug asks the database nothing.
 */
export function slugField(sourceField = 'title'): TextField {
  const fillFromTitle: FieldHook = ({ data, originalDoc, value }) => {
    if (typeof value === 'string' && value.trim()) return value.trim()
    if (originalDoc?.slug) return originalDoc.slug
    const title = preferredTitle(data?.[sourceField] as LocalizedValue)
    return title ? slugify(title) : value
  }

  const checkDraftSlug: FieldHook = async ({ collection, data, originalDoc, path, previousValue, req, value }) => {
    if (data?._status !== 'draft') return value
    // The stored slug was checked when it was saved: only a new one needs the database.
    if (value && value === previousValue) return value
    // A draft without a title yet (the admin UI autosaves a new document at once) has no slug either.
    if (!value && !preferredTitle(data?.[sourceField] as LocalizedValue)?.trim()) return value
    const problem = await slugProblem({ checkUniqueness: true, collection: collection?.slug, id: originalDoc?.id, req, value })
    if (problem !== true) {
      throw new ValidationError({ collection: collection?.slug, errors: [{ label: 'Slug', message: problem, path: path.join('.') }], req })
    }
    return value
  }

  return {
    name: 'slug',
    type: 'text',
    admin: {
      // Not marked required: the editor may leave it empty.
      components: { Label: '/admin/SlugLabel#SlugLabel' },
      description: 'Part of the page address. Filled in from the title when left empty; lower-case words joined by hyphens.',
      position: 'sidebar',
    },
    hooks: { beforeChange: [checkDraftSlug], beforeValidate: [fillFromTitle] },
    index: true,
    required: true,
    unique: true,
    validate: (value: null | string | undefined, { collectionSlug, data, event, id, previousValue, req }) =>
      // Left empty in the form beside a title: the save fills it in (fillFromTitle) and checks it then.
      !value && preferredTitle((data as Record<string, unknown> | undefined)?.[sourceField] as LocalizedValue)?.trim()
        ? true
        : // While an editor types (event "onChange") only the form is checked; the database when the document is
          // saved, and only when the slug is new to it (the stored one was checked when it was saved).
          slugProblem({ checkUniqueness: event !== 'onChange' && value !== previousValue, collection: collectionSlug, id, req, value }),
  }
}
