import type { PayloadRequest } from 'payload'

import { findRedirect, type WebsiteRedirect } from './lookup'
import { MAX_PATH_LENGTH } from './websitePath'

/**
 * The website's redirect call, declared once as the website's other calls
 * are (src/delivery/websiteCalls.ts): the REST endpoint, the GraphQL query
 * and the OpenAPI path are made from this (src/redirects/plugin.ts).
 */
export const REDIRECT_CALL = {
  answer: (req: PayloadRequest, args: { path?: null | string }): Promise<WebsiteRedirect> => findRedirect(req, args.path),
  /** The most database commands one call makes (test/redirects/redirects.spec.ts), which GraphQL prices it by. */
  databaseCommands: 2,
  description:
    'Where an old path of the website leads now, for a page the website cannot find: the path (normalized: trailing slash, percent-encoding and query string make no difference) and the status to answer with. 404 when nothing leads anywhere from there. Recorded by the CMS when a published page moves, by the importer for the old site\'s addresses, or by editors (docs/api.md#redirects).',
  graphqlName: 'WebsiteRedirect',
  /** GraphQL answers null where REST answers 404. */
  mayBeMissing: true,
  parameter: { description: 'The path the website was asked for, e.g. /en/articles/old-name (a whole URL is cut to its path).', maxLength: MAX_PATH_LENGTH, name: 'path' },
  path: '/website/redirects',
  schema: 'WebsiteRedirect',
  summary: 'Redirect',
} as const
