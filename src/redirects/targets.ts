import type { PayloadRequest } from 'payload'

import { websitePaths, type WebsitePaths } from '../lib/websitePaths'
import { DEFAULT_LOCALE, isLocale } from '../policy/languages'
import { readWebsitePathTemplates } from '../settings/environment'

/** The collections a redirect may lead to: pages of the website. */
export const TARGET_COLLECTIONS = ['articles', 'authors', 'sections'] as const
export type TargetCollection = (typeof TARGET_COLLECTIONS)[number]

/** Where a redirect leads, as stored in its `to` group. */
export type RedirectTarget = {
  /** The website's language of the page, for a document. */
  locale?: null | string
  reference?: null | { relationTo: string; value: unknown }
  type?: 'custom' | 'reference' | null
  url?: null | string
}

/** A document as a read or a hook has it. */
export type PageDocument = { [field: string]: unknown; id: number | string }

/** The website's paths as the WEBSITE_*_PATH settings make them now. */
export function currentWebsitePaths(): WebsitePaths {
  return websitePaths(readWebsitePathTemplates())
}

function valueIn(value: unknown, locale: string): string | undefined {
  if (typeof value === 'string') return value || undefined
  if (value && typeof value === 'object') {
    const translated = (value as Record<string, unknown>)[locale] ?? (value as Record<string, unknown>)[DEFAULT_LOCALE]
    return typeof translated === 'string' && translated ? translated : undefined
  }
  return undefined
}

type Breadcrumb = { url?: null | string }

/** A section's place in the tree, `/journals/master-forum`: its last breadcrumb's URL (the same in every language), kept by the nested-docs plugin. */
export function sectionUrl(section: PageDocument, locale: string): string | undefined {
  let breadcrumbs = section.breadcrumbs as Breadcrumb[] | Record<string, Breadcrumb[]> | null | undefined
  if (breadcrumbs && !Array.isArray(breadcrumbs)) breadcrumbs = breadcrumbs[locale] ?? Object.values(breadcrumbs).find(Array.isArray)
  // No breadcrumbs (a language not saved yet): where the section sits is not known, so no path is made up.
  return breadcrumbs?.at(-1)?.url || undefined
}

/** The path of a document's page in one language, from its slug (and for sections its place in the tree). */
export function documentPath(collection: TargetCollection, doc: PageDocument, locale: string, paths: WebsitePaths = currentWebsitePaths()): string | undefined {
  if (collection === 'sections') {
    const url = sectionUrl(doc, locale)
    return url ? paths.section(locale, url) : undefined
  }
  const slug = valueIn(doc.slug, locale)
  if (!slug) return undefined
  return collection === 'articles' ? paths.article(locale, slug) : paths.author(locale, slug)
}

export function isTargetCollection(value: unknown): value is TargetCollection {
  return typeof value === 'string' && (TARGET_COLLECTIONS as readonly string[]).includes(value)
}

function idOf(value: unknown): string | undefined {
  if (typeof value === 'string' || typeof value === 'number') return String(value)
  if (value && typeof value === 'object' && 'id' in value) return idOf((value as { id: unknown }).id)
  return undefined
}

/** The document a target names, as `{ collection, id }`, or undefined for a path. */
export function targetDocument(target: RedirectTarget | null | undefined): undefined | { collection: TargetCollection; id: string } {
  if (target?.type !== 'reference' || !target.reference) return undefined
  const { relationTo, value } = target.reference
  const id = idOf(value)
  return isTargetCollection(relationTo) && id ? { collection: relationTo, id } : undefined
}

const SELECT: Record<TargetCollection, Record<string, true>> = {
  articles: { slug: true },
  authors: { slug: true },
  sections: { breadcrumbs: true, slug: true },
}

/**
 * Where a target leads now: its path, or the current path of the document it
 * names in its language. `asReader`: only a document readers can see (a
 * published article, a section shown on the website), read with the
 * request's own access; otherwise any, for the checks of a save. Undefined
 * when the document is gone (or hidden from readers). One read for a
 * document, none for a path.
 */
export async function targetPath(req: PayloadRequest, target: RedirectTarget | null | undefined, { asReader }: { asReader: boolean }): Promise<string | undefined> {
  if (target?.type !== 'reference') return target?.url ?? undefined
  const named = targetDocument(target)
  if (!named) return undefined
  const locale = isLocale(target.locale) ? target.locale : DEFAULT_LOCALE
  const { docs } = await req.payload.find({
    collection: named.collection,
    depth: 0,
    draft: false,
    limit: 1,
    locale,
    overrideAccess: !asReader,
    pagination: false,
    req,
    select: SELECT[named.collection],
    where: { id: { equals: named.id } },
  })
  const doc = docs[0] as unknown as PageDocument | undefined
  return doc ? documentPath(named.collection, doc, locale) : undefined
}
