import type { PayloadRequest, Where } from 'payload'

import type { Redirect } from '../payload-types'
import type { RedirectTarget } from './targets'

export const REDIRECTS_SLUG = 'redirects'

/** Where a redirect came from. */
export const REDIRECT_ORIGINS = ['automatic', 'manual', 'import'] as const
export type RedirectOrigin = (typeof REDIRECT_ORIGINS)[number]

/** Set on the CMS's own writes of redirects: they keep the rules themselves, so the checks of an editor's save are skipped. */
export const REDIRECTS_BOOKKEEPING = 'redirectsBookkeeping'

export type StoredRedirect = {
  from: string
  id: number | string
  origin?: null | RedirectOrigin
  to?: null | RedirectTarget
  type?: null | string
}

/** A page that moved: its old path now leads to `to` (a path, or a document wherever it is). */
export type Move = { from: string; origin: RedirectOrigin; to: RedirectTarget }

export const pathTarget = (url: string): RedirectTarget => ({ type: 'custom', url })

const sameTarget = (a: RedirectTarget | null | undefined, b: RedirectTarget): boolean =>
  (a?.type ?? 'custom') === b.type &&
  (b.type === 'custom'
    ? a?.url === b.url
    : a?.reference?.relationTo === b.reference?.relationTo && String(a?.reference?.value) === String(b.reference?.value) && a?.locale === b.locale)

/** The `to` group as it is written: only what its kind uses. */
export function targetData(target: RedirectTarget): Redirect['to'] {
  const data: RedirectTarget =
    target.type === 'reference'
      ? { locale: target.locale, reference: target.reference, type: 'reference', url: null }
      : { locale: null, reference: null, type: 'custom', url: target.url }
  return data as Redirect['to']
}

/** Redirects whose `from` is one of these paths, or that lead to one of these paths. */
export async function redirectsTouching(req: PayloadRequest, { from, leadingTo }: { from: string[]; leadingTo: string[] }): Promise<StoredRedirect[]> {
  const conditions: Where[] = []
  if (from.length) conditions.push({ from: { in: from } })
  if (leadingTo.length) conditions.push({ and: [{ 'to.type': { equals: 'custom' } }, { 'to.url': { in: leadingTo } }] })
  if (!conditions.length) return []
  const { docs } = await req.payload.find({
    collection: REDIRECTS_SLUG,
    context: { [REDIRECTS_BOOKKEEPING]: true },
    depth: 0,
    overrideAccess: true,
    pagination: false,
    req,
    where: conditions.length === 1 ? conditions[0] : { or: conditions },
  })
  return docs as unknown as StoredRedirect[]
}

const bookkeeping = { context: { [REDIRECTS_BOOKKEEPING]: true }, depth: 0, overrideAccess: true } as const

/**
 * Keeps the redirects right after pages moved, in the save's request (its
 * transaction where the database has them), in one read of the redirects
 * involved and one write per redirect that changes:
 *
 * - a path that is live now (`live`, the new paths of what moved among them)
 *   leads nowhere: a redirect from it is removed, so a page that got its old
 *   address back is served again, and no redirect can lead back to a page's
 *   own address (no loops);
 * - each move records (or updates) a redirect from the old path;
 * - a redirect that led to a moved page's old path now leads where the page
 *   went (no chains: a → b and b → c make a → c).
 */
export async function recordMoves(req: PayloadRequest, moves: readonly Move[], live: readonly string[]): Promise<void> {
  const livePaths = new Set([...live, ...moves.flatMap((move) => (move.to.type === 'custom' && move.to.url ? [move.to.url] : []))])
  const movedFrom = new Map(moves.filter((move) => !livePaths.has(move.from)).map((move) => [move.from, move]))
  if (!livePaths.size && !movedFrom.size) return
  const touched = await redirectsTouching(req, { from: [...livePaths, ...movedFrom.keys()], leadingTo: [...movedFrom.keys()] })
  const gone = new Set<string>()
  const remove = async (redirect: StoredRedirect) => {
    if (gone.has(String(redirect.id))) return
    gone.add(String(redirect.id))
    await req.payload.delete({ ...bookkeeping, collection: REDIRECTS_SLUG, id: redirect.id, req })
  }

  for (const redirect of touched) if (livePaths.has(redirect.from)) await remove(redirect)

  for (const redirect of touched) {
    if (gone.has(String(redirect.id)) || redirect.to?.type === 'reference') continue
    const move = redirect.to?.url ? movedFrom.get(redirect.to.url) : undefined
    if (!move || movedFrom.has(redirect.from)) continue
    await req.payload.update({ ...bookkeeping, collection: REDIRECTS_SLUG, data: { to: targetData(move.to) }, id: redirect.id, req })
  }

  for (const move of movedFrom.values()) {
    const existing = touched.find((redirect) => redirect.from === move.from && !gone.has(String(redirect.id)))
    if (existing) {
      // An editor's redirect from the old path stays as the editor made it.
      if (existing.origin === 'manual' || (sameTarget(existing.to, move.to) && existing.type === '301')) continue
      await req.payload.update({
        ...bookkeeping,
        collection: REDIRECTS_SLUG,
        data: { origin: move.origin, to: targetData(move.to), type: '301' },
        id: existing.id,
        req,
      })
      continue
    }
    await req.payload.create({
      ...bookkeeping,
      collection: REDIRECTS_SLUG,
      data: { from: move.from, origin: move.origin, to: targetData(move.to), type: '301' },
      req,
    })
  }
}
