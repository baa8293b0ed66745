import type { CollectionAfterChangeHook, CollectionBeforeChangeHook, PayloadRequest } from 'payload'

import { storedBeforeSave } from '../database/storedDocument'
import { takeFormerAddresses } from '../lib/formerAddresses'
import { DEFAULT_LOCALE, isLocale, LOCALES } from '../policy/languages'
import { isPublished, isShownSection } from '../policy/readerVisibility'
import { type Move, recordMoves } from './bookkeeping'
import { keepingRequestState } from '../lib/keepingRequestState'
import { currentWebsitePaths, documentPath, type PageDocument, type TargetCollection } from './targets'
import { normalizedOrUndefined } from './websitePath'

type Paths = Record<string, string>

/** Whether readers could see the document in this state: a published article, a section shown on the website, any author. */
function visible(collection: TargetCollection, doc: PageDocument): boolean {
  if (collection === 'articles') return isPublished(doc)
  if (collection === 'sections') return isShownSection(doc)
  return true
}

/**
 * The document's public path in each language, or null when readers could
 * not see it. Articles are served in every language (a language not
 * released falls back to another), so each has a path per language.
 */
function publicPaths(collection: TargetCollection, doc: null | PageDocument | undefined): null | Paths {
  if (!doc || !visible(collection, doc)) return null
  const paths = currentWebsitePaths()
  const found: Paths = {}
  for (const locale of LOCALES) {
    const path = documentPath(collection, doc, locale, paths)
    if (path) found[locale] = path
  }
  return found
}

/** Per request: the public paths of drafts-enabled documents before their save. */
const pathsBeforeSave = new WeakMap<PayloadRequest, Map<string, null | Paths>>()

function remembered(req: PayloadRequest): Map<string, null | Paths> {
  let map = pathsBeforeSave.get(req)
  if (!map) {
    map = new Map()
    pathsBeforeSave.set(req, map)
  }
  return map
}

async function applyChanges(req: PayloadRequest, before: null | Paths, after: null | Paths): Promise<void> {
  if (!after) return
  const moves: Move[] = []
  const live: string[] = []
  for (const [locale, path] of Object.entries(after)) {
    const old = before?.[locale]
    if (old === path) continue
    live.push(path)
    if (old) moves.push({ from: old, origin: 'automatic', to: { type: 'custom', url: path } })
  }
  if (moves.length || live.length) await keepingRequestState(req, () => recordMoves(req, moves, live))
}

export type DocumentRedirectHooks = { afterChange: CollectionAfterChangeHook; beforeChange?: CollectionBeforeChangeHook }

/**
 * The hooks that record redirects when a page's public path changes: an
 * article's slug once the change is published, a section's slug or place in
 * the tree (the nested-docs plugin saves each section below a moved one
 * again, so their paths follow one by one), an author's slug. Only what
 * readers could have seen: the published article before and after the save
 * (drafts never had a public path), a section shown before and after.
 * A document that takes a path (created, published, renamed, back to an old
 * slug) removes any redirect from it. The importer's old addresses of a
 * page (src/lib/formerAddresses.ts) become redirects to the article in the
 * language of the save, wherever the article is later.
 */
export function documentRedirectHooks(collection: TargetCollection, drafts: boolean): DocumentRedirectHooks {
  const key = (id: number | string) => `${collection}:${id}`

  const beforeChange: CollectionBeforeChangeHook = async ({ data, operation, originalDoc, req }) => {
    if (operation !== 'update' || !originalDoc?.id) return data
    // The published version readers got, not the draft the editor worked on.
    const stored = (await storedBeforeSave(req, collection, originalDoc.id)) as null | PageDocument
    remembered(req).set(key(originalDoc.id), publicPaths(collection, stored))
    return data
  }

  const afterChange: CollectionAfterChangeHook = async ({ context, doc, operation, previousDoc, req }) => {
    const former = collection === 'articles' ? takeFormerAddresses(context) : []
    if (former.length) await recordFormerAddresses(req, doc as PageDocument, former)

    let before: null | Paths
    if (drafts) {
      before = operation === 'update' ? (remembered(req).get(key(doc.id)) ?? null) : null
      remembered(req).delete(key(doc.id))
      // A draft saved over the published version changes nothing readers see.
      if (!visible(collection, doc as PageDocument)) return doc
    } else {
      before = operation === 'update' ? publicPaths(collection, previousDoc as PageDocument) : null
    }
    await applyChanges(req, before, publicPaths(collection, doc as PageDocument))
    return doc
  }

  return { afterChange, beforeChange: drafts ? beforeChange : undefined }
}

/** An imported page's old addresses, each leading to the article in the language it was saved in. */
async function recordFormerAddresses(req: PayloadRequest, doc: PageDocument, addresses: string[]): Promise<void> {
  const locale = isLocale(req.locale) ? req.locale : DEFAULT_LOCALE
  const moves: Move[] = []
  for (const address of addresses) {
    const from = normalizedOrUndefined(address)
    if (!from) {
      req.payload.logger.warn(`The old address "${address}" of article ${doc.id} is not a path: no redirect recorded`)
      continue
    }
    moves.push({ from, origin: 'import', to: { locale, reference: { relationTo: 'articles', value: doc.id }, type: 'reference' } })
  }
  if (moves.length) await keepingRequestState(req, () => recordMoves(req, moves, []))
}
