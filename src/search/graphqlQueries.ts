import type { GraphQLNullableType } from 'graphql'
import type { GraphQLExtension, PayloadRequest } from 'payload'

import { databaseWork } from '../graphql/databaseWork'
import { READER_LOCALES } from '../policy/languages'
import { runSearch } from './runSearch'
import { searchQuery } from './searchQuery'

type SearchArgs = { limit?: null | number; locale?: null | string; page?: null | number; q?: null | string; section?: null | string }

/**
 * `Search(q, locale, section, page, limit)`: the search of GET /api/search
 * over GraphQL, with the same answers and the same checks (a bad argument is
 * an error naming it). See docs/search.md.
 */
export const searchGraphqlQueries: GraphQLExtension = (GraphQL) => {
  const { GraphQLBoolean, GraphQLEnumType, GraphQLFloat, GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLString } = GraphQL
  const required = <T extends GraphQLNullableType>(type: T) => new GraphQLNonNull(type)

  const SearchLocale = new GraphQLEnumType({
    name: 'SearchLocale',
    values: Object.fromEntries(READER_LOCALES.map((locale) => [locale, { value: locale }])),
  })
  const SearchHitKind = new GraphQLEnumType({ name: 'SearchHitKind', values: { article: { value: 'article' }, author: { value: 'author' } } })
  const SearchHitAuthor = new GraphQLObjectType({
    name: 'SearchHitAuthor',
    fields: { name: { type: required(GraphQLString) }, slug: { type: required(GraphQLString) } },
  })
  const SearchHitSection = new GraphQLObjectType({
    name: 'SearchHitSection',
    fields: { id: { type: required(GraphQLString) }, slug: { type: required(GraphQLString) }, title: { type: required(GraphQLString) } },
  })
  const SearchHit = new GraphQLObjectType({
    name: 'SearchHit',
    fields: {
      authors: { type: required(new GraphQLList(required(SearchHitAuthor))) },
      highlightedTitle: { description: 'The title as HTML, matches in <mark>.', type: required(GraphQLString) },
      id: { type: required(GraphQLString) },
      kind: { type: required(SearchHitKind) },
      locale: { type: required(GraphQLString) },
      publishedAt: { type: GraphQLString },
      score: { type: required(GraphQLFloat) },
      section: { type: SearchHitSection },
      slug: { type: required(GraphQLString) },
      snippet: { description: 'A passage around the matches as HTML, matches in <mark>.', type: required(GraphQLString) },
      title: { type: required(GraphQLString) },
      url: { type: required(GraphQLString) },
    },
  })
  const SearchResults = new GraphQLObjectType({
    name: 'SearchResults',
    fields: {
      docs: { type: required(new GraphQLList(required(SearchHit))) },
      hasNextPage: { type: required(GraphQLBoolean) },
      hasPrevPage: { type: required(GraphQLBoolean) },
      limit: { type: required(GraphQLInt) },
      page: { type: required(GraphQLInt) },
      totalDocs: { type: required(GraphQLInt) },
      totalDocsExact: { type: required(GraphQLBoolean) },
      totalPages: { type: required(GraphQLInt) },
    },
  })

  return {
    Search: {
      extensions: databaseWork(6),
      args: {
        limit: { type: GraphQLInt },
        locale: { type: SearchLocale },
        page: { type: GraphQLInt },
        q: { type: required(GraphQLString) },
        section: { type: GraphQLString },
      },
      resolve: (_: unknown, args: SearchArgs, context: { req: PayloadRequest }) => runSearch(context.req, searchQuery(context.req, args)),
      type: required(SearchResults),
    },
  }
}
