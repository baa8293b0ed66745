/**
 * Where a document being saved was known before: the addresses it had on an
 * earlier site (an imported page's canonical URL, say). Whoever saves it puts
 * them in the save's context; whoever keeps redirects records them, from each
 * address to the document in the language of the save. The one saving knows
 * nothing of redirects, and the capability keeping them nothing of where the
 * addresses came from.
 */
export const FORMER_ADDRESSES = 'formerAddresses'

/** The context to give a Local API save (beside its own), for one save of one document. */
export function formerAddressesContext(addresses: readonly string[]): Record<typeof FORMER_ADDRESSES, string[]> {
  return { [FORMER_ADDRESSES]: [...addresses] }
}

/**
 * The addresses given for this save, taken out of the context: a request
 * carries its context from one Local API call to the next, and a later save
 * (another language, another document) must not find them again.
 */
export function takeFormerAddresses(context: Record<string, unknown>): string[] {
  const given = context[FORMER_ADDRESSES]
  if (given === undefined) return []
  delete context[FORMER_ADDRESSES]
  return Array.isArray(given) ? given.filter((address): address is string => typeof address === 'string' && address.trim() !== '') : []
}
