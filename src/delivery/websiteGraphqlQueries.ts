import type { GraphQLInputType, GraphQLOutputType } from 'graphql'
import type { GraphQLExtension, PayloadRequest } from 'payload'

import { databaseWork } from '../graphql/databaseWork'
import { pageSeoGraphqlType } from '../seo/graphql'
import { type WebsiteCallParameter, type WebsiteGraphqlAnswer, websiteCallQuery, WEBSITE_CALLS } from './websiteCalls'

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
 * The website's calls over GraphQL, made from the same declarations as the
 * REST ones (src/delivery/websiteCalls.ts), with the same answers: WebsiteHome,
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
  // Every page's `seo` (src/seo/pageSeo.ts): null with locale=all.
  const seo = { type: pageSeoGraphqlType(GraphQL) }
  // The article page: Payload's Article with its `seo`, its fields taken when the schema is built (plugins' fields included).
  const ArticleWithSeo = new GraphQLObjectType({
    name: 'WebsiteArticlePage',
    fields: () => ({ ...Article.toConfig().fields, seo }),
  })

  const languageArgs = {
    draft: { type: GraphQLBoolean },
    fallbackLocale: { type: types.fallbackLocaleInputType ?? GraphQLString },
    locale: { type: types.localeInputType ?? GraphQLString },
  }

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
    fields: { latest: { type: list(Article) }, sections: { type: list(HomeSection) }, seo },
  })
  const SectionPage = new GraphQLObjectType({
    name: 'WebsiteSectionPage',
    fields: {
      articles: { type: new GraphQLNonNull(ArticlePage) },
      children: { type: list(Section) },
      section: { type: new GraphQLNonNull(Section) },
      seo,
    },
  })
  const AuthorPage = new GraphQLObjectType({
    name: 'WebsiteAuthorPage',
    fields: { articles: { type: new GraphQLNonNull(ArticlePage) }, author: { type: new GraphQLNonNull(Author) }, seo },
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

  const answers: Record<WebsiteGraphqlAnswer, GraphQLOutputType> = {
    // The article page's type: Article with its `seo`.
    Article: ArticleWithSeo,
    AuthorPage,
    Directory: new GraphQLNonNull(Directory),
    Home: new GraphQLNonNull(Home),
    SectionPage,
  }
  const argumentTypes: Record<WebsiteCallParameter, { type: GraphQLInputType }> = {
    ...languageArgs,
    limit: { type: GraphQLInt },
    page: { type: GraphQLInt },
    perSection: { type: GraphQLInt },
    slug: { type: new GraphQLNonNull(GraphQLString) },
  }

  return Object.fromEntries(
    WEBSITE_CALLS.map((call) => [
      call.graphqlName,
      {
        args: Object.fromEntries(call.parameters.map((name) => [name, argumentTypes[name]])),
        extensions: databaseWork(call.databaseCommands),
        resolve: async (_: unknown, args: ReaderArgs, context: { req: PayloadRequest }) => {
          const req = readerRequest(context, args)
          try {
            return await call.answer(req, websiteCallQuery(req, call, args), 0)
          } catch (error) {
            // A missing section, article or author is `null`, as Payload's own by-id queries answer.
            if (call.mayBeMissing && (error as { status?: number }).status === 404) return null
            throw error
          }
        },
        type: answers[call.graphqlAnswer],
      },
    ]),
  )
}
