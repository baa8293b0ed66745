import { Kind, parse, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql'

/**
 * The most fields a GraphQL document may stand for once its fragments are
 * spread out. A short document whose fragments each spread the one before
 * twice stands for 2^levels fields; the cost estimate Payload adds to the
 * validation rules walks every one of them, and would hold the server for
 * minutes before our own cost rule's refusal is sent.
 */
export const MAX_EXPANDED_FIELDS = 50_000

/** How many fields the document's operations select once every fragment spread is expanded (each fragment counted once). */
export function expandedFieldCount(document: DocumentNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>()
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition)
  }
  const sizes = new Map<string, number>()
  const visiting = new Set<string>()
  const count = (selectionSet: SelectionSetNode | undefined): number => {
    if (!selectionSet) return 0
    let total = 0
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) total += 1 + count(selection.selectionSet)
      else if (selection.kind === Kind.INLINE_FRAGMENT) total += count(selection.selectionSet)
      else {
        const name = selection.name.value
        const fragment = fragments.get(name)
        // A cycle is reported by GraphQL's own rules; it is not followed here.
        if (!fragment || visiting.has(name)) continue
        if (!sizes.has(name)) {
          visiting.add(name)
          sizes.set(name, count(fragment.selectionSet))
          visiting.delete(name)
        }
        total += sizes.get(name) ?? 0
      }
    }
    return total
  }
  let total = 0
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) total += count(definition.selectionSet)
  }
  return total
}

async function queryOf(request: Request): Promise<unknown> {
  if (request.method === 'GET') return new URL(request.url).searchParams.get('query')
  try {
    const body = (await request.clone().json()) as unknown
    return body && typeof body === 'object' && !Array.isArray(body) ? (body as { query?: unknown }).query : undefined
  } catch {
    return undefined
  }
}

/**
 * Wraps the GraphQL route: a document standing for more than
 * MAX_EXPANDED_FIELDS fields is refused with 400 before any validation rule
 * runs. Anything it cannot read is left to the handler, which explains.
 */
export function withFragmentExpansionLimit<Rest extends unknown[]>(
  handler: (request: Request, ...rest: Rest) => Promise<Response>,
): (request: Request, ...rest: Rest) => Promise<Response> {
  return async (request, ...rest) => {
    const query = await queryOf(request)
    if (typeof query !== 'string') return handler(request, ...rest)
    let document: DocumentNode
    try {
      document = parse(query)
    } catch {
      return handler(request, ...rest)
    }
    const fields = expandedFieldCount(document)
    if (fields > MAX_EXPANDED_FIELDS) {
      const message = `The query stands for ${fields} fields once its fragments are spread out; the most allowed is ${MAX_EXPANDED_FIELDS}.`
      return Response.json({ errors: [{ extensions: { code: 'QUERY_TOO_COMPLEX' }, message }] }, { status: 400 })
    }
    return handler(request, ...rest)
  }
}
