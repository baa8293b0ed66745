import type { CollectionBeforeOperationHook, GlobalBeforeOperationHook, PayloadRequest, SanitizedConfig } from 'payload'

import { ClientError } from '../http/clientError'
import { checkGlobalWhereQueries, checkWhereQueries } from './checkWhereQueries'

/** Relationship levels a REST read fills in when it does not say (`depth`). */
export const DEFAULT_DEPTH = 1
/** The most relationship levels a read may ask for. */
export const MAX_DEPTH = 3
/** The most documents one page of a list may hold (`limit`). */
export const MAX_LIMIT = 100
/** The last page a list may be asked for: deeper paging makes the database skip too much. */
export const MAX_PAGE = 10_000
/**
 * The largest `limit` of a read that names its documents by id
 * (`where[id][in]=a,b,…`, at most this many ids): such a read returns no more
 * documents than it names. The admin UI's list views ask so, with limit=250,
 * for the titles in their relationship columns.
 */
export const MAX_ID_LIST = 250

const COLLECTION_READS = new Set(['findVersionByID', 'findVersions', 'read', 'readDistinct'])
const GLOBAL_READS = new Set(['findVersionByID', 'findVersions', 'read'])

type ReadArgs = {
  currentDepth?: unknown
  depth?: unknown
  disableErrors?: unknown
  joins?: unknown
  limit?: unknown
  page?: unknown
  pagination?: unknown
  where?: unknown
}

function badRequest(message: string): ClientError {
  return new ClientError(message)
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : String(value)
}

function checkWholeNumber(name: string, value: unknown, min: number, max: number): void {
  if (value === undefined || value === null) return
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw badRequest(`${name} must be a whole number from ${min} to ${max} (got ${describe(value)})`)
  }
}

/** How many ids `where[id][in]` lists, at the top or in a top-level `and`; undefined when the read is not narrowed to a list of ids. */
function namedIds(where: unknown): number | undefined {
  if (!where || typeof where !== 'object') return undefined
  const { and, id } = where as { and?: unknown; id?: unknown }
  const list = id && typeof id === 'object' ? (id as { in?: unknown }).in : undefined
  if (Array.isArray(list)) return list.length
  if (typeof list === 'string') return list.split(',').length
  if (!Array.isArray(and)) return undefined
  const counts = and.map(namedIds).filter((count): count is number => count !== undefined)
  return counts.length > 0 ? Math.min(...counts) : undefined
}

/**
 * Checks what a REST or GraphQL read asked for; throws a 400 naming the first
 * parameter out of range. A read of at most MAX_ID_LIST documents named by id
 * may set its limit up to that many. `limit=0` and `pagination=false` without a limit
 * both mean "every document" to Payload, so they are refused too.
 */
export function checkReadArgs(args: ReadArgs, req: Pick<PayloadRequest, 'payloadAPI'>, operation: string): void {
  checkWholeNumber('depth', args.depth, 0, MAX_DEPTH)
  // Payload's GraphQL join resolver asks for one document more than the query's
  // limit, to tell whether there is a next page.
  const ids = namedIds(args.where)
  const maxLimit = ids !== undefined && ids <= MAX_ID_LIST ? MAX_ID_LIST : req.payloadAPI === 'GraphQL' ? MAX_LIMIT + 1 : MAX_LIMIT
  checkWholeNumber('limit', args.limit, 1, maxLimit)
  checkWholeNumber('page', args.page, 1, MAX_PAGE)
  const unbounded = args.limit === undefined || args.limit === null
  if (unbounded && (args.pagination === false || operation === 'readDistinct')) {
    throw badRequest(`Without a limit this would return every document: ask for pages of at most ${MAX_LIMIT} with limit and page`)
  }
  if (args.joins && typeof args.joins === 'object') {
    for (const [path, join] of Object.entries(args.joins as Record<string, unknown>)) {
      if (!join || typeof join !== 'object') continue
      const { limit, page } = join as { limit?: unknown; page?: unknown }
      checkWholeNumber(`joins[${path}][limit]`, limit, 1, MAX_LIMIT)
      checkWholeNumber(`joins[${path}][page]`, page, 1, MAX_PAGE)
    }
  }
}

