import { Kind, parse, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql'

/**
 * The most fields a GraphQL document may stand for once its fragments are
 * spread out. A short document whose fragments each spread the one before
 * twice stands for 2^levels fields; the cost estimate Payload adds to the
 * validation rules walks every one of them, and would hold the server for
 * minutes before our own cost rule's refusal is sent.
 */
export const MAX_EXPANDED_FIELDS = 50_000

/** What a document stands for once its fragments are spread out. */
export type FragmentExpansion = {
  /** A fragment that spreads itself, directly or through others (`A → B → A`), if any. */
  cycle?: string[]
  /** How many fields the operations select, each fragment counted once. */
  fields: number
}

/** How many fields the document's operations select once every fragment spread is expanded, and any fragment cycle. */
export function expandFragments(document: DocumentNode): FragmentExpansion {
  const fragments = new Map<string, FragmentDefinitionNode>()
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition)
  }
  const sizes = new Map<string, number>()
  const visiting: string[] = []
  let cycle: string[] | undefined
  const count = (selectionSet: SelectionSetNode | undefined): number => {
    if (!selectionSet) return 0
    let total = 0
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) total += 1 + count(selection.selectionSet)
      else if (selection.kind === Kind.INLINE_FRAGMENT) total += count(selection.selectionSet)
      else {
        const name = selection.name.value
        const fragment = fragments.get(name)
        if (!fragment) continue
        // GraphQL's own rules would report a cycle, but the cost estimates run beside them and would
        // follow it until the stack ran out: it is refused before any rule runs.
        if (visiting.includes(name)) {
          cycle ??= [...visiting.slice(visiting.indexOf(name)), name]
          continue
        }
        if (!sizes.has(name)) {
          visiting.push(name)
          sizes.set(name, count(fragment.selectionSet))
          visiting.pop()
        }
        total += sizes.get(name) ?? 0
      }
    }
    return total
  }
  let fields = 0
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) fields += count(definition.selectionSet)
  }
  // A fragment no operation spreads can still spread itself; GraphQL's rules walk every fragment.
  for (const fragment of fragments.values()) if (!sizes.has(fragment.name.value)) count({ kind: Kind.SELECTION_SET, selections: [{ kind: Kind.FRAGMENT_SPREAD, name: fragment.name }] })
  return { cycle, fields }
}

function refusal(message: string, code: string): Response {
  return Response.json({ errors: [{ extensions: { code }, message }] }, { status: 400 })
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
 * MAX_EXPANDED_FIELDS fields, or with a fragment that spreads itself, is
 * refused with 400 before any validation rule runs. Anything it cannot read
 * is left to the handler, which explains.
 */
export function withFragmentExpansionLimit<Rest extends unknown[]>(
  handler: (request: Request, ...rest: Rest) => Promise<Response>,
): (request: Request, ...rest: Rest) => Promise<Response> {
  return async (request, ...rest) => {
    const query = await queryOf(request)
    if (typeof query !== 'string') return handler(request, ...rest)
    let document: DocumentNode
    let expansion: FragmentExpansion
    try {
      document = parse(query)
      expansion = expandFragments(document)
    } catch (error) {
      // Selections nested tens of thousands deep exhaust the stack of any reader of the document.
      if (error instanceof RangeError) return refusal('The query nests too deeply to be read: ask for fewer levels.', 'GRAPHQL_PARSE_FAILED')
      return handler(request, ...rest)
    }
    const { cycle, fields } = expansion
    if (cycle) {
      return refusal(`Fragment ${cycle[0]} spreads itself (${cycle.join(' → ')}): a fragment cannot contain itself.`, 'GRAPHQL_VALIDATION_FAILED')
    }
    if (fields > MAX_EXPANDED_FIELDS) {
      return refusal(`The query stands for ${fields} fields once its fragments are spread out; the most allowed is ${MAX_EXPANDED_FIELDS}.`, 'QUERY_TOO_COMPLEX')
    }
    return handler(request, ...rest)
  }
}
