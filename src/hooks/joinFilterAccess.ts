import { type CollectionSlug, type FlattenedField, type PayloadRequest } from 'payload'
import { ClientError } from '../http/clientError'

type JoinCondition = { collections: string[]; path: string }

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The join field a dotted path goes through (`articles`, `articles.title`, `group.articles`), if any. */
function joinOnPath(fields: readonly FlattenedField[], path: string): string[] | undefined {
  let current: readonly FlattenedField[] | undefined = fields
  for (const segment of path.split('.')) {
    const field: FlattenedField | undefined = current?.find((candidate) => candidate.name === segment)
    if (!field) return undefined
    if (field.type === 'join') return Array.isArray(field.collection) ? field.collection : [field.collection]
    current = 'flattenedFields' in field ? field.flattenedFields : undefined
  }
  return undefined
}

/** Every condition of a `where` (through `and`/`or`) that filters by a join field. */
function joinConditions(where: unknown, fields: readonly FlattenedField[], found: JoinCondition[] = []): JoinCondition[] {
  if (!isPlainObject(where)) return found
  for (const [key, value] of Object.entries(where)) {
    if (key.toLowerCase() === 'and' || key.toLowerCase() === 'or') {
      if (Array.isArray(value)) for (const item of value) joinConditions(item, fields, found)
      continue
    }
    const collections = joinOnPath(fields, key)
    if (collections) found.push({ collections, path: key })
  }
  return found
}

/**
 * A condition on a join field (`where[articles][equals]=<id>` on authors)
 * is answered from the joined documents as stored, without their
 * collection's read access: whether a hidden draft exists, and which author
 * it has, could be found out one guess at a time (and `exists` was ignored).
 * So such a filter is taken only from callers who may read every document of
 * the joined collection; for anyone else it is refused with Payload's own
 * "cannot be queried", right guess or wrong.
 */
export async function refuseUnreadableJoinFilters(where: unknown, fields: readonly FlattenedField[], req: PayloadRequest): Promise<void> {
  for (const { collections, path } of joinConditions(where, fields)) {
    for (const slug of collections) {
      const joined = req.payload.collections[slug as CollectionSlug]
      const access = joined ? await joined.config.access.read?.({ req }) : false
      if (access !== true) throw new ClientError(`The following path cannot be queried: ${path}`, 400)
    }
  }
}
