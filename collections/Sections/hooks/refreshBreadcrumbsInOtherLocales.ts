import type { CollectionAfterChangeHook, TypedLocale } from 'payload'

import type { Section } from '../../../src/payload-types'
import { LOCALES } from '../../../src/policy/languages'

/** Set while this hook saves a section again, so that save does not start another round. */
const REFRESHING = 'refreshingBreadcrumbsInOtherLocales'

type StoredInAllLocales = { breadcrumbs?: Record<string, unknown>; title?: Record<string, unknown> }

/** Where the breadcrumbs lead (documents and URLs), leaving out the labels, which differ by language. */
function trail(breadcrumbs: Section['breadcrumbs']): string {
  return JSON.stringify((breadcrumbs ?? []).map(({ doc, url }) => [typeof doc === 'object' && doc ? doc.id : doc, url]))
}

/**
 * The nested-docs plugin regenerates breadcrumbs in the language being saved
 * only, but a section's parent and slug are the same in every language. When
 * a save changes where a section sits (a new parent or slug, or a parent's
 * move reaching it through the plugin's resave of children), the section is
 * saved again in each other language that has breadcrumbs of its own, so
 * their URLs follow while their labels stay translated. Languages without
 * their own breadcrumbs fall back to the default language's and need nothing.
 *
 * Local API calls given `req` and a locale or context change them for the
 * rest of the request, so both are put back afterwards.
 */
export const refreshBreadcrumbsInOtherLocales: CollectionAfterChangeHook<Section> = async ({
  context,
  doc,
  operation,
  previousDoc,
  req,
}) => {
  if (operation !== 'update' || context[REFRESHING]) return doc
  if (trail(doc.breadcrumbs) === trail(previousDoc?.breadcrumbs)) return doc

  const { context: requestContext, fallbackLocale, locale } = req
  try {
    const stored = (await req.payload.findByID({
      collection: 'sections',
      depth: 0,
      id: doc.id,
      locale: 'all',
      overrideAccess: true,
      req,
    })) as unknown as StoredInAllLocales
    for (const other of LOCALES) {
      if (other === locale || !stored.breadcrumbs?.[other] || !stored.title?.[other]) continue
      await req.payload.update({
        collection: 'sections',
        context: { [REFRESHING]: true },
        data: {},
        depth: 0,
        id: doc.id,
        locale: other as TypedLocale,
        overrideAccess: true,
        req,
      })
    }
  } finally {
    req.context = requestContext
    req.locale = locale
    req.fallbackLocale = fallbackLocale
  }
  return doc
}
