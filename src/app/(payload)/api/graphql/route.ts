/* THIS FILE WAS GENERATED AUTOMATICALLY BY PAYLOAD. */
/* DO NOT MODIFY IT BECAUSE IT COULD BE REWRITTEN AT ANY TIME. */
import config from '@payload-config'
import { GRAPHQL_POST, REST_OPTIONS } from '@payloadcms/next/routes'

import { withBadRequestStatus } from '../../../../graphql/badRequestStatus'

// Changed from the generated file: a query refused before it runs (invalid, or over a limit)
// answers 400 rather than 200, and queries may be sent by GET (?query=…&variables=…) so the
// website's GraphQL reads can be cached like REST ones; GET refuses mutations (405).
export const POST = withBadRequestStatus(GRAPHQL_POST(config))

export const GET = withBadRequestStatus(GRAPHQL_POST(config))

export const OPTIONS = REST_OPTIONS(config)
