import { NoSchemaIntrospectionCustomRule, type ExecutionArgs, type ValidationRule } from 'graphql'

import type { GraphqlLimits } from '../settings/environment'
import { databaseQueryLimit } from './databaseWork'
import { depthLimit } from './depthLimit'
import { listArgumentLimits } from './listArguments'
import { queryCostLimit } from './queryCost'

/**
 * The rules every GraphQL operation passes before it runs (config
 * `graphQL.validationRules`): nesting depth, cost, how many searches and
 * page queries one request holds, the list arguments'
 * caps, and, when introspection is off, no `__schema` or `__type`.
 */
export function graphqlValidationRules(limits: GraphqlLimits): (args: ExecutionArgs) => ValidationRule[] {
  return (args) => {
    const variables = (args.variableValues ?? {}) as Record<string, unknown>
    return [
      depthLimit(limits.maxDepth),
      queryCostLimit(limits.maxComplexity, variables),
      databaseQueryLimit(),
      listArgumentLimits(variables),
      ...(limits.introspection ? [] : [NoSchemaIntrospectionCustomRule]),
    ]
  }
}
