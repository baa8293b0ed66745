import type { GraphQLObjectType } from 'graphql'
import type { GraphQLExtension } from 'payload'

type GraphQLModule = Parameters<GraphQLExtension>[0]

/**
 * The GraphQL type of a page's `seo` object (src/seo/pageSeo.ts), the same
 * fields as the REST answer's: made once per schema, for the page types of
 * src/delivery/websiteGraphqlQueries.ts.
 */
export function pageSeoGraphqlType(GraphQL: GraphQLModule): GraphQLObjectType {
  const { GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLString } = GraphQL
  const required = (type: typeof GraphQLString) => ({ type: new GraphQLNonNull(type) })
  const Alternate = new GraphQLObjectType({
    name: 'PageSeoAlternate',
    fields: { href: required(GraphQLString), hreflang: required(GraphQLString) },
  })
  const Image = new GraphQLObjectType({
    name: 'PageSeoImage',
    fields: { alt: { type: GraphQLString }, height: { type: GraphQLInt }, url: required(GraphQLString), width: { type: GraphQLInt } },
  })
  return new GraphQLObjectType({
    name: 'PageSeo',
    description: 'What the page prints in its head: title, description, share image, canonical address, hreflang alternates and robots, with every default applied.',
    fields: {
      alternates: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(Alternate))) },
      canonical: required(GraphQLString),
      description: { type: GraphQLString },
      image: { type: Image },
      robots: required(GraphQLString),
      siteName: { type: GraphQLString },
      title: required(GraphQLString),
      type: required(GraphQLString),
    },
  })
}
