/**
 * A document's version: when the state a save starts from last changed, in
 * milliseconds of its `updatedAt`. For a drafts-enabled collection that is its
 * newest version, draft or published, as Payload starts an update from it;
 * Payload's answers carry it too (a save's answer, a read with `draft=true`),
 * and the admin UI's edit form holds it in its hidden `updatedAt` field.
 */
export function versionOf(doc: unknown): string | undefined {
  const updatedAt = typeof doc === 'object' && doc !== null ? (doc as { updatedAt?: unknown }).updatedAt : undefined
  if (typeof updatedAt !== 'string' && !(updatedAt instanceof Date)) return undefined
  const time = new Date(updatedAt).getTime()
  return Number.isNaN(time) ? undefined : String(time)
}

/** The version as a strong entity tag: `"v1764638400123"`. */
export function versionTag(version: string): string {
  return `"v${version}"`
}

/** Whether an If-Match header holds for the stored version (strong comparison: weak tags never match, RFC 9110 13.1.1). */
export function ifMatchHolds(header: string, version: string | undefined): boolean {
  const tags = header.split(',').map((tag) => tag.trim())
  if (tags.includes('*')) return version !== undefined
  return version !== undefined && tags.includes(versionTag(version))
}
