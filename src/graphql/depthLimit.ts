import { GraphQLError, Kind, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql'

/** Introspection has its own switch (GRAPHQL_INTROSPECTION); its nesting is not counted. */
const INTROSPECTION_ROOTS = new Set(['__schema', '__type'])

/**
 * How many fields deep a selection set goes: `{ Articles { docs { title } } }`
 * is 3. Fragments count where they are spread; a fragment spread inside
 * itself (which another rule reports) is not followed twice.
 */
function selectionDepth(
  context: ValidationContext,
  selectionSet: SelectionSetNode | undefined,
  spread: ReadonlySet<string>,
  fragmentDepths: Map<string, number> = new Map(),
): number {
  if (!selectionSet) return 0
  let deepest = 0
  for (const selection of selectionSet.selections) {
    let depth = 0
    if (selection.kind === Kind.FIELD) {
      if (INTROSPECTION_ROOTS.has(selection.name.value)) continue
      depth = 1 + selectionDepth(context, selection.selectionSet, spread, fragmentDepths)
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      depth = selectionDepth(context, selection.selectionSet, spread, fragmentDepths)
    } else {
      const name = selection.name.value
      const fragment = context.getFragment(name)
      if (!fragment || spread.has(name)) continue
      // Each fragment is measured once: a fragment spreading another twice, level after level,
      // would otherwise take 2^levels steps to measure.
      const known = fragmentDepths.get(name)
      depth = known ?? selectionDepth(context, fragment.selectionSet, new Set([...spread, name]), fragmentDepths)
      fragmentDepths.set(name, depth)
    }
    deepest = Math.max(deepest, depth)
  }
  return deepest
}

/** Refuses an operation nested more than `maxDepth` fields deep. */
export function depthLimit(maxDepth: number): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const depth = selectionDepth(context, operation.selectionSet, new Set())
      if (depth > maxDepth) {
        context.reportError(
          new GraphQLError(
            `The query is nested ${depth} fields deep; the most allowed is ${maxDepth}. Ask for fewer levels of related documents, or split the query.`,
            { extensions: { code: 'QUERY_TOO_DEEP' }, nodes: [operation] },
          ),
        )
      }
    },
  })
}
