import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  GraphQLError,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  SchemaMetaFieldDef,
  typeFromAST,
  TypeInfo,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  ValidationContext,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationRule,
} from 'graphql'

import { MAX_LIMIT } from '../hooks/limitReadQueries'
import { DATABASE_COMMAND_COST, databaseCommandsOf } from './databaseWork'

type Variables = Record<string, unknown>

/** Payload's own page size for a list query that gives no `limit`. */
const DEFAULT_PAGE_SIZE = 10

function fieldDefinition(parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (name === '__typename') return TypeNameMetaFieldDef
  if (name === '__schema') return SchemaMetaFieldDef
  if (name === '__type') return TypeMetaFieldDef
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined
}

function argumentsOf(field: GraphQLField<unknown, unknown>, node: FieldNode, variables: Variables): Record<string, unknown> {
  try {
    return getArgumentValues(field, node, variables)
  } catch {
    // A bad argument value is reported by graphql's own rules or at execution.
    return {}
  }
}

function isSkipped(node: { readonly directives?: readonly DirectiveNode[] }, variables: Variables): boolean {
  try {
    const skip = getDirectiveValues(GraphQLSkipDirective, node, variables)
    const include = getDirectiveValues(GraphQLIncludeDirective, node, variables)
    return skip?.if === true || include?.if === false
  } catch {
    return false
  }
}

/**
 * How many documents a list field can return: its `limit` (Payload's list
 * queries and joins), else Payload's default page size; 1 for any other field.
 */
function listSize(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): number {
  if (!field.args.some((argument) => argument.name === 'limit')) return 1
  const limit = args.limit
  if (typeof limit === 'number' && limit > 0) return Math.min(limit, MAX_LIMIT + 1)
  const isJoin = (field.extensions as { field?: { type?: string } } | undefined)?.field?.type === 'join'
  return isJoin ? MAX_LIMIT : DEFAULT_PAGE_SIZE
}

type CostContext = {
  context: ValidationContext
  /** The cost of each fragment on each type, worked out once: see selectionCost. */
  fragmentCosts?: Map<string, number>
  variables: Variables
}

/**
 * The cost of a selection set: each field 1 (a relationship, upload or join
 * 10, Payload's own weights; a custom query DATABASE_COMMAND_COST per database
 * command it runs, src/graphql/databaseWork.ts), plus what is selected below it times the number
 * of documents the field can return. Aliases are separate fields, so asking
 * for the same list under many names costs that many times.
 */
function selectionCost(costContext: CostContext, selectionSet: SelectionSetNode | undefined, parent: GraphQLCompositeType, spread: ReadonlySet<string>): number {
  if (!selectionSet) return 0
  const { context, variables } = costContext
  const fragmentCosts = (costContext.fragmentCosts ??= new Map())
  let total = 0
  for (const selection of selectionSet.selections) {
    if (isSkipped(selection, variables)) continue
    if (selection.kind === Kind.FIELD) {
      const field = fieldDefinition(parent, selection.name.value)
      if (!field) continue
      const args = argumentsOf(field, selection, variables)
      const commands = databaseCommandsOf(field)
      const weight = commands !== undefined ? commands * DATABASE_COMMAND_COST : typeof field.extensions?.complexity === 'number' ? field.extensions.complexity : 1
      const type = getNamedType(field.type)
      const below = isCompositeType(type) ? selectionCost(costContext, selection.selectionSet, type, spread) : 0
      total += weight + listSize(field, args) * below
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition ? typeFromAST(context.getSchema(), selection.typeCondition) : parent
      const type = condition && isCompositeType(condition) ? condition : parent
      total += selectionCost(costContext, selection.selectionSet, type, spread)
    } else {
      const name = selection.name.value
      const fragment = context.getFragment(name)
      if (!fragment || spread.has(name)) continue
      const condition = typeFromAST(context.getSchema(), fragment.typeCondition)
      const type = condition && isCompositeType(condition) ? condition : parent
      // Each fragment is costed once per type: a fragment spreading another twice, level after
      // level, costs 2^levels, and would take as many steps to add up.
      const key = `${name} on ${type.name}`
      const cost = fragmentCosts.get(key) ?? selectionCost(costContext, fragment.selectionSet, type, new Set([...spread, name]))
      fragmentCosts.set(key, cost)
      total += cost
    }
  }
  return total
}

function operationCost(context: ValidationContext, operation: OperationDefinitionNode, variables: Variables): number {
  const schema = context.getSchema()
  const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType()
  return root ? selectionCost({ context, variables }, operation.selectionSet, root, new Set()) : 0
}

/** The cost of each operation of a document, by name (`''` for an anonymous one). */
export function queryCosts(schema: GraphQLSchema, document: DocumentNode, variables: Variables = {}): Record<string, number> {
  const context = new ValidationContext(schema, document, new TypeInfo(schema), () => undefined)
  const costs: Record<string, number> = {}
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) costs[definition.name?.value ?? ''] = operationCost(context, definition, variables)
  }
  return costs
}

/** Refuses an operation whose cost (see selectionCost) is over `maxCost`. */
export function queryCostLimit(maxCost: number, variables: Variables = {}): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const cost = operationCost(context, operation, variables)
      if (cost > maxCost) {
        context.reportError(
          new GraphQLError(
            `The query costs ${cost}; the most allowed is ${maxCost}. Each field counts 1 and each relationship 10, times the limit of every list it is in: ask for fewer documents or fields, or split the query.`,
            { extensions: { code: 'QUERY_TOO_COMPLEX' }, nodes: [operation] },
          ),
        )
      }
    },
  })
}
