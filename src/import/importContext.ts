import type { CollectionSlug, Payload, PayloadRequest } from 'payload'

import { slugify } from '../lib/slugify'

/** Set on every Local API call the importer makes, for hooks that should skip side effects during an import. */
export const IMPORT_CONTEXT = { legacyImport: true } as const

/**
 * What a dry run would have created, so later pages of the same run see it
 * (a section two pages share is "created" once). Entries are staged while a
 * page is imported and kept only when the page succeeds; a real run does not
 * need it, the database has the documents.
 */
export class PlannedDocuments {
  private readonly kept = new Map<string, string>()
  private staged = new Map<string, string>()
  private serial = 0

  get(key: string): string | undefined {
    return this.staged.get(key) ?? this.kept.get(key)
  }

  /** A stand-in id for a document a dry run would create. */
  plan(key: string, label: string): string {
    this.serial += 1
    const id = `(new ${label} ${this.serial})`
    this.staged.set(key, id)
    return id
  }

  keep(): void {
    for (const [key, id] of this.staged) this.kept.set(key, id)
    this.staged = new Map()
  }

  discard(): void {
    this.staged = new Map()
  }
}

/** One page's (or pair's, or footer's) share of a run: the request its writes join, and what it did. */
export type ImportContext = {
  /** What was (or, in a dry run, would be) done, in words: "created section Journals › Master forum". */
  changes: string[]
  dryRun: boolean
  payload: Payload
  planned: PlannedDocuments
  publish: boolean
  req: PayloadRequest
  /** Things an editor should look at that did not stop the import. */
  warnings: string[]
}

/** Whether an id is a dry run's stand-in for a document it did not create. */
export const isPlannedId = (id: string) => id.startsWith('(new ')

/**
 * A slug no document of the collection has yet, from the title: `slug`,
 * then `slug-2`, `slug-3`, … (two different authors can share a name's
 * spelling in pinyin, two articles a title).
 */
export async function freeSlug(context: ImportContext, collection: CollectionSlug, title: string, fallback: string): Promise<string> {
  const base = slugify(title) || fallback
  for (let attempt = 1; ; attempt++) {
    const candidate = attempt === 1 ? base : `${base}-${attempt}`
    if (context.planned.get(`slug:${collection}:${candidate}`)) continue
    const { totalDocs } = await context.payload.count({
      collection,
      overrideAccess: true,
      req: context.req,
      where: { slug: { equals: candidate } },
    })
    if (totalDocs === 0) return candidate
  }
}

/** Reserves a slug a dry run would give a new document, so the next new one of the run gets another. */
export function reserveSlug(context: ImportContext, collection: CollectionSlug, slug: string): void {
  if (context.dryRun) context.planned.plan(`slug:${collection}:${slug}`, 'slug')
}

/** Names compared the way people read them: case, spacing and full-width forms aside. */
export function sameName(a: null | string | undefined, b: null | string | undefined): boolean {
  const normal = (text: null | string | undefined) => (text ?? '').normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()
  return Boolean(a && b) && normal(a) === normal(b)
}