/**
 * Reads made by the server itself are not limited: the Local API, calls that
 * override access, and the batched reads Payload's data loader makes to fill
 * in related documents of a REST or GraphQL answer. Those come through the
 * Local API with `disableErrors`, which no REST or GraphQL client can set, and
 * ask only for the ids on the page at hand.
 */
function fromClient(args: ReadArgs, overrideAccess: boolean | undefined, req: PayloadRequest): boolean {
  const fillsInRelated = 'currentDepth' in args && args.disableErrors === true
  return !overrideAccess && req.payloadAPI !== 'local' && !fillsInRelated
}

/** A field path to sort by: letters, digits, `_` and dots, `-` in front for descending. */
const SORT_FIELD = /^-?[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/

/**
 * `sort=` (empty) names no field: the collection's default order. A sort
 * field that cannot be a field name is refused with 400 before the database
 * sees it (some servers fail on such names).
 */
function checkedSort<T>(args: T): T {
  const sort = (args as { sort?: unknown }).sort
  if (sort === undefined || sort === null) return args
  const entries = (Array.isArray(sort) ? sort : [sort]).flatMap((entry) => String(entry).split(','))
  const fields = entries.map((field) => field.trim()).filter(Boolean)
  const bad = fields.find((field) => !SORT_FIELD.test(field))
  if (bad !== undefined) throw badRequest(`sort must name fields, e.g. -publishedAt or title (got "${bad.slice(0, 50)}")`)
  if (fields.length === entries.length) return args
  return { ...args, sort: fields.length > 0 ? fields : undefined }
}

/** A field name in `select`. */
const SELECT_FIELD = /^[A-Za-z_][A-Za-z0-9_]*$/

/**
 * `select` names fields (nested for groups and relationships) with true or
 * false; anything else is refused with 400 before the database sees it.
 */
function checkSelect(select: unknown, path = 'select', depth = 0): void {
  if (select === undefined || select === null) return
  if (typeof select !== 'object' || Array.isArray(select) || depth > 5) {
    throw badRequest(`${path} must name fields with true or false, e.g. select[title]=true`)
  }
  for (const [field, value] of Object.entries(select)) {
    if (!SELECT_FIELD.test(field)) throw badRequest(`${path} must name fields with true or false (got the field "${field.slice(0, 50)}")`)
    if (typeof value === 'object' && value !== null) checkSelect(value, `${path}[${field}]`, depth + 1)
    else if (![true, false, 'true', 'false'].includes(value as never)) {
      throw badRequest(`${path}[${field}] must be true or false`)
    }
  }
}

/** Caps depth, limit, page and join sizes of every REST and GraphQL read of a collection. */
export const limitReadQueries: CollectionBeforeOperationHook = ({ args, operation, overrideAccess, req }) => {
  if (!COLLECTION_READS.has(operation) || !fromClient(args as ReadArgs, overrideAccess, req)) return args
  checkReadArgs(args as ReadArgs, req, operation)
  checkSelect((args as { select?: unknown }).select)
  return checkedSort(args)
}

/** The same for globals (depth, and paging through their versions). */
export const limitGlobalReadQueries: GlobalBeforeOperationHook = ({ args, operation, overrideAccess, req }) => {
  if (GLOBAL_READS.has(operation) && fromClient((args ?? {}) as ReadArgs, overrideAccess, req)) checkReadArgs((args ?? {}) as ReadArgs, req, operation)
  return args
}

/**
 * Adds the read limits to every collection and global of a built config,
 * Payload's own (preferences, locked documents, migrations, jobs) included,
 * and the check of `where` (src/hooks/checkWhereQueries.ts) before every
 * other hook, so that the collection's own hooks only ever see a sound one.
 */
export function limitReadQueriesEverywhere(config: SanitizedConfig): SanitizedConfig {
  for (const collection of config.collections) {
    const hooks = (collection.hooks.beforeOperation ?? []).filter((hook) => hook !== checkWhereQueries && hook !== limitReadQueries)
    collection.hooks.beforeOperation = [checkWhereQueries, ...hooks, limitReadQueries]
  }
  for (const global of config.globals) {
    const hooks = (global.hooks.beforeOperation ?? []).filter((hook) => hook !== checkGlobalWhereQueries && hook !== limitGlobalReadQueries)
    global.hooks.beforeOperation = [checkGlobalWhereQueries, ...hooks, limitGlobalReadQueries]
  }
  return config
}
