import type { PayloadRequest } from 'payload'

import type { PreviewEnvironment } from './settings'
import { DEFAULT_LOCALE, isLocale } from '../policy/languages'
import { can } from '../policy/roles'
import { fillPreviewPath, type PreviewCollection } from './previewPaths'
import { encodePreviewToken, previewExpiry } from './previewToken'

type PreviewedDocument = {
  breadcrumbs?: null | { url?: null | string }[]
  id?: number | string
  slug?: null | string
}

/** The document's section path (its last breadcrumb's URL), for `{path}`. */
function sectionPathOf(doc: PreviewedDocument): string | undefined {
  const url = doc.breadcrumbs?.at(-1)?.url
  return typeof url === 'string' && url ? url : undefined
}

/**
 * The website URL that previews a document for the signed-in user, with a
 * fresh preview token; null (no preview button or pane) for anyone who may
 * not preview or read that document, for a document not saved yet, and for
 * a collection whose preview is off. Called by the admin UI each time it
 * shows or saves the document (src/preview/plugin.ts).
 */
export async function previewUrlFor(
  environment: PreviewEnvironment,
  collection: PreviewCollection,
  doc: PreviewedDocument,
  locale: null | string | undefined,
  req: PayloadRequest,
): Promise<null | string> {
  const template = environment.paths[collection]
  const { user } = req
  if (!template || !user || !can(user, 'preview') || doc.id === undefined || doc.id === null) return null
  // The access rules of the user decide: a contributor previews its own drafts only.
  const { totalDocs } = await req.payload.count({
    collection,
    overrideAccess: false,
    req,
    where: { id: { equals: doc.id } },
  })
  if (totalDocs === 0) return null

  const language = isLocale(locale) ? locale : DEFAULT_LOCALE
  const token = encodePreviewToken(
    {
      collection,
      expiresAt: previewExpiry(environment.tokenTtlSeconds),
      id: String(doc.id),
      locale: language,
      userId: String(user.id),
    },
    req.payload.secret,
  )
  const path = fillPreviewPath(template, {
    id: String(doc.id),
    locale: language,
    path: collection === 'sections' ? sectionPathOf(doc) : undefined,
    slug: doc.slug ?? '',
    token,
  })
  return `${environment.websiteUrl}${path}`
}
