import type { PayloadRequest } from 'payload'

import { articlePage } from './articlePage'
import { authorPage } from './authorPage'
import { contactDirectory } from './contactDirectory'
import { homePage } from './homePage'
import { MAX_PER_SECTION, positiveInteger, type ReaderQuery, readerQuery } from '../policy/readerQuery'
import { sectionPage } from './sectionPage'

/** What a call may be asked, in the order the OpenAPI document lists it. */
export type WebsiteCallParameter = 'draft' | 'fallbackLocale' | 'limit' | 'locale' | 'page' | 'perSection' | 'slug'

/** The arguments of one call, from a query string or GraphQL arguments alike. */
export type WebsiteCallArguments = {
  draft?: boolean | null | string
  limit?: null | number | string
  locale?: null | string
  page?: null | number | string
  perSection?: null | number | string
  slug?: null | string
}

/** The GraphQL shapes the answers take (src/delivery/websiteGraphqlQueries.ts). */
export type WebsiteGraphqlAnswer = 'Article' | 'AuthorPage' | 'Directory' | 'Home' | 'SectionPage'

/**
 * One public call of the website, declared once: the REST endpoint
 * (src/delivery/websiteEndpoints.ts), the GraphQL query
 * (src/delivery/websiteGraphqlQueries.ts) and the OpenAPI path
 * (src/delivery/openapi.ts) are all made from this.
 */
export type WebsiteCall = {
  /** What the call answers: related documents filled in to `depth` levels (REST 1; GraphQL 0, its own resolvers load what a query selects). */
  answer(req: PayloadRequest, query: ReaderQuery & { perSection: number; slug: string }, depth: number): Promise<unknown>
  /** Items per page when the call does not say. */
  defaultLimit?: number
  /** The most database commands one call makes (test/delivery/databaseCommands.spec.ts), which GraphQL prices it by. */
  databaseCommands: number
  description: string
  /** The GraphQL query's name. */
  graphqlName: string
  graphqlAnswer: WebsiteGraphqlAnswer
  /** Whether the call names one thing (a slug) that may not exist: 404 over REST, null in GraphQL. */
  mayBeMissing: boolean
  parameters: WebsiteCallParameter[]
  /** The REST path: under /api, or under /api/<collection> when `collection` is set. */
  path: string
  collection?: string
  /** The JSON Schema of the REST answer (components/schemas in the OpenAPI document). */
  schema: string
  summary: string
}

const languageParameters: WebsiteCallParameter[] = ['locale', 'fallbackLocale']

export const WEBSITE_CALLS: WebsiteCall[] = [
  {
    answer: (req, query, depth) => homePage(req, query, depth),
    // Two of them read the site and its share image for `seo` (src/seo/pageSeo.ts), as on every page call.
    databaseCommands: 8,
    defaultLimit: 10,
    description: 'The newest published articles overall and, for each section readers can see, its newest ones. Lists carry no bodies. `seo`: what the page prints in its head.',
    graphqlAnswer: 'Home',
    graphqlName: 'WebsiteHome',
    mayBeMissing: false,
    parameters: [...languageParameters, 'limit', 'perSection', 'draft'],
    path: '/website/home',
    schema: 'HomePage',
    summary: 'Home page',
  },
  {
    answer: (req, query, depth) => sectionPage(req, query.slug, query, depth),
    databaseCommands: 9,
    defaultLimit: 20,
    description: 'A section with its breadcrumbs and sub-sections, and a page of the articles of its branch (the section and every section below it), newest first. `seo`: what the page prints in its head.',
    graphqlAnswer: 'SectionPage',
    graphqlName: 'WebsiteSection',
    mayBeMissing: true,
    parameters: ['slug', ...languageParameters, 'limit', 'page', 'draft'],
    path: '/website/sections/:slug',
    schema: 'SectionPage',
    summary: 'Section page',
  },
  {
    answer: (req, query, depth) => articlePage(req, query.slug, query, depth),
    databaseCommands: 5,
    description:
      'A whole article with its authors (name, position, affiliation, slug, photo), its section and breadcrumbs. `contentLocale` says which language it is served in; `translations` lists the other languages it exists in; `seo` is what the page prints in its head.',
    graphqlAnswer: 'Article',
    graphqlName: 'WebsiteArticle',
    mayBeMissing: true,
    parameters: ['slug', ...languageParameters, 'draft'],
    path: '/website/articles/:slug',
    schema: 'ArticlePage',
    summary: 'Article page',
  },
  {
    answer: (req, query, depth) => authorPage(req, query.slug, query, depth),
    databaseCommands: 7,
    defaultLimit: 20,
    description: 'An author and a page of their published articles, newest first. `seo`: what the page prints in its head.',
    graphqlAnswer: 'AuthorPage',
    graphqlName: 'WebsiteAuthor',
    mayBeMissing: true,
    parameters: ['slug', ...languageParameters, 'limit', 'page', 'draft'],
    path: '/website/authors/:slug',
    schema: 'AuthorPage',
    summary: 'Author page',
  },
  {
    answer: (req, query) => contactDirectory(req, query),
    collection: 'contacts',
    databaseCommands: 2,
    description: 'The visible directory entries grouped by organisation, then kind, in display order.',
    graphqlAnswer: 'Directory',
    graphqlName: 'ContactDirectory',
    mayBeMissing: false,
    parameters: [...languageParameters],
    path: '/directory',
    schema: 'ContactDirectory',
    summary: 'Contact directory',
  },
]

/** Checks a call's arguments (400 naming the first wrong one) and puts them in the shape its answer takes. */
export function websiteCallQuery(req: PayloadRequest, call: WebsiteCall, args: WebsiteCallArguments): ReaderQuery & { perSection: number; slug: string } {
  return {
    ...readerQuery(args, { defaultLimit: call.defaultLimit }),
    perSection: positiveInteger('perSection', args.perSection, 3, MAX_PER_SECTION),
    slug: String(args.slug ?? ''),
  }
}
