import type { MongooseAdapter } from '@payloadcms/db-mongodb'
import type { JoinQuery, SelectType } from 'payload'

type Selection = SelectType | boolean | undefined

/** Whether a `select` (inclusion: `{ a: true }`, or exclusion: `{ a: false }`) keeps the field at a dotted path. */
function selects(select: SelectType, path: string): boolean {
  const including = Object.values(select).some((value) => value === true || typeof value === 'object')
  let level: Selection = select
  for (const part of path.split('.')) {
    if (typeof level !== 'object') break
    level = (level as Record<string, Selection>)[part]
  }
  if (level === undefined) return !including
  return level !== false
}

/**
 * The joins of a read, without those its `select` leaves out: a join field
 * nobody asked for is no query at all. (The adapter already skips them when
 * it resolves joins inside an aggregation, MongoDB's way; not when it
 * resolves them with queries, on servers without `$lookup` sub-pipelines.)
 */
export function joinsWithinSelect(joins: false | JoinQuery | undefined, select: SelectType | undefined): false | JoinQuery | undefined {
  if (!joins || !select) return joins
  return Object.fromEntries(Object.entries(joins).map(([path, query]) => [path, selects(select, path) ? query : false])) as JoinQuery
}

type ReadArguments = { joins?: false | JoinQuery; select?: SelectType }

/**
 * Makes every read of the adapter (find, findOne, and queryDrafts, whose
 * select is under `version`) leave out the joins its select does not name.
 */
export function skipUnselectedJoins(adapter: MongooseAdapter): void {
  const wrap = <A extends ReadArguments, R>(read: (this: MongooseAdapter, args: A) => Promise<R>, selectOf: (args: A) => SelectType | undefined) =>
    function (this: MongooseAdapter, args: A): Promise<R> {
      return read.call(this, { ...args, joins: joinsWithinSelect(args.joins, selectOf(args)) })
    }
  adapter.find = wrap(adapter.find, (args) => args.select) as MongooseAdapter['find']
  adapter.findOne = wrap(adapter.findOne, (args) => args.select) as MongooseAdapter['findOne']
  adapter.queryDrafts = wrap(adapter.queryDrafts, (args) => {
    const version = (args.select as { version?: SelectType } | undefined)?.version
    return typeof version === 'object' ? version : undefined
  }) as MongooseAdapter['queryDrafts']
}
