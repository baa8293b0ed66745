import { ValidationError, type CollectionAfterChangeHook, type CollectionBeforeChangeHook, type PayloadRequest } from 'payload'

import { REDIRECTS_BOOKKEEPING, REDIRECTS_SLUG, redirectsTouching, type StoredRedirect, targetData } from './bookkeeping'
import { keepingRequestState } from '../lib/keepingRequestState'
import { type RedirectTarget, targetPath } from './targets'

/** A refusal naming the field at fault, as the admin UI shows it beside the field and in its notice. */
function refuse(req: PayloadRequest, path: string, message: string): ValidationError {
  return new ValidationError({ collection: REDIRECTS_SLUG, errors: [{ label: path === 'to.reference' ? 'Page' : 'Path', message, path }], req })
}

const others = (redirects: StoredRedirect[], id: unknown) => redirects.filter((redirect) => id === undefined || String(redirect.id) !== String(id))

/**
 * An editor's save of a redirect (REST, GraphQL, the admin UI) keeps the
 * rules: no loop (a redirect leading, directly or through another, back to
 * where it starts is refused with a 400 naming the loop), no chain (a target
 * that is itself redirected is replaced by where that one leads), and
 * `origin` is "manual" for what a client creates. The CMS's own writes
 * (REDIRECTS_BOOKKEEPING) keep the rules themselves.
 */
export const checkRedirect: CollectionBeforeChangeHook = async ({ context, data, operation, originalDoc, req }) => {
  if (context[REDIRECTS_BOOKKEEPING]) return data
  // A client cannot claim the CMS made a redirect, nor change where one came from.
  data.origin = operation === 'create' ? 'manual' : (originalDoc?.origin ?? 'manual')
  const from = String(data.from ?? originalDoc?.from ?? '')
  const to: RedirectTarget = { ...originalDoc?.to, ...data.to }
  const targetField = to.type === 'reference' ? 'to.reference' : 'to.url'

  return keepingRequestState(req, async () => {
    const target = await targetPath(req, to, { asReader: false })
    if (target === from) {
      throw refuse(req, targetField, to.type === 'reference' ? `The page is at ${from} itself: a redirect from there would lead back to it` : `A redirect cannot lead to its own path (${from})`)
    }
    // One read: what continues from the target, and what leads here.
    const touching = others(await redirectsTouching(req, { from: target ? [target] : [], leadingTo: [from] }), originalDoc?.id)
    let final = target
    const onward = touching.find((redirect) => redirect.from === target)
    if (onward) {
      final = await targetPath(req, onward.to, { asReader: false })
      if (final === from) throw refuse(req, targetField, `This would make a loop: ${from} → ${target} → ${from}`)
      // No chains: lead straight to where the target leads.
      data.to = targetData(onward.to ?? {})
    }
    const back = touching.find((redirect) => redirect.to?.type !== 'reference' && redirect.to?.url === from && redirect.from === final)
    if (back) throw refuse(req, targetField, `This would make a loop: ${final} → ${from} → ${final}`)
    return data
  })
}

/** After an editor's save: redirects that led to this one's `from` now lead where it leads (no chains). */
export const flattenRedirectsLeadingHere: CollectionAfterChangeHook = async ({ context, doc, req }) => {
  if (context[REDIRECTS_BOOKKEEPING]) return doc
  await keepingRequestState(req, async () => {
    const leadingHere = others(await redirectsTouching(req, { from: [], leadingTo: [String(doc.from)] }), doc.id)
    for (const redirect of leadingHere) {
      await req.payload.update({
        collection: REDIRECTS_SLUG,
        context: { [REDIRECTS_BOOKKEEPING]: true },
        data: { to: targetData(doc.to ?? {}) },
        depth: 0,
        id: redirect.id,
        overrideAccess: true,
        req,
      })
    }
  })
  return doc
}
