import { type Endpoint, type SelectType } from 'payload'

import { readPreviewEnvironment, type PreviewEnvironment } from './settings'
import type { Locale } from '../policy/languages'
import { can } from '../policy/roles'
import type { PreviewCollection } from './previewPaths'
import { decodePreviewToken } from './previewToken'
import { badRequest, ClientError } from '../http/clientError'

/** Related documents filled in, as on the website's pages. */
const PREVIEW_DEPTH = 1

/**
 * Fields the editor reads in the admin UI that are not the website's to
 * show: who created an article, review notes, the import source, authors'
 * e-mail addresses. Populated authors carry their default fields only (no
 * e-mail) and populated users are left out with `createdBy`.
 */
const STAFF_ONLY_FIELDS: Record<PreviewCollection, SelectType | undefined> = {
  articles: { createdBy: false, legacySource: false, reviewComments: false },
  authors: { email: false },
  sections: undefined,
}

/** Preview answers are personal: never kept by a cache, and the token is not passed on. */
const PRIVATE_HEADERS = { 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer' }

function refused(message: string, status: 401 | 403 | 404): ClientError {
  return new ClientError(message, status)
}

/**
 * GET /api/preview?token=… : the website's preview route exchanges the token
 * from the preview URL for the latest draft of exactly the document it names
 * (depth 1, in the token's language), read with the access of the editor who
 * opened the preview. No API key is needed: the token is the credential.
 * `collection`, `id` and `slug`, when given, must match the document (a
 * token reused on another page is refused). 400 without a token; 401 for a
 * token that is altered, not made here or expired; 403 for another
 * document, a collection without preview, or an account that may no longer
 * read it; 404 when the document was deleted.
 */
export function previewEndpoint(environment: null | PreviewEnvironment = readPreviewEnvironment()): Endpoint {
  return {
    handler: async (req) => {
      const { payload, searchParams } = req
      const token = searchParams.get('token')
      if (!token) throw badRequest('token is required: the preview token the website received in the preview URL')
      const claims = decodePreviewToken(token, payload.secret)
      if (!claims) throw refused('The preview token is not valid: it was altered, or not made by this CMS', 401)
      if (claims.expiresAt * 1000 <= Date.now()) {
        throw refused(`The preview token expired at ${new Date(claims.expiresAt * 1000).toISOString()}: open the preview again from the admin UI`, 401)
      }
      const collection = searchParams.get('collection')
      if (collection !== null && collection !== claims.collection) {
        throw refused(`This preview token is for a document of ${claims.collection}, not of ${collection}`, 403)
      }
      const id = searchParams.get('id')
      if (id !== null && id !== claims.id) throw refused('This preview token is for another document', 403)
      if (!environment?.paths[claims.collection]) throw refused(`Preview of ${claims.collection} is turned off`, 403)

      const user = await payload
        .findByID({ collection: 'users', depth: 0, disableErrors: true, id: claims.userId, overrideAccess: true })
        .catch(() => null)
      if (!user || !can(user, 'preview')) {
        throw refused('The account that opened this preview may no longer preview drafts', 403)
      }

      const doc = await payload
        .findByID({
          collection: claims.collection,
          depth: PREVIEW_DEPTH,
          disableErrors: true,
          draft: true,
          id: claims.id,
          locale: claims.locale as Locale,
          overrideAccess: false,
          select: STAFF_ONLY_FIELDS[claims.collection],
          user: { ...user, collection: 'users' },
        })
        .catch(() => null)
      if (!doc) {
        const { totalDocs } = await payload.count({ collection: claims.collection, overrideAccess: true, where: { id: { equals: claims.id } } })
        if (totalDocs === 0) throw refused(`The ${claims.collection} document this preview token is for no longer exists`, 404)
        throw refused('The account that opened this preview may no longer read this document', 403)
      }
      const slug = searchParams.get('slug')
      if (slug !== null && slug !== (doc as { slug?: null | string }).slug) throw refused('This preview token is for another document', 403)

      return Response.json(
        {
          collection: claims.collection,
          doc,
          expiresAt: new Date(claims.expiresAt * 1000).toISOString(),
          id: claims.id,
          locale: claims.locale,
        },
        { headers: PRIVATE_HEADERS },
      )
    },
    method: 'get',
    path: '/preview',
  }
}
