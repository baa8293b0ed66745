import {
  GraphQLError,
  isObjectType,
  Kind,
  type GraphQLField,
  type GraphQLObjectType,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql'

/**
 * What one database command weighs in a query's cost: as much as a field of
 * each of 100 documents (the largest page a list returns), so a query that
 * runs its own database queries is priced like the lists they read.
 */
export const DATABASE_COMMAND_COST = 100

/**
 * The most root fields that run database queries of their own (the search,
 * the website's page queries) one GraphQL request may hold: aliases count
 * each. A page of the website needs one or two; five lets a request cost at
 * most a few times its REST equivalent.
 */
export const MAX_DATABASE_QUERIES = 5

/**
 * Marks a custom root query with the database commands one call of it runs
 * (counted with driver command monitoring: test/delivery/databaseCommands.spec.ts).
 */
export function databaseWork(commands: number): { databaseCommands: number } {
  return { databaseCommands: commands }
}

/** The database commands a field runs itself, when it says so (see databaseWork). */
export function databaseCommandsOf(field: GraphQLField<unknown, unknown>): number | undefined {
  const commands = (field.extensions as undefined | { databaseCommands?: unknown })?.databaseCommands
  return typeof commands === 'number' ? commands : undefined
}

/** The root fields of an operation that run database queries of their own, through fragments too. */
function databaseQueryCount(context: ValidationContext, selectionSet: SelectionSetNode, root: GraphQLObjectType, spread: Set<string>): number {
  let count = 0
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const field = root.getFields()[selection.name.value]
      if (field && databaseCommandsOf(field) !== undefined) count += 1
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += databaseQueryCount(context, selection.selectionSet, root, spread)
    } else {
      const fragment = context.getFragment(selection.name.value)
      if (!fragment || spread.has(selection.name.value)) continue
      spread.add(selection.name.value)
      count += databaseQueryCount(context, fragment.selectionSet, root, spread)
    }
  }
  return count
}

/** Refuses an operation holding more than `max` root fields that run database queries of their own. */
export function databaseQueryLimit(max: number = MAX_DATABASE_QUERIES): ValidationRule {
  return (context) => ({
    OperationDefinition(operation: OperationDefinitionNode) {
      const root = operation.operation === 'query' ? context.getSchema().getQueryType() : undefined
      if (!root || !isObjectType(root)) return
      const count = databaseQueryCount(context, operation.selectionSet, root, new Set())
      if (count > max) {
        context.reportError(
          new GraphQLError(
            `The query asks for ${count} searches or page queries (aliases count each); the most one request may hold is ${max}: send the others in further requests.`,
            { extensions: { code: 'QUERY_TOO_COMPLEX' }, nodes: [operation] },
          ),
        )
      }
    },
  })
}
