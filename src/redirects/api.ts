import type { Endpoint, GraphQLExtension, PayloadRequest } from 'payload'

import { databaseWork } from '../graphql/databaseWork'
import { read, ref } from '../openapi/builders'
import type { OpenApiPart } from '../openapi/parts'
import { REDIRECT_CALL } from './websiteCall'

/** `GET /api/website/redirects?path=…`: 200 `{ from, to, status }` or 404, cacheable like every website call. */
export const redirectEndpoint: Endpoint = {
  handler: async (req: PayloadRequest) => Response.json(await REDIRECT_CALL.answer(req, { path: req.searchParams.get(REDIRECT_CALL.parameter.name) })),
  method: 'get',
  path: REDIRECT_CALL.path,
}

/** `WebsiteRedirect(path)`: the same answer over GraphQL, null where REST answers 404. */
export const redirectGraphqlQueries: GraphQLExtension = (GraphQL) => {
  const { GraphQLInt, GraphQLNonNull, GraphQLObjectType, GraphQLString } = GraphQL
  const WebsiteRedirect = new GraphQLObjectType({
    name: REDIRECT_CALL.schema,
    fields: {
      from: { description: 'The path asked for, normalized.', type: new GraphQLNonNull(GraphQLString) },
      status: { description: '301 (permanent) or 302 (temporary).', type: new GraphQLNonNull(GraphQLInt) },
      to: { description: 'The path it leads to now.', type: new GraphQLNonNull(GraphQLString) },
    },
  })
  return {
    [REDIRECT_CALL.graphqlName]: {
      args: { [REDIRECT_CALL.parameter.name]: { type: new GraphQLNonNull(GraphQLString) } },
      description: REDIRECT_CALL.description,
      extensions: databaseWork(REDIRECT_CALL.databaseCommands),
      resolve: async (_: unknown, args: { path?: string }, context: { req: PayloadRequest }) => {
        try {
          return await REDIRECT_CALL.answer(context.req, args)
        } catch (error) {
          if (REDIRECT_CALL.mayBeMissing && (error as { status?: number }).status === 404) return null
          throw error
        }
      },
      type: WebsiteRedirect,
    },
  }
}

/** The call's part of the OpenAPI document. */
export const redirectsOpenApi: OpenApiPart = {
  paths: {
    [`/api${REDIRECT_CALL.path}`]: read(
      REDIRECT_CALL.summary,
      REDIRECT_CALL.description,
      [
        {
          description: REDIRECT_CALL.parameter.description,
          in: 'query',
          name: REDIRECT_CALL.parameter.name,
          required: true,
          schema: { maxLength: REDIRECT_CALL.parameter.maxLength, minLength: 1, type: 'string' },
        },
      ],
      ref(REDIRECT_CALL.schema),
    ),
  },
  schemas: {
    [REDIRECT_CALL.schema]: {
      additionalProperties: false,
      properties: {
        from: { description: 'The path asked for, normalized.', type: 'string' },
        status: { description: 'The HTTP status to redirect with: 301 permanent, 302 temporary.', enum: [301, 302], type: 'integer' },
        to: { description: 'The path on the website it leads to now.', type: 'string' },
      },
      required: ['from', 'to', 'status'],
      type: 'object',
    },
  },
}
