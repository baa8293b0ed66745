import {
  type CollectionBeforeOperationHook,
  type FlattenedField,
  type GlobalBeforeOperationHook,
  type PayloadRequest,
} from 'payload'
import { validOperatorSet } from 'payload/shared'

import { ClientError } from '../http/clientError'
import { refuseUnreadableJoinFilters } from './joinFilterAccess'

/** The most levels of `and`/`or` (and nested `contains` queries) a `where` may have. */
export const MAX_WHERE_DEPTH = 10
/** The most conditions (field, operator, value) one `where` may hold, all levels together. */
export const MAX_WHERE_CONDITIONS = 100
/** The most values one `in`, `not_in` or `all` list may hold. */
export const MAX_WHERE_VALUES = 1000

/** Keys that name the prototype machinery of JavaScript objects, never a field. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype'])
const LIST_OPERATORS = new Set(['all', 'in', 'not_in'])
const SCALAR_OPERATORS = new Set(['greater_than', 'greater_than_equal', 'less_than', 'less_than_equal', 'like', 'not_like'])
const GEO_OPERATORS = new Set(['intersects', 'near', 'within'])

type Scalar = boolean | null | number | string

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const prototype = Object.getPrototypeOf(value) as unknown
  return prototype === Object.prototype || prototype === null
}

function isScalar(value: unknown): value is Scalar {
  return value === null || ['boolean', 'number', 'string'].includes(typeof value)
}

/** The field a dotted path names, following groups, arrays and tabs; undefined when there is none. */
function fieldAt(fields: readonly FlattenedField[], path: string): FlattenedField | undefined {
  let current: readonly FlattenedField[] | undefined = fields
  let found: FlattenedField | undefined
  for (const segment of path.split('.')) {
    found = current?.find((field) => field.name === segment)
    if (!found) return undefined
    current = 'flattenedFields' in found ? found.flattenedFields : undefined
  }
  return found
}

class WhereProblem extends Error {}

type Walk = { conditions: number; fields?: readonly FlattenedField[] }

function checkValue(walk: Walk, at: string, path: string, operator: string, value: unknown, depth: number): void {
  const problem = (message: string) => new WhereProblem(`${at}[${operator}] ${message}`)
  if (operator === 'exists') {
    if (value !== true && value !== false && value !== 'true' && value !== 'false') throw problem('must be true or false')
    return
  }
  if (LIST_OPERATORS.has(operator)) {
    if (isScalar(value)) return
    if (!Array.isArray(value) || !value.every(isScalar)) throw problem('must be a value or a list of values')
    if (value.length > MAX_WHERE_VALUES) throw problem(`may list at most ${MAX_WHERE_VALUES} values (got ${value.length})`)
    return
  }
  if (SCALAR_OPERATORS.has(operator)) {
    if (!isScalar(value)) throw problem('must be a single value')
    return
  }
  if (operator === 'equals' || operator === 'not_equals') {
    if (isScalar(value) || (Array.isArray(value) && value.length <= MAX_WHERE_VALUES && value.every(isScalar))) return
    // A polymorphic relationship is compared with { relationTo, value }.
    if (isPlainObject(value)) {
      const { relationTo, value: id } = value
      if (Object.keys(value).length === 2 && typeof relationTo === 'string' && isScalar(id)) return
    }
    throw problem('must be a single value')
  }
  if (operator === 'contains') {
    if (isScalar(value)) return
    // A query on the related documents of a has-many relationship or join.
    if (isPlainObject(value)) return checkWhereAt(walk, value, `${at}[contains]`, depth + 1)
    throw problem('must be a value, or a query on the related documents')
  }
  if (GEO_OPERATORS.has(operator)) {
    // Only point fields can be searched by location; the database fails on any other.
    if (walk.fields && fieldAt(walk.fields, path)?.type !== 'point') throw problem(`works only on point fields, and ${path} is not one`)
    return
  }
}

