import type { GraphQLOutputType } from 'graphql'
import type { GraphQLExtension, PayloadRequest } from 'payload'

import { databaseWork } from '../graphql/databaseWork'
import { articlePage } from './articlePage'
import { authorPage } from './authorPage'
import { contactDirectory } from './contactDirectory'
import { homePage } from './homePage'
import { MAX_PER_SECTION, positiveInteger, readerQuery } from './readerQuery'
import { sectionPage } from './sectionPage'

type ReaderArgs = {
  draft?: boolean | null
  fallbackLocale?: null | string
  limit?: null | number
  locale?: null | string
  page?: null | number
  perSection?: null | number
  slug?: string
}

/**
 * Resolvers read with depth 0 and leave related documents to Payload's own
 * field resolvers, which load only what the query selects. Those resolvers
 * take the language and drafts setting from the request, so a website query
 * sets them there, as Payload's own list queries do.
 */
function readerRequest(context: { req: PayloadRequest }, args: ReaderArgs): PayloadRequest {
  const { req } = context
  if (args.locale) req.locale = args.locale as PayloadRequest['locale']
  else args.locale = req.locale
  if (args.fallbackLocale) req.fallbackLocale = args.fallbackLocale as PayloadRequest['fallbackLocale']
  req.query = req.query ?? {}
  if (typeof args.draft === 'boolean') (req.query as Record<string, unknown>).draft = String(args.draft)
  return req
}

/**
 * The website's calls over GraphQL, with the same answers as the REST ones
 * under /api/website/ (src/delivery/websiteEndpoints.ts): WebsiteHome,
 * WebsiteSection, WebsiteArticle, WebsiteAuthor and ContactDirectory. Articles,
 * sections, authors and contacts are Payload's own types, so a query selects
 * exactly the fields it needs.
 */
export const websiteGraphqlQueries: GraphQLExtension = (GraphQL, { collections, types }) => {
  const { GraphQLBoolean, GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLString } = GraphQL
  const Article = collections.articles.graphQL!.type
  const Author = collections.authors.graphQL!.type
  const Contact = collections.contacts.graphQL!.type
  const Section = collections.sections.graphQL!.type
  const list = (type: GraphQLOutputType) => new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(type)))

  const languageArgs = {
    draft: { type: GraphQLBoolean },
    fallbackLocale: { type: types.fallbackLocaleInputType ?? GraphQLString },
    locale: { type: types.localeInputType ?? GraphQLString },
  }
  const pageArgs = { ...languageArgs, limit: { type: GraphQLInt }, page: { type: GraphQLInt } }
  const slugArg = { slug: { type: new GraphQLNonNull(GraphQLString) } }

  const ArticlePage = new GraphQLObjectType({
    name: 'WebsiteArticleList',
    fields: {
      docs: { type: list(Article) },
      hasNextPage: { type: new GraphQLNonNull(GraphQLBoolean) },
      hasPrevPage: { type: new GraphQLNonNull(GraphQLBoolean) },
      limit: { type: new GraphQLNonNull(GraphQLInt) },
      page: { type: new GraphQLNonNull(GraphQLInt) },
      totalDocs: { type: new GraphQLNonNull(GraphQLInt) },
      totalPages: { type: new GraphQLNonNull(GraphQLInt) },
    },
  })
  const HomeSection = new GraphQLObjectType({
    name: 'WebsiteHomeSection',
    fields: { articles: { type: list(Article) }, section: { type: new GraphQLNonNull(Section) } },
  })
  const Home = new GraphQLObjectType({
    name: 'WebsiteHome',
    fields: { latest: { type: list(Article) }, sections: { type: list(HomeSection) } },
  })
  const SectionPage = new GraphQLObjectType({
    name: 'WebsiteSectionPage',
    fields: {
      articles: { type: new GraphQLNonNull(ArticlePage) },
      children: { type: list(Section) },
      section: { type: new GraphQLNonNull(Section) },
    },
  })
  const AuthorPage = new GraphQLObjectType({
    name: 'WebsiteAuthorPage',
    fields: { articles: { type: new GraphQLNonNull(ArticlePage) }, author: { type: new GraphQLNonNull(Author) } },
  })
  const DirectoryKind = new GraphQLObjectType({
    name: 'ContactDirectoryKind',
    fields: { entries: { type: list(Contact) }, kind: { type: new GraphQLNonNull(GraphQLString) } },
  })
  const DirectoryOrganization = new GraphQLObjectType({
    name: 'ContactDirectoryOrganization',
    fields: { kinds: { type: list(DirectoryKind) }, organization: { type: new GraphQLNonNull(GraphQLString) } },
  })
  const Directory = new GraphQLObjectType({
    name: 'ContactDirectory',
    fields: { organizations: { type: list(DirectoryOrganization) } },
  })

  /** A missing section, article or author is `null`, as Payload's own by-id queries answer. */
  const nullWhenNotFound = async <T>(load: () => Promise<T>): Promise<null | T> => {
    try {
      return await load()
    } catch (error) {
      if ((error as { status?: number }).status === 404) return null
      throw error
    }
  }

  return {
    ContactDirectory: {
      extensions: databaseWork(2),
      args: { fallbackLocale: languageArgs.fallbackLocale, locale: languageArgs.locale },
      resolve: (_: unknown, args: ReaderArgs, context: { req: PayloadRequest }) => {
        const req = readerRequest(context, args)
        return contactDirectory(req, readerQuery({ locale: args.locale }))
      },
      type: new GraphQLNonNull(Directory),
    },
    WebsiteArticle: {
      extensions: databaseWork(3),
      args: { ...languageArgs, ...slugArg },
      resolve: (_: unknown, args: ReaderArgs, context: { req: PayloadRequest }) => {
        const req = readerRequest(context, args)
        return nullWhenNotFound(() => articlePage(req, String(args.slug), readerQuery(args), 0))
      },
      type: Article,
    },
    WebsiteAuthor: {
      extensions: databaseWork(5),
      args: { ...pageArgs, ...slugArg },
      resolve: (_: unknown, args: ReaderArgs, context: { req: PayloadRequest }) => {
        const req = readerRequest(context, args)
        return nullWhenNotFound(() => authorPage(req, String(args.slug), readerQuery(args, { defaultLimit: 20 }), 0))
      },
      type: AuthorPage,
    },
    WebsiteHome: {
      extensions: databaseWork(6),
      args: { ...languageArgs, limit: { type: GraphQLInt }, perSection: { type: GraphQLInt } },
      resolve: (_: unknown, args: ReaderArgs, context: { req: PayloadRequest }) => {
        const req = readerRequest(context, args)
        const perSection = positiveInteger('perSection', args.perSection, 3, MAX_PER_SECTION)
        return homePage(req, { ...readerQuery(args), perSection }, 0)
      },
      type: new GraphQLNonNull(Home),
    },
    WebsiteSection: {
      extensions: databaseWork(7),
      args: { ...pageArgs, ...slugArg },
      resolve: (_: unknown, args: ReaderArgs, context: { req: PayloadRequest }) => {
        const req = readerRequest(context, args)
        return nullWhenNotFound(() => sectionPage(req, String(args.slug), readerQuery(args, { defaultLimit: 20 }), 0))
      },
      type: SectionPage,
    },
  }
}
