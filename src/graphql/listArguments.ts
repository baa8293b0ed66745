import { getArgumentValues, GraphQLError, type FieldNode, type ValidationRule } from 'graphql'

import { whereProblem } from '../hooks/checkWhereQueries'
import { MAX_DEPTH, MAX_LIMIT, MAX_PAGE } from '../hooks/limitReadQueries'

type Variables = Record<string, unknown>

function isWholeNumberIn(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
}

/** The first problem with a field's list arguments, in words, or undefined. */
function problemWith(args: Record<string, unknown>, fieldName: string, isJoin: boolean, hasLimit: boolean): string | undefined {
  const { count, depth, limit, page, pagination, where } = args
  if (hasLimit && limit !== undefined && limit !== null && !isWholeNumberIn(limit, 1, MAX_LIMIT)) {
    // `count: true, limit: 0` asks a join for its number of documents only.
    if (!(isJoin && count === true && limit === 0)) return `${fieldName}: limit must be a whole number from 1 to ${MAX_LIMIT} (got ${String(limit)})`
  }
  if (isJoin && (limit === undefined || limit === null)) {
    return `${fieldName}: give a limit from 1 to ${MAX_LIMIT} (without one, a join returns every related document)`
  }
  if (page !== undefined && page !== null && !isWholeNumberIn(page, 1, MAX_PAGE)) {
    return `${fieldName}: page must be a whole number from 1 to ${MAX_PAGE} (got ${String(page)})`
  }
  if (pagination === false) {
    return `${fieldName}: pagination cannot be turned off; ask for pages of at most ${MAX_LIMIT} with limit and page`
  }
  if (depth !== undefined && depth !== null && !isWholeNumberIn(depth, 0, MAX_DEPTH)) {
    return `${fieldName}: depth must be a whole number from 0 to ${MAX_DEPTH} (got ${String(depth)})`
  }
  const badWhere = where === undefined || where === null ? undefined : whereProblem(where)
  if (badWhere) return `${fieldName}: ${badWhere}`
  return undefined
}

/**
 * The same caps as REST (src/hooks/limitReadQueries.ts), checked before a
 * GraphQL query runs so it is refused whole: `limit` 1–100, `page` at most
 * 10 000, `pagination: false` refused, rich text `depth` 0–3, and every join
 * given a limit (GraphQL joins otherwise return all their documents), and
 * `where` no deeper or longer than REST allows (src/hooks/checkWhereQueries.ts).
 */
export function listArgumentLimits(variables: Variables = {}): ValidationRule {
  return (context) => ({
    Field(node: FieldNode) {
      const field = context.getFieldDef()
      if (!field || field.args.length === 0) return
      let args: Record<string, unknown>
      try {
        args = getArgumentValues(field, node, variables)
      } catch {
        return
      }
      const isJoin = (field.extensions as { field?: { type?: string } } | undefined)?.field?.type === 'join'
      const hasLimit = field.args.some((argument) => argument.name === 'limit')
      const problem = problemWith(args, node.alias?.value ?? node.name.value, isJoin, hasLimit)
      if (problem) context.reportError(new GraphQLError(problem, { extensions: { code: 'BAD_USER_INPUT' }, nodes: [node] }))
    },
  })
}
