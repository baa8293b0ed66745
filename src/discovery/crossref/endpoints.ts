import type { Endpoint, PayloadRequest } from 'payload'

import { ClientError, notFound } from '../../http/clientError'
import { LOCALES } from '../../policy/languages'
import { can } from '../../policy/roles'
import { readSiteFacts, firstOf } from '../oai/site'
import { readDepositArticles } from './depositArticles'
import { crossrefDeposit, type DepositArticle } from './depositXml'
import { readCrossrefEnvironment } from './settings'

/** The most articles one section's deposit holds (Crossref takes files of up to about 10 MB). */
export const SECTION_DEPOSIT_LIMIT = 500

function idParam(req: PayloadRequest): string {
  return String(req.routeParams?.id ?? '')
}

/** Registering DOIs is part of publishing: editors and admins only. */
function requirePublisher(req: PayloadRequest, what: string): void {
  if (!req.user) throw new ClientError(`Sign in as an editor to ${what}`, 401)
  if (!can(req.user, 'publish')) throw new ClientError(`Only editors and admins may ${what}`, 403)
}

function depositor() {
  const { depositor, issn } = readCrossrefEnvironment()
  if (!depositor) {
    throw new ClientError(
      'The Crossref export is not set up: the server needs CROSSREF_DEPOSITOR_NAME, CROSSREF_DEPOSITOR_EMAIL and CROSSREF_REGISTRANT (docs/scholarly-metadata.md)',
      409,
    )
  }
  return { depositor, issn }
}

async function journalTitle(req: PayloadRequest): Promise<string> {
  const site = await readSiteFacts(req.payload)
  const title = firstOf(site.journalTitle, LOCALES) ?? firstOf(site.siteName, LOCALES)
  if (!title) throw new ClientError('The site has no journal title yet: set it under Site before exporting to Crossref', 409)
  return title
}

function xmlDownload(xml: string, fileName: string): Response {
  return new Response(xml, {
    headers: {
      'Cache-Control': 'private, no-store',
      'Content-Disposition': `attachment; filename="${fileName}"`,
      'Content-Type': 'application/xml; charset=utf-8',
    },
  })
}

async function deposit(req: PayloadRequest, articles: DepositArticle[], batchName: string): Promise<string> {
  const { depositor: who, issn } = depositor()
  return crossrefDeposit(articles, { batchName, depositor: who, issn, journalTitle: await journalTitle(req), locales: LOCALES, now: new Date() })
}

/**
 * GET /api/articles/{id}/crossref: the Crossref deposit of one published
 * article with a DOI, as a file to upload to Crossref. Refused to readers;
 * 404 for no published article, 409 for one without a DOI.
 */
const articleCrossrefEndpoint: Omit<Endpoint, 'root'> = {
  handler: async (req) => {
    requirePublisher(req, 'export Crossref deposits')
    const id = idParam(req)
    const { articles, withoutDoi } = await readDepositArticles(req.payload, { id: { equals: id } }, 1)
    if (withoutDoi > 0) throw new ClientError('This article has no DOI: give it one (or generate one) and publish it, then export it', 409)
    const article = articles[0]
    if (!article) throw notFound(`There is no published article with id "${id.slice(0, 40)}": only published articles can be deposited`)
    const xml = await deposit(req, articles, `article-${article.id}`)
    return xmlDownload(xml, `crossref-${article.doi.replace(/[^a-z0-9.-]+/gi, '_')}.xml`)
  },
  method: 'get',
  path: '/:id/crossref',
}

/**
 * GET /api/sections/{id}/crossref: the Crossref deposit of the published
 * articles with a DOI in the section and every section below it (articles
 * without a DOI are left out; the `X-Articles-Without-Doi` header counts
 * them). 409 when none has a DOI.
 */
const sectionCrossrefEndpoint: Omit<Endpoint, 'root'> = {
  handler: async (req) => {
    requirePublisher(req, 'export Crossref deposits')
    const id = idParam(req)
    const found = await req.payload.find({ collection: 'sections', depth: 0, limit: 1, overrideAccess: true, pagination: false, req, select: { slug: true }, where: { id: { equals: id } } })
    const section = found.docs[0]
    if (!section) throw notFound(`There is no section with id "${id.slice(0, 40)}"`)
    const branch = await req.payload.find({ collection: 'sections', depth: 0, overrideAccess: true, pagination: false, req, select: { slug: true }, where: { 'breadcrumbs.doc': { equals: section.id } } })
    const sectionIds = [...new Set([section.id, ...branch.docs.map((doc) => doc.id)])]
    const { articles, withoutDoi } = await readDepositArticles(req.payload, { section: { in: sectionIds } }, SECTION_DEPOSIT_LIMIT)
    if (articles.length === 0) {
      throw new ClientError(`No published article in the section "${section.slug}" has a DOI${withoutDoi ? ` (${withoutDoi} without one)` : ''}: nothing to deposit`, 409)
    }
    const response = xmlDownload(await deposit(req, articles, `section-${section.slug}`), `crossref-section-${section.slug}.xml`)
    response.headers.set('X-Articles-Without-Doi', String(withoutDoi))
    return response
  },
  method: 'get',
  path: '/:id/crossref',
}

/**
 * GET /api/articles/{id}/suggested-doi: the DOI an article gets when an
 * editor has one generated: DOI_PREFIX, a slash, the article's id. The id
 * never changes and names one article only, so the suffix is stable and
 * unique, and carries nothing (section, title, year) that could later be
 * wrong: the opaque kind of suffix Crossref recommends. Nothing is saved.
 */
const suggestedDoiEndpoint: Omit<Endpoint, 'root'> = {
  handler: async (req) => {
    requirePublisher(req, 'generate DOIs')
    const { doiPrefix } = readCrossrefEnvironment()
    if (!doiPrefix) throw new ClientError('DOIs cannot be generated: the server has no DOI_PREFIX (docs/scholarly-metadata.md). Enter the DOI in whole instead', 409)
    const id = idParam(req)
    const { totalDocs } = await req.payload.count({ collection: 'articles', overrideAccess: true, req, where: { id: { equals: id } } })
    if (totalDocs === 0) throw notFound(`There is no article with id "${id.slice(0, 40)}"`)
    return Response.json({ doi: `${doiPrefix}/${id.toLowerCase()}` }, { headers: { 'Cache-Control': 'private, no-store' } })
  },
  method: 'get',
  path: '/:id/suggested-doi',
}

export const crossrefArticleEndpoints: Omit<Endpoint, 'root'>[] = [articleCrossrefEndpoint, suggestedDoiEndpoint]
export const crossrefSectionEndpoints: Omit<Endpoint, 'root'>[] = [sectionCrossrefEndpoint]