function checkWhereAt(walk: Walk, where: unknown, at: string, depth: number): void {
  if (!isPlainObject(where)) throw new WhereProblem(`${at} must be an object of conditions, e.g. where[title][equals]=…`)
  if (depth > MAX_WHERE_DEPTH) throw new WhereProblem(`where is nested more than ${MAX_WHERE_DEPTH} levels deep`)
  for (const [key, value] of Object.entries(where)) {
    if (PROTOTYPE_KEYS.has(key)) throw new WhereProblem(`${at} may not name "${key}"`)
    if (key.toLowerCase() === 'and' || key.toLowerCase() === 'or') {
      if (!Array.isArray(value)) throw new WhereProblem(`${at}[${key}] must be a list of conditions, e.g. ${at}[${key}][0][title][equals]=…`)
      value.forEach((item, index) => checkWhereAt(walk, item, `${at}[${key}][${index}]`, depth + 1))
      continue
    }
    const field = `${at}[${key}]`
    if (!isPlainObject(value) || Object.keys(value).length === 0) throw new WhereProblem(`${field} must name an operator, e.g. ${field}[equals]=…`)
    for (const [operator, operand] of Object.entries(value)) {
      if (!validOperatorSet.has(operator as never)) {
        throw new WhereProblem(`${field}[${operator}]: "${operator}" is not an operator; use one of ${[...validOperatorSet].join(', ')}`)
      }
      walk.conditions += 1
      if (walk.conditions > MAX_WHERE_CONDITIONS) throw new WhereProblem(`where holds more than ${MAX_WHERE_CONDITIONS} conditions`)
      checkValue(walk, field, key, operator, operand, depth)
    }
  }
}

/**
 * What is wrong with a `where` a client sent, in words, or undefined. It must
 * be an object of `and`/`or` lists and field conditions, each naming one of
 * Payload's operators with a value of the right shape (a single value, a
 * list for `in`, true or false for `exists`), at most MAX_WHERE_DEPTH levels
 * deep and MAX_WHERE_CONDITIONS conditions long. With `fields` (those of the
 * collection queried), location operators are also checked to be on point
 * fields. Whether the caller may query each field is Payload's own check,
 * which comes after.
 */
export function whereProblem(where: unknown, fields?: readonly FlattenedField[], label = 'where'): string | undefined {
  try {
    checkWhereAt({ conditions: 0, fields }, where, label, 0)
    return undefined
  } catch (error) {
    if (error instanceof WhereProblem) return error.message
    throw error
  }
}

type QueryArgs = { joins?: unknown; where?: unknown }

function checkQueryArgs(args: QueryArgs, fields: readonly FlattenedField[] | undefined): void {
  // An empty `where=` means no filter, as Payload has always read it.
  const problems = [args.where === undefined || args.where === '' ? undefined : whereProblem(args.where, fields)]
  if (isPlainObject(args.joins)) {
    for (const [path, join] of Object.entries(args.joins)) {
      if (isPlainObject(join) && join.where !== undefined) problems.push(whereProblem(join.where, undefined, `joins[${path}][where]`))
    }
  }
  const problem = problems.find(Boolean)
  if (problem) throw new ClientError(problem)
}

function fromClient(overrideAccess: boolean | undefined, req: PayloadRequest): boolean {
  return !overrideAccess && req.payloadAPI !== 'local'
}

/**
 * Refuses, with a 400 naming the problem, a malformed, unknown-operator,
 * too deep or too long `where` (and `joins[…][where]`) sent to a collection
 * over REST or GraphQL, for every operation that takes one (lists, counts,
 * versions, updates and deletes by query), before the database sees it.
 */
export const checkWhereQueries: CollectionBeforeOperationHook = async ({ args, collection, overrideAccess, req }) => {
  if (args && fromClient(overrideAccess, req)) {
    checkQueryArgs(args as QueryArgs, collection.flattenedFields)
    // Filters on join fields apply the joined collection's read access (src/hooks/joinFilterAccess.ts).
    await refuseUnreadableJoinFilters((args as QueryArgs).where, collection.flattenedFields, req)
  }
  return args
}

/** The same for the versions of globals. */
export const checkGlobalWhereQueries: GlobalBeforeOperationHook = ({ args, global, overrideAccess, req }) => {
  if (args && fromClient(overrideAccess, req)) checkQueryArgs(args as QueryArgs, global.flattenedFields)
  return args
}
