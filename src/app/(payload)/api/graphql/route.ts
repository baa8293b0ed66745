/* THIS FILE WAS GENERATED AUTOMATICALLY BY PAYLOAD. */
/* DO NOT MODIFY IT BECAUSE IT COULD BE REWRITTEN AT ANY TIME. */
import config from '@payload-config'
import { GRAPHQL_POST, REST_OPTIONS } from '@payloadcms/next/routes'

import { withBadRequestStatus } from '../../../../graphql/badRequestStatus'
import { withFragmentExpansionLimit } from '../../../../graphql/fragmentExpansion'
import { readMaxApiBodyBytes } from '../../../../lib/environment'
import { withRequestLimits } from '../../../../lib/requestLimits'

// Changed from the generated file: a query refused before it runs (invalid, or over a limit)
// answers 400 rather than 200, and queries may be sent by GET (?query=…&variables=…) so the
// website's GraphQL reads can be cached like REST ones; GET refuses mutations (405).
// A body over API_MAX_BODY_KB gets 413 (src/lib/requestLimits.ts), and a document whose
// fragments expand to too many fields 400 (src/graphql/fragmentExpansion.ts).
const limits = { maxBodyBytes: readMaxApiBodyBytes(), objectBodies: false }

export const POST = withRequestLimits(withFragmentExpansionLimit(withBadRequestStatus(GRAPHQL_POST(config))), limits)

export const GET = withRequestLimits(withFragmentExpansionLimit(withBadRequestStatus(GRAPHQL_POST(config))), limits)

export const OPTIONS = REST_OPTIONS(config)
