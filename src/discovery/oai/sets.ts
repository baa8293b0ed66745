import type { Payload } from 'payload'

/** What a section looks like read in every language at once (`locale: 'all'`). */
type Localized<T> = Partial<Record<string, T>>
type Breadcrumb = { doc?: null | number | string | { id: number | string }; label?: null | string; url?: null | string }
type StoredSection = {
  breadcrumbs?: Localized<Breadcrumb[] | null> | null
  description?: Localized<null | string> | null
  id: number | string
  title?: Localized<null | string> | null
}

/** A journal section as an OAI-PMH set. */
export type JournalSet = {
  /** Per language. */
  descriptions: Localized<string>
  names: Localized<string>
  sectionId: string
  /** The section's path with colons: `journals:master-forum`. */
  spec: string
}

/** The set hierarchy: every section readers can see, by spec. */
export type SetHierarchy = {
  bySection: Map<string, JournalSet>
  bySpec: Map<string, JournalSet>
  /** In spec order, so that each parent comes before its children. */
  sets: JournalSet[]
}

/** The setSpec syntax of the protocol (section 2.7.1). */
export const SET_SPEC = /^[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*$/

/** A section's breadcrumb URL (`/journals/master-forum`) as a setSpec (`journals:master-forum`). */
export function setSpecOfPath(path: string): string | undefined {
  const spec = path.split('/').filter(Boolean).join(':')
  return SET_SPEC.test(spec) ? spec : undefined
}

/**
 * The setSpecs of a section and of every section above it, from its
 * breadcrumbs: a record in `journals:master-forum` is in `journals` too.
 */
export function setSpecsOfBreadcrumbs(breadcrumbs: readonly Breadcrumb[] | null | undefined): string[] {
  return (breadcrumbs ?? []).map((crumb) => setSpecOfPath(crumb.url ?? '')).filter((spec): spec is string => spec !== undefined)
}

function present(values: Localized<null | string> | null | undefined): Localized<string> {
  const result: Localized<string> = {}
  for (const [locale, value] of Object.entries(values ?? {})) {
    if (typeof value === 'string' && value.trim()) result[locale] = value.trim()
  }
  return result
}

/** Sections are few: the whole tree is read at once, as readers see it (active branches only). */
const MAX_SECTIONS = 1000

export async function loadSetHierarchy(payload: Payload, defaultLocale: string): Promise<SetHierarchy> {
  const found = await payload.find({
    collection: 'sections',
    depth: 0,
    limit: MAX_SECTIONS,
    locale: 'all',
    overrideAccess: false,
    pagination: false,
    select: { breadcrumbs: true, description: true, title: true },
  })
  const sets: JournalSet[] = []
  for (const section of found.docs as unknown as StoredSection[]) {
    const breadcrumbs = section.breadcrumbs?.[defaultLocale] ?? Object.values(section.breadcrumbs ?? {}).find((list) => list?.length)
    const spec = setSpecOfPath(breadcrumbs?.at(-1)?.url ?? '')
    if (!spec) continue
    sets.push({ descriptions: present(section.description), names: present(section.title), sectionId: String(section.id), spec })
  }
  sets.sort((a, b) => (a.spec < b.spec ? -1 : a.spec > b.spec ? 1 : 0))
  return {
    bySection: new Map(sets.map((set) => [set.sectionId, set])),
    bySpec: new Map(sets.map((set) => [set.spec, set])),
    sets,
  }
}

/** The setSpecs of a record in a section: the section's and its ancestors', as far as readers see them. */
export function setSpecsOfSection(hierarchy: SetHierarchy, sectionId: null | string | undefined): string[] {
  const set = sectionId ? hierarchy.bySection.get(sectionId) : undefined
  if (!set) return []
  const parts = set.spec.split(':')
  return parts.map((_part, index) => parts.slice(0, index + 1).join(':')).filter((spec) => hierarchy.bySpec.has(spec))
}

/** The sections of a set's branch: the set's own section and every one below it. */
export function sectionIdsOfSet(hierarchy: SetHierarchy, spec: string): string[] {
  return hierarchy.sets.filter((set) => set.spec === spec || set.spec.startsWith(`${spec}:`)).map((set) => set.sectionId)
}
