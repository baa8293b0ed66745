import type { Payload, PayloadRequest } from 'payload'

type Reference = null | number | string | undefined | { id: number | string; name?: null | string }

/** The id of a relationship value, populated or not. */
export function referenceId(value: Reference): null | string {
  if (value === null || value === undefined) return null
  return String(typeof value === 'object' ? value.id : value)
}

/**
 * The names of the accounts that saved versions, in one query. Only names:
 * whoever may read a record's history sees who saved it, though they may not
 * read the accounts themselves (src/access/isAdminOrSelf.ts).
 */
export async function accountNames(payload: Payload, ids: Iterable<null | string>, req?: PayloadRequest): Promise<Map<string, string>> {
  const wanted = [...new Set([...ids].filter((id): id is string => id !== null))]
  if (wanted.length === 0) return new Map()
  const { docs } = await payload.find({
    collection: 'users',
    depth: 0,
    limit: wanted.length,
    overrideAccess: true,
    pagination: false,
    req,
    select: { name: true },
    where: { id: { in: wanted } },
  })
  return new Map(docs.map((user) => [String(user.id), user.name]))
}

/** How a version's saver reads in the admin UI. */
export function savedByLabel(id: null | string, names: Map<string, string>): string {
  if (id === null) return 'The CMS'
  return names.get(id) ?? 'A deleted account'
}
